"""A product's category over HTTP: given at creation, changed, removed, shown, listed by, imported; a bad one is
refused naming `category`."""

from __future__ import annotations

import pytest

from oms.entrypoints.http.testing import Caller

LAMP = {"sku": "LAMP", "name": "Lamp", "price": "19.99", "currency": "EUR"}


def test_a_product_is_created_with_a_category_without_its_surrounding_spaces(manager: Caller,
                                                                            viewer: Caller) -> None:
    created = manager.post("/products", json={**LAMP, "category": "  lighting/desk  "})

    assert created.status_code == 201, created.get_json()
    assert created.get_json()["category"] == "lighting/desk"
    assert viewer.get("/products/LAMP").get_json()["category"] == "lighting/desk"


@pytest.mark.parametrize("body", [{}, {"category": None}, {"category": ""}])
def test_a_product_made_without_a_category_shows_null(manager: Caller, body: dict[str, object]) -> None:
    created = manager.post("/products", json={**LAMP, **body})

    assert created.status_code == 201, created.get_json()
    assert created.get_json()["category"] is None


@pytest.mark.parametrize("category", ["x" * 65, "tools\nhardware", "tab\there", "   ", "bell\x07"])
def test_a_bad_category_is_refused_naming_the_field_and_nothing_is_made(manager: Caller, viewer: Caller,
                                                                        category: str) -> None:
    refused = manager.post("/products", json={**LAMP, "category": category})

    assert refused.status_code == 422, refused.get_json()
    assert [error["pointer"] for error in refused.get_json()["errors"]] == ["#/category"]
    assert viewer.get("/products/LAMP").status_code == 404


def test_an_update_changes_keeps_and_removes_the_category(manager: Caller) -> None:
    manager.post("/products", json={**LAMP, "category": "lighting"})

    changed = manager.patch("/products/LAMP", json={"category": "lighting/desk"})
    kept = manager.patch("/products/LAMP", json={"price": "17.50"})
    removed = manager.patch("/products/LAMP", json={"category": ""})

    assert changed.get_json()["category"] == "lighting/desk"
    assert (kept.get_json()["category"], kept.get_json()["price"]["amount"]) == ("lighting/desk", "17.50")
    assert removed.get_json()["category"] is None


def test_an_update_with_a_bad_category_is_refused_and_changes_nothing(manager: Caller, viewer: Caller) -> None:
    manager.post("/products", json={**LAMP, "category": "lighting"})

    refused = manager.patch("/products/LAMP", json={"category": "y" * 65, "price": "1.00"})

    assert refused.status_code == 422, refused.get_json()
    assert [error["pointer"] for error in refused.get_json()["errors"]] == ["#/category"]
    shown = viewer.get("/products/LAMP").get_json()
    assert (shown["category"], shown["price"]["amount"]) == ("lighting", "19.99")


def test_products_are_listed_by_category(manager: Caller, viewer: Caller) -> None:
    for sku, category in (("LAMP", "lighting"), ("SPOT", "lighting"), ("BULB", "lighting/parts")):
        manager.post("/products", json={**LAMP, "sku": sku, "category": category})

    lighting = viewer.get("/products?category=lighting").get_json()["items"]
    first = viewer.get("/products?category=lighting&limit=1").get_json()
    rest = viewer.get(f"/products?category=lighting&limit=1&cursor={first['next_cursor']}").get_json()

    assert [p["sku"] for p in lighting] == ["LAMP", "SPOT"]
    assert [p["sku"] for p in first["items"] + rest["items"]] == ["LAMP", "SPOT"]
    assert viewer.get("/products?category=" + "z" * 65).status_code == 400


def test_an_import_sets_changes_keeps_and_removes_categories(manager: Caller, viewer: Caller) -> None:
    row = {"kind": "stocked", "uom": "unit", "price": "10.00", "currency": "EUR", "tax_category": "standard"}
    manager.post("/products", json={**LAMP, "sku": "KEEP", "category": "kept"})
    manager.post("/products", json={**LAMP, "sku": "DROP", "category": "dropped"})

    report = manager.post("/products/import", json={"rows": [
        {**row, "row": 2, "sku": "NEW", "name": "New", "category": "tools"},
        {**row, "row": 3, "sku": "KEEP", "name": "Lamp"},
        {**row, "row": 4, "sku": "DROP", "name": "Lamp", "category": ""}]}).get_json()
    refused = manager.post("/products/import", json={"rows": [
        {**row, "row": 2, "sku": "BAD", "name": "Bad", "category": "a\tb"}]}).get_json()

    assert report["applied"] is True, report
    assert [viewer.get(f"/products/{sku}").get_json()["category"] for sku in ("NEW", "KEEP", "DROP")] == [
        "tools", "kept", None]
    assert (refused["applied"], [(e["row"], e["field"]) for e in refused["refused"]]) == (False, [(2, "category")])
