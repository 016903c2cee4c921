"""A product's category in the console: a column and a filter of the product list, a fact of the product's page
(a dash when it has none), an input of the create and Edit forms (Edit starts from the category it has)."""

from __future__ import annotations

import re

from flask import Flask

from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text

DASH = "\N{EN DASH}"  # what the console shows for nothing


def _create(manager: Browser, sku: str, category: str = "") -> None:
    response = manager.post("/console/product/do/create", {"sku": sku, "name": sku.title(), "price": "1.00",
                                                           "currency": "EUR", "category": category})
    assert response.status_code == 302, text(response)


def _edit_form(manager: Browser, sku: str) -> str:
    edit = re.search(r'href="([^"]*/do/update[^"]*)"', text(manager.get(f"/console/products/{sku}")))
    assert edit is not None
    return text(manager.get(edit.group(1).replace("&amp;", "&")))


def test_the_product_list_shows_the_category_and_filters_by_it(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    _create(manager, "BOLT", "hardware/fasteners")
    _create(manager, "SAW", "tools")

    everything = text(manager.get("/console/products"))
    tools = text(manager.get("/console/products?category=tools"))

    assert "<th>Category</th>" in everything
    assert "hardware/fasteners" in everything
    assert 'name="category"' in everything
    assert "SAW" in tools
    assert "BOLT" not in tools
    assert 'value="tools"' in tools  # the filter keeps what was asked


def test_a_product_page_shows_its_category_and_edit_starts_from_it(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    _create(manager, "BOLT", "hardware/fasteners")

    form = _edit_form(manager, "BOLT")
    manager.post("/console/product/BOLT/do/update", {"category": "hardware"})

    assert re.search(r'name="category"[^>]*value="hardware/fasteners"', form)
    assert "<dd>hardware</dd>" in text(manager.get("/console/products/BOLT"))


def test_a_product_without_a_category_shows_a_dash_and_edit_leaves_the_input_empty(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    _create(manager, "NUT")

    page = text(manager.get("/console/products/NUT"))
    form = _edit_form(manager, "NUT")

    assert "None" not in page
    assert f"<dd>{DASH}</dd>" in page
    assert "None" not in form


def test_a_bad_category_is_shown_beside_its_input_and_nothing_is_made(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)

    response = manager.post("/console/product/do/create", {"sku": "BOLT", "name": "Bolt", "price": "1.00",
                                                           "currency": "EUR", "category": "x" * 65})

    field = re.search(r'<label class="field invalid">.*?</label>', text(response), re.S)
    assert response.status_code == 422
    assert field is not None
    assert 'name="category"' in field.group(0)
    assert manager.get("/console/products/BOLT").status_code == 404
