"""Suppliers, their prices and exchange rates over HTTP."""

from __future__ import annotations

from oms.entrypoints.http.testing import Caller


def _suppliers(manager: Caller) -> None:
    manager.post("/suppliers", json={"code": "BOLT", "name": "Bolt AG", "currency": "EUR", "lead_time_days": 5})
    manager.post("/suppliers", json={"code": "YANK", "name": "Yankee Inc", "currency": "USD",
                                     "payment_terms": "net 30", "address": {"city": "Boston", "country": "US"}})
    manager.post("/exchange-rates", json={"from_currency": "EUR", "to_currency": "USD", "day": "2026-03-01",
                                          "rate": "1.08"})


def test_a_manager_creates_a_supplier_changes_it_and_deactivates_it(manager: Caller, viewer: Caller) -> None:
    created = manager.post("/suppliers", json={"code": "BOLT", "name": "Bolt AG", "currency": "EUR",
                                               "payment_terms": "NET 30", "lead_time_days": 5,
                                               "address": {"city": "Hamburg", "country": "DE"}})

    changed = manager.patch("/suppliers/BOLT", json={"lead_time_days": 7, "email": "sales@bolt.example"})
    deactivated = manager.post("/suppliers/BOLT/deactivate")

    assert created.status_code == 201
    assert created.headers["Location"] == "/api/v1/suppliers/BOLT"
    assert created.get_json()["payment_terms"] == "net 30"
    assert (changed.get_json()["lead_time_days"], changed.get_json()["name"]) == (7, "Bolt AG")
    assert deactivated.get_json()["active"] is False
    assert [s["code"] for s in viewer.get("/suppliers?active=false").get_json()["items"]] == ["BOLT"]
    assert viewer.get("/suppliers?active=true").get_json()["items"] == []


def test_bad_supplier_input_names_the_field(manager: Caller) -> None:
    refused = manager.post("/suppliers", json={"code": "BOLT", "name": "Bolt", "currency": "XXX"})
    negative = manager.post("/suppliers", json={"code": "BOLT", "name": "Bolt", "currency": "EUR",
                                                "lead_time_days": -1})

    assert (refused.status_code, refused.get_json()["errors"][0]["pointer"]) == (422, "#/currency")
    assert (negative.status_code, negative.get_json()["errors"][0]["pointer"]) == (422, "#/lead_time_days")


def test_a_pack_price_gives_the_price_per_stock_unit_and_quantity_breaks_apply(manager: Caller,
                                                                                 viewer: Caller) -> None:
    _suppliers(manager)
    manager.post("/suppliers/BOLT/prices", json={"sku": "BOOK", "price": "12.00"})
    pack = manager.post("/suppliers/BOLT/prices", json={"sku": "BOOK", "price": "100.00", "min_quantity": "20",
                                                        "purchase_unit": "pack of 10", "unit_factor": "10"})

    one = viewer.get("/products/BOOK/purchase-price?supplier=BOLT&quantity=5&day=2026-03-02").get_json()
    many = viewer.get("/products/BOOK/purchase-price?supplier=BOLT&quantity=20&currency=USD").get_json()

    assert pack.status_code == 200
    assert [p["purchase_unit"] for p in pack.get_json()["prices"]] == ["", "pack of 10"]
    assert one["entry"]["stock_unit_price"] == {"amount": "12.00", "currency": "EUR"}
    assert many["entry"]["stock_unit_price"]["amount"] == "10.00"
    assert many["converted"] == {"amount": "10.80", "currency": "USD"}
    assert many["entry"]["lead_time_days"] == 5  # the supplier's


def test_the_preferred_supplier_is_the_cheapest_in_the_branch_currency_unless_one_is_flagged(
        manager: Caller, viewer: Caller) -> None:
    _suppliers(manager)
    manager.post("/suppliers/BOLT/prices", json={"sku": "DESK", "price": "60.00"})
    manager.post("/suppliers/YANK/prices", json={"sku": "DESK", "price": "63.00"})  # 58.33 EUR

    cheapest = viewer.get("/products/DESK/preferred-supplier?branch=BER").get_json()
    manager.post("/suppliers/BOLT/prices", json={"sku": "DESK", "price": "60.00", "preferred": True})
    flagged = viewer.get("/products/DESK/preferred-supplier?branch=BER").get_json()
    listed = viewer.get("/products/DESK/supplier-prices").get_json()["items"]

    assert (cheapest["entry"]["supplier_code"], cheapest["converted"]) == (
        "YANK", {"amount": "58.33", "currency": "EUR"})
    assert flagged["entry"]["supplier_code"] == "BOLT"
    assert [(p["supplier_code"], p["preferred"]) for p in listed] == [("BOLT", True), ("YANK", False)]


def test_a_price_is_removed_and_an_unknown_one_names_the_field(manager: Caller, viewer: Caller) -> None:
    _suppliers(manager)
    price_id = manager.post("/suppliers/BOLT/prices", json={"sku": "BOOK", "price": "12"}).get_json()[
        "prices"][0]["id"]

    removed = manager.delete(f"/suppliers/BOLT/prices/{price_id}")
    again = manager.delete(f"/suppliers/BOLT/prices/{price_id}")

    assert removed.get_json()["prices"] == []
    assert again.status_code == 404


def test_a_rate_entered_again_replaces_the_days_and_the_inverse_pair_answers_one_over_it(
        manager: Caller, viewer: Caller) -> None:
    _suppliers(manager)

    manager.post("/exchange-rates", json={"from_currency": "EUR", "to_currency": "USD", "day": "2026-03-01",
                                          "rate": "1.25"})
    inverse = viewer.get("/exchange-rates/USD/EUR?day=2026-03-02").get_json()
    missing = viewer.get("/exchange-rates/EUR/USD?day=2026-02-28")

    assert [r["rate"] for r in viewer.get("/exchange-rates").get_json()["items"]] == ["1.25"]
    assert inverse["rate"] == "0.8"
    assert missing.status_code == 409
    assert "EUR/USD on or before 2026-02-28" in missing.get_json()["detail"]
