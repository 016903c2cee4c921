"""Imports of suppliers, supplier prices and exchange rates over HTTP: rows as JSON, all or nothing unless partial,
every refused row named by row and field, and rows whose key exists change that record."""

from __future__ import annotations

from oms.entrypoints.http.testing import Caller

SUPPLIER = {"row": 2, "code": "BOLT", "name": "Bolt AG", "currency": "EUR", "payment_terms": "net 30",
            "lead_time_days": "5", "address": {"city": "Hamburg", "country": "DE"}}


def test_suppliers_prices_and_rates_are_imported_and_imported_again_unchanged(manager: Caller, viewer: Caller) -> None:
    bodies = [("/suppliers/import", {"rows": [SUPPLIER]}),
              ("/suppliers/prices/import", {"rows": [{"row": 2, "supplier_code": "BOLT", "sku": "BOOK",
                                                      "price": "100.00", "min_quantity": "20", "unit_factor": "10",
                                                      "purchase_unit": "pack of 10", "valid_from": "2026-01-01"}]}),
              ("/exchange-rates/import", {"rows": [{"row": 2, "from_currency": "EUR", "to_currency": "USD",
                                                    "day": "2026-03-01", "rate": "1.0842"}]})]

    first = [manager.post(path, json=body) for path, body in bodies]
    again = [manager.post(path, json=body).get_json() for path, body in bodies]

    assert [r.status_code for r in first] == [200, 200, 200]
    assert [r.get_json()["created"] for r in first] == [1, 1, 1]
    assert [(r["created"], r["updated"], r["unchanged"]) for r in again] == [(0, 0, 1)] * 3
    supplier = viewer.get("/suppliers/BOLT").get_json()
    assert (supplier["payment_terms"], supplier["lead_time_days"], supplier["address"]["city"]) == (
        "net 30", 5, "Hamburg")
    assert supplier["prices"][0]["stock_unit_price"] == {"amount": "10.00", "currency": "EUR"}
    assert viewer.get("/exchange-rates").get_json()["items"][0]["rate"] == "1.0842"


def test_a_bad_row_is_named_by_row_and_field_and_nothing_is_written(manager: Caller, viewer: Caller) -> None:
    refused = manager.post("/suppliers/import", json={"rows": [
        SUPPLIER, {**SUPPLIER, "row": 3, "code": "YANK", "currency": "USD", "lead_time_days": "soon",
                   "address": {"country": "USA"}}]})
    prices = manager.post("/suppliers/prices/import", json={"rows": [
        {"row": 2, "supplier_code": "BOLT", "sku": "BOOK", "price": "1.00"}]})
    rates = manager.post("/exchange-rates/import", json={"rows": [
        {"row": 7, "from_currency": "EUR", "to_currency": "USD", "day": "2026-02-30", "rate": "1.2"}]})

    assert refused.status_code == 200
    assert refused.get_json()["applied"] is False
    assert [(e["row"], e["field"]) for e in refused.get_json()["refused"]] == [
        (3, "lead_time_days"), (3, "address_country")]
    assert viewer.get("/suppliers").get_json()["items"] == []
    assert [(e["row"], e["field"]) for e in prices.get_json()["refused"]] == [(2, "supplier_code")]
    assert [(e["row"], e["field"]) for e in rates.get_json()["refused"]] == [(7, "day")]
    assert viewer.get("/exchange-rates").get_json()["items"] == []


def test_an_import_needs_a_manager_and_refuses_unknown_members(clerk: Caller, manager: Caller) -> None:
    forbidden = clerk.post("/exchange-rates/import", json={"rows": []})
    unknown = manager.post("/suppliers/import", json={"rows": [{**SUPPLIER, "colour": "red"}]})

    assert forbidden.status_code == 403
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"][0]["pointer"] == "#/rows/0/colour"
