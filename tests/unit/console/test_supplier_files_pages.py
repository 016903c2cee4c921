"""CSV files of suppliers, supplier prices and exchange rates in the console: uploads that name every refused row
and write nothing, downloads linked from the lists in the columns the uploads take."""

from __future__ import annotations

import io

from flask import Flask

from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def _upload(manager: Browser, resource: str, action: str, content: str) -> tuple[int, str]:
    response = manager.post(f"/console/{resource}/do/{action}", {
        "file": (io.BytesIO(content.encode()), "file.csv")}, content_type="multipart/form-data")
    return response.status_code, text(response)


def test_suppliers_prices_and_rates_are_uploaded_downloaded_and_uploaded_again_unchanged(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    uploads = [("supplier", "import", "code,name,currency,lead_time_days\nBOLT,Bolt AG,EUR,4\n"),
               ("supplier", "import-prices", "supplier_code,sku,price,unit_factor,purchase_unit\n"
                                             "BOLT,BOOK,90.00,10,box of 10\n"),
               ("exchange_rate", "import", "from_currency,to_currency,day,rate\nEUR,USD,2026-03-01,1.0842\n")]
    first = [_upload(manager, *upload) for upload in uploads]
    files = [manager.get(f"/console/{name}.csv") for name in ("suppliers", "supplier_prices", "exchange_rates")]

    again = [_upload(manager, resource, action, text(file)) for (resource, action, _), file in zip(
        uploads, files, strict=True)]

    assert [(status, "1 created" in page) for status, page in first] == [(200, True)] * 3
    assert [file.mimetype for file in files] == ["text/csv"] * 3
    assert text(files[1]).splitlines()[1] == "BOLT,BOOK,90.00,EUR,0,box of 10,10,,,,false"
    assert [(status, "0 created, 0 updated, 1 unchanged" in page) for status, page in again] == [(200, True)] * 3
    assert "9.00 EUR" in text(manager.get("/console/suppliers/BOLT"))


def test_a_bad_price_row_names_its_row_and_field_and_writes_nothing(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    _upload(manager, "supplier", "import", "code,name,currency\nBOLT,Bolt AG,EUR\n")

    status, page = _upload(manager, "supplier", "import-prices", "supplier_code,sku,price\nBOLT,BOOK,9\n"
                                                                "BOLT,NOPE,9\n")

    assert status == 422
    assert '<td class="num">3</td><td>sku</td>' in page
    assert "Nothing imported" in page
    assert "BOOK" not in text(manager.get("/console/suppliers/BOLT"))


def test_the_lists_link_their_downloads_and_uploads(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)

    suppliers = text(manager.get("/console/suppliers"))
    rates = text(manager.get("/console/exchange-rates"))

    assert 'href="/console/suppliers.csv"' in suppliers
    assert 'href="/console/supplier_prices.csv"' in suppliers
    assert "/console/supplier/do/import-prices" in suppliers
    assert 'href="/console/exchange_rates.csv"' in rates
    assert "/console/exchange_rate/do/import" in rates
    assert "Import exchange rates" in text(manager.get("/console/exchange_rate/do/import"))
