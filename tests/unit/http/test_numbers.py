"""Numbers are shown one way whatever they were given as: amounts with their currency's minor digits, quantities with
their unit of measure's decimals, rates and other decimals as short as they can be; never an exponent, never -0."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from oms.entrypoints.http.testing import Caller

NUMBER = re.compile(r"-?[0-9.]+([eE][-+]?[0-9]+)?")  # what a decimal could look like, however shown
PLAIN = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
CENTS = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]{2}([0-9]*[1-9])?")  # two decimals at least; more only if not zeros


@pytest.fixture
def goods(manager: Caller, clerk: Caller) -> None:
    """FLOUR in kg (stocked, 12.5 kg in BER-1) and SETUP in hours (a service)."""
    for sku, uom, kind in (("FLOUR", "kg", "stocked"), ("SETUP", "hour", "service")):
        response = manager.post("/products", json={"sku": sku, "name": sku.title(), "price": "2.5", "currency": "EUR",
                                                   "uom": uom, "kind": kind})
        assert response.status_code == 201, response.get_json()
    assert clerk.post("/stock/receipts", json={"sku": "FLOUR", "warehouse_code": "BER-1",
                                               "quantity": "12.500"}).status_code == 201


@pytest.fixture
def order(clerk: Caller, goods: None) -> dict[str, Any]:
    """A confirmed order of 1 DESK (sent as 1.000000000000), 1.5 kg of FLOUR with 10.0 % off and 2 hours of SETUP,
    5.50 % over-delivery allowed and an order discount of -0.00; 1 DESK issued."""
    created = clerk.post("/sales-orders", json={
        "customer_code": "ACME", "branch_code": "BER", "over_delivery_percent": "5.50", "confirm": True,
        "order_discount": {"kind": "amount", "value": "-0.00"}, "lines": [
            {"sku": "DESK", "quantity": "1.000000000000", "unit_price": "100"},
            {"sku": "FLOUR", "quantity": "1.5", "discount": {"kind": "percent", "value": "10.0"}},
            {"sku": "SETUP", "quantity": "2", "unit_price": "12.345678"}]})
    assert created.status_code == 201, created.get_json()
    number, desk = created.get_json()["number"], created.get_json()["lines"][0]["id"]
    issued = clerk.post(f"/sales-orders/{number}/goods-issues", json={
        "warehouse_code": "BER-1", "lines": [{"line_id": desk, "quantity": "1.0"}]})
    assert issued.status_code == 201, issued.get_json()
    shown: dict[str, Any] = clerk.get(f"/sales-orders/{number}").get_json()
    return shown


def amounts(value: Any) -> Iterator[str]:
    """Every Money amount in a JSON document."""
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"}:
            yield value["amount"]
        for item in value.values():
            yield from amounts(item)
    elif isinstance(value, list):
        for item in value:
            yield from amounts(item)


def test_every_amount_of_an_order_carries_the_currencys_two_decimals(order: dict[str, Any]) -> None:
    shown = list(amounts(order))

    assert shown
    assert [amount for amount in shown if not CENTS.fullmatch(amount)] == []
    desk, flour, setup = order["lines"]
    assert (desk["line_discount"]["amount"], desk["unit_price"]["amount"]) == ("0.00", "100.00")
    assert (flour["unit_price"]["amount"], flour["line_discount"]["amount"]) == ("2.50", "0.38")
    assert setup["unit_price"]["amount"] == "12.345678"  # a unit price keeps the decimals it was given beyond cents


def test_amounts_in_a_currency_without_minor_units_have_no_decimals(admin: Caller, manager: Caller,
                                                                     clerk: Caller) -> None:
    admin.post("/branches", json={"code": "TYO", "name": "Tokyo", "currency": "JPY", "tax_jurisdiction": "JP"})
    admin.post("/tax-rates", json={"jurisdiction": "JP", "category": "standard", "rate": "0.10"})
    manager.post("/products", json={"sku": "RAMEN", "name": "Ramen", "price": "500.0", "currency": "JPY"})

    quotation = clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "TYO",
                                                "lines": [{"sku": "RAMEN", "quantity": "3"}]}).get_json()

    line = quotation["lines"][0]
    assert (line["unit_price"]["amount"], line["line_discount"]["amount"], line["total"]["amount"]) == (
        "500", "0", "1650")
    assert (quotation["totals"]["grand_total"], quotation["taxes"][0]["rate"]) == (
        {"amount": "1650", "currency": "JPY"}, "0.1")


def test_quantities_show_their_unit_of_measures_decimals_however_they_were_sent(order: dict[str, Any]) -> None:
    desk, flour, setup = order["lines"]

    assert [line["quantity"] for line in order["lines"]] == ["1", "1.500", "2.00"]
    assert (desk["quantity_issued"], desk["quantity_reserved"], desk["quantity_backordered"]) == ("1", "0", "0")
    assert (flour["quantity_issued"], flour["quantity_reserved"], flour["quantity_backordered"]) == (
        "0.000", "1.500", "0.000")
    assert setup["quantity_reserved"] == "0.00"
    assert sorted((r["sku"], r["quantity"], r["issued"], r["released"], r["open"]) for r in order["reservations"]) == [
        ("DESK", "1", "1", "0", "0"), ("FLOUR", "1.500", "0.000", "0.000", "1.500")]
    assert [line["quantity"] for line in order["goods_issues"][0]["lines"]] == ["1"]


def test_rates_and_percentages_are_as_short_as_they_can_be(admin: Caller, order: dict[str, Any]) -> None:
    rate = admin.post("/tax-rates", json={"jurisdiction": "DE", "category": "standard", "rate": "0.1900"})
    zero = admin.post("/tax-rates", json={"jurisdiction": "DE", "category": "zero", "rate": "-0"})

    assert (rate.get_json()["rate"], zero.get_json()["rate"]) == ("0.19", "0")
    assert {r["category"]: r["rate"] for r in admin.get("/tax-rates").get_json()["items"]} == {
        "reduced": "0.07", "standard": "0.19", "zero": "0"}
    assert order["over_delivery_percent"] == "5.5"
    assert order["lines"][1]["discount"] == {"kind": "percent", "value": "10"}
    assert order["order_discount"] == {"kind": "amount", "value": "0"}
    assert [tax["rate"] for tax in order["taxes"]] == ["0.19"]


def test_stock_levels_and_movements_show_quantities_with_their_units_decimals(clerk: Caller, goods: None) -> None:
    clerk.post("/stock/receipts", json={"sku": "DESK", "warehouse_code": "BER-1", "quantity": "2.000"})

    flour = clerk.get("/products/FLOUR/stock").get_json()["items"]
    desk = clerk.get("/products/DESK/stock").get_json()["items"]
    movements = clerk.get("/stock/movements?warehouse=BER-1").get_json()["items"]

    assert [(s["on_hand"], s["reserved"], s["available"]) for s in flour] == [("12.500", "0.000", "12.500")]
    assert [(s["warehouse_code"], s["on_hand"]) for s in desk] == [("BER-1", "7"), ("BER-2", "10")]
    assert [(m["sku"], m["quantity"]) for m in movements] == [("DESK", "5"), ("FLOUR", "12.500"), ("DESK", "2")]


def test_every_decimal_the_api_shows_is_plain(clerk: Caller, viewer: Caller, order: dict[str, Any]) -> None:
    documents = [order, clerk.get(f"/sales-orders/{order['number']}/events").get_json(),
                 viewer.get("/sales-orders").get_json(), viewer.get("/products").get_json(),
                 viewer.get("/stock/movements").get_json()]

    shown = [value for document in documents for value in strings(document) if NUMBER.fullmatch(value)]

    assert shown
    assert [value for value in shown if not PLAIN.fullmatch(value) or re.fullmatch(r"-0(\.0*)?", value)] == []


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
