"""The invoice policy over HTTP: given or defaulted on a product, refused when unknown, kept by the lines."""

from __future__ import annotations

import pytest

from oms.entrypoints.http.testing import Caller

LAMP = {"sku": "LAMP", "name": "Lamp", "price": "19.99", "currency": "EUR"}


@pytest.mark.parametrize(("given", "shown"), [({"invoice_policy": "ordered"}, "ordered"), ({}, "delivered"),
                                              ({"kind": "service"}, "ordered")])
def test_a_product_is_created_with_the_policy_given_or_else_its_kinds(manager: Caller, viewer: Caller,
                                                                       given: dict[str, str], shown: str) -> None:
    created = manager.post("/products", json={**LAMP, **given})

    assert created.status_code == 201, created.get_json()
    assert created.get_json()["invoice_policy"] == viewer.get("/products/LAMP").get_json()["invoice_policy"] == shown


def test_an_unknown_policy_is_refused_naming_the_field_and_nothing_is_made(manager: Caller, viewer: Caller) -> None:
    refused = manager.post("/products", json={**LAMP, "invoice_policy": "monthly"})

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.get_json()["errors"]] == ["#/invoice_policy"]
    assert viewer.get("/products/LAMP").status_code == 404


def test_a_converted_quotations_order_lines_keep_the_policy_of_when_the_quotation_was_made(
        clerk: Caller, manager: Caller) -> None:
    quotation = clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "BER", "lines": [
        {"sku": "DESK", "quantity": "1"}, {"sku": "FIT", "quantity": "1"}]}).get_json()
    number = quotation["number"]
    clerk.post(f"/quotations/{number}/send")
    clerk.post(f"/quotations/{number}/accept")

    changed = manager.patch("/products/DESK", json={"invoice_policy": "ordered"})
    order = clerk.post(f"/quotations/{number}/convert", json={}).get_json()

    assert changed.get_json()["invoice_policy"] == "ordered"
    assert [(line["sku"], line["invoice_policy"]) for line in quotation["lines"]] == [
        ("DESK", "delivered"), ("FIT", "ordered")]
    assert [(line["sku"], line["invoice_policy"]) for line in order["lines"]] == [
        ("DESK", "delivered"), ("FIT", "ordered")]


def test_an_imported_row_with_an_empty_policy_keeps_the_products_and_a_bad_one_is_refused(
        manager: Caller, viewer: Caller) -> None:
    manager.patch("/products/DESK", json={"invoice_policy": "ordered"})
    row = {"sku": "DESK", "name": "Desk", "kind": "stocked", "uom": "unit", "price": "100.00", "currency": "EUR",
           "tax_category": "standard"}

    kept = manager.post("/products/import", json={"rows": [{"row": 2, **row}]}).get_json()
    refused = manager.post("/products/import", json={"rows": [{"row": 2, **row, "invoice_policy": "later"}]})

    assert (kept["applied"], viewer.get("/products/DESK").get_json()["invoice_policy"]) == (True, "ordered")
    assert [(e["row"], e["field"]) for e in refused.get_json()["refused"]] == [(2, "invoice_policy")]
