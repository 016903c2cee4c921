"""Idempotency-Key on POST: a retry replays the first response, another body is refused, a running one gets 409."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

import oms
from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.adapters.memory.idempotency import InMemoryIdempotencyStore
from oms.application.access.tokens import authenticate
from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens

ORDER = {"customer_code": "ACME", "branch_code": "BER", "lines": [{"sku": "DESK", "quantity": "1"}]}
KEY = {"Idempotency-Key": "3f6c1e9a-order-1"}


def orders(caller: Caller) -> list[str]:
    return [item["number"] for item in caller.get("/sales-orders").get_json()["items"]]


def test_a_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_nothing(clerk: Caller) -> None:
    first = clerk.post("/sales-orders", json=ORDER, headers=KEY)

    retry = clerk.post("/sales-orders", json=ORDER, headers=KEY)

    assert (retry.status_code, retry.get_data()) == (first.status_code, first.get_data())
    assert retry.headers["Location"] == first.headers["Location"]
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert orders(clerk) == ["SO-000001"]


def test_the_same_key_with_another_body_is_refused(clerk: Caller) -> None:
    clerk.post("/sales-orders", json=ORDER, headers=KEY)

    response = clerk.post("/sales-orders", json={**ORDER, "customer_reference": "other"}, headers=KEY)

    assert response.status_code == 422
    assert response.get_json()["type"] == "urn:oms:problem:idempotency-key-reused"
    assert orders(clerk) == ["SO-000001"]


def test_a_refusal_is_kept_and_replayed_like_any_other_first_response(clerk: Caller) -> None:
    order = clerk.post("/sales-orders", json={**ORDER, "lines": [{"sku": "DESK", "quantity": "99"}]}).get_json()
    first = clerk.post(f"/sales-orders/{order['number']}/confirm", headers=KEY)
    clerk.client.application.extensions["oms"].system.handle(
        oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="100"))

    retry = clerk.post(f"/sales-orders/{order['number']}/confirm", headers=KEY)
    fresh = clerk.post(f"/sales-orders/{order['number']}/confirm", headers={"Idempotency-Key": "another"})

    assert (first.status_code, retry.status_code, fresh.status_code) == (409, 409, 200)
    assert retry.get_data() == first.get_data()


def test_keys_belong_to_their_token(clerk: Caller, manager: Caller) -> None:
    clerk.post("/sales-orders", json=ORDER, headers=KEY)

    response = manager.post("/sales-orders", json=ORDER, headers=KEY)

    assert response.status_code == 201
    assert sorted(orders(clerk)) == ["SO-000001", "SO-000002"]


def test_a_key_expires_after_the_retention(clerk: Caller, clock: oms.FixedClock) -> None:
    clerk.post("/sales-orders", json=ORDER, headers=KEY)
    clock.advance(timedelta(hours=24, seconds=1))

    response = clerk.post("/sales-orders", json=ORDER, headers=KEY)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers
    assert len(orders(clerk)) == 2


def test_a_malformed_key_gets_400_naming_the_header(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json=ORDER, headers={"Idempotency-Key": "with space"})

    assert response.status_code == 400
    assert response.get_json()["errors"] == [
        {"header": "Idempotency-Key", "detail": "must be 1 to 255 visible ASCII characters"}]


class Gate(oms.OrderManagement):
    """A system whose commands wait until the test opens the gate."""

    entered: threading.Event
    gate: threading.Event

    def handle(self, command: oms.Command[Any], request_key: str | None = None) -> Any:
        self.entered.set()
        assert self.gate.wait(5)
        return super().handle(command, request_key)


def gated(system: oms.OrderManagement) -> tuple[Gate, Flask, dict[Role, str]]:
    slow = Gate(bus=system.bus, uow_factory=system.uow_factory)
    slow.entered, slow.gate = threading.Event(), threading.Event()
    app, secrets = app_with_tokens(slow)
    return slow, app, secrets


def test_a_request_while_the_first_with_its_key_is_running_gets_409(
        system: oms.OrderManagement, client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    slow, app, secrets = gated(system)
    clerk = Caller(client_for(app, False), secrets[Role.CLERK])
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(clerk.post, "/sales-orders", json=ORDER, headers=KEY)
        assert slow.entered.wait(5)

        second = Caller(client_for(app, False), secrets[Role.CLERK]).post("/sales-orders", json=ORDER, headers=KEY)
        slow.gate.set()

    assert (first.result().status_code, second.status_code) == (201, 409)
    assert second.get_json()["type"] == "urn:oms:problem:idempotency-key-in-use"
    assert second.headers["Retry-After"] == "1"


def test_concurrent_requests_with_one_key_create_one_order(
        system: oms.OrderManagement, client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    app, secrets = app_with_tokens(system)

    def send(_: int) -> int:
        caller = Caller(client_for(app, False), secrets[Role.CLERK])
        return caller.post("/sales-orders", json=ORDER, headers=KEY).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, range(16)))

    assert set(statuses) <= {201, 409}
    assert 201 in statuses
    assert len(system.bus.uow_factory().sales_orders.list()) == 1


def test_a_retry_after_the_first_attempt_died_answers_with_the_order_it_made_without_a_second(
        clerk: Caller, system: oms.OrderManagement, clock: oms.FixedClock, idempotency: InMemoryIdempotencyStore,
        tokens: InMemoryApiTokenStore, secrets: dict[Role, str]) -> None:
    # The first attempt claimed the key and its command committed, then the worker was killed before it answered.
    token = authenticate(tokens, secrets[Role.CLERK])
    assert token is not None
    scoped, started = f"{token.id}:{KEY['Idempotency-Key']}", clock.now()
    fingerprint = hashlib.sha256(b"POST /api/v1/sales-orders\n" + json.dumps(ORDER).encode()).hexdigest()
    assert idempotency.claim(scoped, fingerprint, started, started + timedelta(hours=24)) is None
    first_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
        oms.LineInput(sku="DESK", quantity="1"),)), f"{scoped}@{started.isoformat()}")
    clock.advance(timedelta(seconds=31))

    retry = clerk.post("/sales-orders", data=json.dumps(ORDER), content_type="application/json", headers=KEY)

    assert retry.status_code == 201
    assert retry.get_json()["id"] == first_id
    assert orders(clerk) == ["SO-000001"]


def test_a_retry_while_the_first_attempt_is_within_its_lease_still_gets_409(
        clerk: Caller, clock: oms.FixedClock, idempotency: InMemoryIdempotencyStore,
        tokens: InMemoryApiTokenStore, secrets: dict[Role, str]) -> None:
    token = authenticate(tokens, secrets[Role.CLERK])
    assert token is not None
    fingerprint = hashlib.sha256(b"POST /api/v1/sales-orders\n" + json.dumps(ORDER).encode()).hexdigest()
    idempotency.claim(f"{token.id}:{KEY['Idempotency-Key']}", fingerprint, clock.now(),
                      clock.now() + timedelta(hours=24))
    clock.advance(timedelta(seconds=29))

    retry = clerk.post("/sales-orders", data=json.dumps(ORDER), content_type="application/json", headers=KEY)

    assert retry.status_code == 409
    assert orders(clerk) == []
