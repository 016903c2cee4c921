"""A subscription's invoice charged after its commit by a real `oms serve` (the relay in its thread), through the
payment provider OMS_PAYMENT_PROVIDER names: the renewal answers at once, the charge follows, and the invoice is paid
once; a card the test provider declines leaves the invoice open."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

from benchmarks.servers import fresh_sqlite, oms_serve, prepare_database

SECONDS = 30


def call(url: str, secret: str, method: str, path: str, body: object = None) -> Any:
    request = urllib.request.Request(f"{url}/api/v1{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {secret}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def charged(url: str, secret: str, number: str) -> list[tuple[int, str]]:
    """The subscription's charge attempts once none is pending any more (polled, at most SECONDS)."""
    deadline = time.monotonic() + SECONDS
    while True:
        charges = call(url, secret, "GET", f"/subscriptions/{number}")["charges"]
        if (charges and all(c["outcome"] != "pending" for c in charges)) or time.monotonic() > deadline:
            return [(c["attempt"], c["outcome"]) for c in charges]
        time.sleep(0.2)


def test_a_renewal_is_charged_after_its_commit_by_the_relay_and_its_invoice_paid_once() -> None:
    with fresh_sqlite("oms-charges-") as database:
        secret = prepare_database(database, "charges")
        with oms_serve(database, env={"OMS_PAYMENT_PROVIDER": "test"}) as server:
            url = server.url
            for path, body in (("/branches", {"code": "BER", "name": "Berlin", "currency": "EUR",
                                              "tax_jurisdiction": "DE"}),
                               ("/tax-rates", {"jurisdiction": "DE", "category": "standard", "rate": "0.19"}),
                               ("/customers", {"code": "ACME", "name": "Acme"}),
                               ("/products", {"sku": "SEAT", "name": "Seat", "price": "30.00", "currency": "EUR",
                                              "kind": "service"}),
                               ("/plans", {"code": "BASIC", "name": "Basic", "currency": "EUR", "lines": [
                                   {"sku": "SEAT", "quantity": "1", "unit_price": "30.00"}]}),
                               ("/plans", {"code": "ODD", "name": "Declined", "currency": "EUR", "lines": [
                                   {"sku": "SEAT", "quantity": "1", "unit_price": "29.42"}]})):
                call(url, secret, "POST", path, body)
            numbers = {}
            for plan in ("BASIC", "ODD"):
                made = call(url, secret, "POST", "/subscriptions", {
                    "customer_code": "ACME", "branch_code": "BER", "plan_code": plan,
                    "start_day": time.strftime("%Y-%m-%d", time.gmtime()), "payment_method": "tok_visa"})
                call(url, secret, "POST", f"/subscriptions/{made['number']}/renew", {})
                numbers[plan] = made["number"]

            paid, declined = charged(url, secret, numbers["BASIC"]), charged(url, secret, numbers["ODD"])
            invoices = {plan: call(url, secret, "GET", f"/subscriptions/{number}")["renewals"][0]["invoice"]
                        for plan, number in numbers.items()}

            assert paid == [(0, "succeeded")]
            assert call(url, secret, "GET", f"/invoices/{invoices['BASIC']}")["payment_status"] == "paid"
            assert declined == [(0, "failed")]  # 29.42 + 19 % = 35.01: the test provider declines 1 cent
            assert call(url, secret, "GET", f"/invoices/{invoices['ODD']}")["payment_status"] != "paid"
