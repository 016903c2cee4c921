"""Carts over HTTP: the shop front's calls with an anonymous cart's token in X-Cart-Token, a changed total answering
409 price-changed with the new total, a converted cart refusing changes, the merge at sign-in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

import oms
from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.domain.access.tokens import Role
from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.testing import Caller


def answered(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_an_anonymous_cart_is_found_only_with_its_token_in_the_header(clerk: Caller) -> None:
    opened = answered(clerk.post("/carts", json={"branch_code": "BER"}), 201)
    cart, token = opened["id"], opened["token"]

    missing = clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"})
    wrong = clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"},
                       headers={"X-Cart-Token": "not-its-token"})
    added = answered(clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"},
                                headers={"X-Cart-Token": token}))

    assert (missing.status_code, wrong.status_code) == (404, 404)
    assert clerk.get(f"/carts/{cart}").status_code == 404
    assert added["total"] == {"amount": "119.00", "currency": "EUR"}


def test_a_changed_total_answers_409_price_changed_with_the_new_total_and_a_retry_with_it_orders(
        clerk: Caller, manager: Caller) -> None:
    cart = answered(clerk.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]
    answered(clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"}))
    answered(manager.patch("/products/DESK", json={"price": "120.00"}))

    changed = clerk.post(f"/carts/{cart}/checkout", json={"expected_total": "119.00"})
    body = changed.get_json()
    ordered = answered(clerk.post(f"/carts/{cart}/checkout", json={"expected_total": body["total"]["amount"]}))

    assert (changed.status_code, body["type"]) == (409, "urn:oms:problem:price-changed")
    assert body["total"] == {"amount": "142.80", "currency": "EUR"}
    assert Decimal(ordered["total"]) == Decimal("142.80")


def test_a_converted_cart_refuses_a_new_line_with_409(clerk: Caller) -> None:
    cart = answered(clerk.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]
    answered(clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"}))
    answered(clerk.post(f"/carts/{cart}/checkout", json={"expected_total": "119.00"}))

    refused = clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"})

    assert (refused.status_code, refused.get_json()["type"]) == (409, "urn:oms:problem:business-rule")


def test_signing_in_merges_the_anonymous_cart_into_the_customers_and_the_token_finds_nothing_after(
        clerk: Caller) -> None:
    anonymous = answered(clerk.post("/carts", json={"branch_code": "BER"}), 201)
    token = {"X-Cart-Token": anonymous["token"]}
    answered(clerk.post(f"/carts/{anonymous['id']}/lines", json={"sku": "DESK", "quantity": "2"}, headers=token))
    mine = answered(clerk.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]
    answered(clerk.post(f"/carts/{mine}/lines", json={"sku": "DESK", "quantity": "1"}))
    answered(clerk.post(f"/carts/{mine}/lines", json={"sku": "BOOK", "quantity": "1"}))

    merged = answered(clerk.post(f"/carts/{anonymous['id']}/sign-in", json={"customer_code": "ACME"},
                                 headers=token))

    assert merged["id"] == mine
    assert {line["sku"]: line["quantity"] for line in merged["lines"]} == {"DESK": "3", "BOOK": "1"}
    assert clerk.get(f"/carts/{anonymous['id']}", headers=token).status_code == 404


def test_an_invalid_quantity_names_the_field(clerk: Caller) -> None:
    cart = answered(clerk.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]

    refused = clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "-1"})

    assert refused.status_code == 422
    assert [error.get("pointer") for error in refused.get_json()["errors"]] == ["#/quantity"]


def test_a_checkout_with_a_payment_method_authorises_the_total_then_captures_it_once(
        system: oms.OrderManagement, tokens: InMemoryApiTokenStore, secrets: dict[Role, str],
        client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    provider = ScriptedPaymentProvider()
    paying = Caller(client_for(create_app(system, tokens=tokens, payments=provider), False), secrets[Role.CLERK])
    cart = answered(paying.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]
    answered(paying.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"}))

    first = answered(paying.post(f"/carts/{cart}/checkout", json={"expected_total": "119.00",
                                                                  "payment_method": "tok_visa"}))
    again = answered(paying.post(f"/carts/{cart}/checkout", json={"expected_total": "119.00",
                                                                  "payment_method": "tok_visa"}))

    made = [(call.operation, str(call.amount.amount)) for call in provider.calls if not call.replayed]
    assert made == [("authorise", "119.00"), ("capture", "119.00")]
    assert first["order_number"] == again["order_number"]


def test_operators_follow_an_abandoned_cart_to_its_recovery_and_the_months_rate(
        system: oms.OrderManagement, clock: oms.FixedClock, clerk: Caller, viewer: Caller, manager: Caller) -> None:
    answered(manager.put("/cart-policies/BER", json={"recovery": True, "abandon_after_minutes": 30}))
    cart = answered(clerk.post("/carts", json={"branch_code": "BER", "customer_code": "ACME",
                                               "email": "buyer@acme.example"}), 201)["id"]
    answered(clerk.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "1"}))
    clock.current += timedelta(minutes=61)

    abandoned = answered(viewer.get("/carts", query_string={"state": "abandoned", "branch": "BER"}))
    oms.run_cart_recovery(system, clock.now())
    answered(clerk.post(f"/carts/{cart}/checkout", json={"expected_total": "119.00"}))
    rate = answered(viewer.get("/carts/recovery-rate"))
    policy = answered(viewer.get("/cart-policies/BER"))

    assert [(c["id"], c["contact"], c["stages_claimed"]) for c in abandoned["items"]] == [
        (cart, "buyer@acme.example", 0)]
    month = rate["periods"][-1]
    assert (month["messaged"], month["recovered"], Decimal(month["rate"])) == (1, 1, Decimal(1))
    assert policy["abandon_after_minutes"] == 30


def test_a_checkout_that_fails_after_its_authorisation_is_retried_with_the_same_authorisation(
        system: oms.OrderManagement, tokens: InMemoryApiTokenStore, secrets: dict[Role, str],
        client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    provider = ScriptedPaymentProvider()
    paying = Caller(client_for(create_app(system, tokens=tokens, payments=provider), False), secrets[Role.CLERK])
    cart = answered(paying.post("/carts", json={"branch_code": "BER", "customer_code": "ACME"}), 201)["id"]
    answered(paying.post(f"/carts/{cart}/lines", json={"sku": "DESK", "quantity": "16"}))  # 15 in stock
    body = {"expected_total": "1904.00", "payment_method": "tok_visa"}

    short = paying.post(f"/carts/{cart}/checkout", json=body)
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="1", unit_cost="60.00"))
    ordered = answered(paying.post(f"/carts/{cart}/checkout", json=body))

    made = [call.operation for call in provider.calls if not call.replayed]
    assert (short.status_code, short.get_json()["rule"]) == (409, "StockMustBeAvailable")
    assert made == ["authorise", "capture"]
    assert Decimal(ordered["total"]) == Decimal("1904.00")
