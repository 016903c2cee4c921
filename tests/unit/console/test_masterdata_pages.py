"""Master data in the console: lists and pages, creation with errors beside their fields, Edit pre-filled, and CSV
import (every refused row named, all or nothing unless partial) and export in the columns the import takes."""

from __future__ import annotations

import io
import re

from flask import Flask

from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def _upload(manager: Browser, resource: str, content: str, **fields: str) -> tuple[int, str]:
    response = manager.post(f"/console/{resource}/do/import", {
        "file": (io.BytesIO(content.encode()), f"{resource}s.csv"), **fields}, content_type="multipart/form-data")
    return response.status_code, text(response)


def test_a_product_with_a_bad_price_shows_the_error_beside_price_and_is_not_created(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)

    response = manager.post("/console/product/do/create", {"sku": "LAMP", "name": "Lamp", "price": "-5",
                                                           "currency": "EUR"})

    field = re.search(r'<label class="field invalid">.*?</label>', text(response), re.S)
    assert response.status_code == 422
    assert field is not None
    assert 'name="price"' in field.group(0)
    assert manager.get("/console/products/LAMP").status_code == 404


def test_a_created_product_is_listed_and_edited_from_its_page(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    created = manager.post("/console/product/do/create", {"sku": "LAMP", "name": "Lamp", "price": "12.50",
                                                          "currency": "EUR"})

    page = text(manager.get("/console/products/LAMP"))
    edit = re.search(r'href="([^"]*/do/update[^"]*)"', page)
    assert edit is not None
    form = text(manager.get(edit.group(1).replace("&amp;", "&")))
    manager.post("/console/product/LAMP/do/update", {"price": "14.00"})

    assert created.location == "/console/products/LAMP"
    assert 'value="12.50"' in form
    assert 'value="Lamp"' in form
    assert "14.00 EUR" in text(manager.get("/console/products/LAMP"))
    assert "LAMP" in text(manager.get("/console/products?search=lam&active=true"))
    assert "LAMP" not in text(manager.get("/console/products?active=false"))


def test_a_viewer_sees_the_registers_without_create_buttons(app: Flask) -> None:
    viewer = browser(app, Role.VIEWER)

    pages = [text(viewer.get(f"/console/{path}")) for path in ("customers", "branches", "warehouses", "tax-rates")]

    assert "ACME" in pages[0]
    assert "BER" in pages[1]
    assert "MUC-1" in pages[2]
    assert "0.19" in pages[3]
    assert all("/do/" not in page for page in pages)


def test_an_import_with_one_bad_row_names_its_row_and_field_and_creates_nothing(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    csv = "sku,name,price,currency\nLAMP,Lamp,12.00,EUR\nCHAIR,Chair,abc,EUR\n"

    status, page = _upload(manager, "product", csv)

    assert status == 422
    assert re.search(r'<td class="num">3</td><td>price</td><td>[^<]+</td>', page)
    assert "Nothing imported" in page
    assert manager.get("/console/products/LAMP").status_code == 404


def test_a_partial_import_takes_the_valid_rows_and_names_the_refused_one(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    csv = "sku,name,price,currency,active\nLAMP,Lamp,12.00,EUR,true\nCHAIR,Chair,9.00,EUR,maybe\n"

    status, page = _upload(manager, "product", csv, partial="true")

    assert status == 200
    assert "1 created" in page
    assert re.search(r'<td class="num">3</td><td>active</td><td>must be true or false', page)
    assert manager.get("/console/products/LAMP").status_code == 200
    assert manager.get("/console/products/CHAIR").status_code == 404


def test_a_file_with_unknown_columns_is_refused_beside_the_file_input(app: Flask) -> None:
    status, page = _upload(browser(app, Role.MANAGER), "customer", "code,nickname\nX,Y\n")

    field = re.search(r'<label class="field invalid">.*?</label>', page, re.S)
    assert status == 400
    assert field is not None
    assert 'name="file"' in field.group(0)
    assert "nickname" in field.group(0)


def test_an_export_downloads_what_the_import_takes(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    products = manager.get("/console/products.csv")
    customers = manager.get("/console/customers.csv")

    again = [_upload(manager, "product", text(products)), _upload(manager, "customer", text(customers))]

    assert products.mimetype == "text/csv"
    assert text(products).startswith("sku,name,kind,uom,price,currency,tax_category,active,invoice_policy,"
                                      "category\r\n")
    assert "DESK,Desk,stocked,unit,100.00,EUR,standard,true,delivered" in text(products)
    assert "UNI" in text(customers)
    assert [status for status, _ in again] == [200, 200]
    assert all("0 created, 0 updated" in page for _, page in again)


def test_a_clerk_may_not_import(clerk: Browser) -> None:
    status, _ = _upload(clerk, "product", "sku,name,price,currency\nLAMP,Lamp,12.00,EUR\n")

    assert status == 403
