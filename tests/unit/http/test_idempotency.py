"""Idempotency-Key on POST: a retry replays the first response, another body is refused, a running one gets 409."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import attrs
from flask import Flask
from flask.testing import FlaskClient

import oms
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


def with_handler(system: oms.OrderManagement, command: type[oms.Command[Any]],
                 wrap: Callable[[Any], Any]) -> oms.OrderManagement:
    """The system with the handler of `command` replaced by `wrap(original handler)`."""
    handlers = dict(system.bus.command_handlers)
    handlers[command] = wrap(handlers[command])
    return oms.OrderManagement(bus=attrs.evolve(system.bus, command_handlers=handlers), uow_factory=system.uow_factory)


def gated(system: oms.OrderManagement) -> tuple[threading.Event, threading.Event, Flask, dict[Role, str]]:
    """An app whose order creations wait, inside their transaction, until the test opens the gate."""
    entered, gate = threading.Event(), threading.Event()

    def slow(create: Any) -> Any:
        def handler(cmd: Any, uow: Any, clock: Any) -> Any:
            entered.set()
            assert gate.wait(5)
            return create(cmd, uow, clock)
        return handler

    app, secrets = app_with_tokens(with_handler(system, oms.CreateSalesOrder, slow))
    return entered, gate, app, secrets


def test_a_request_while_the_first_with_its_key_is_running_gets_409(
        system: oms.OrderManagement, client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    entered, gate, app, secrets = gated(system)
    clerk = Caller(client_for(app, False), secrets[Role.CLERK])
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(clerk.post, "/sales-orders", json=ORDER, headers=KEY)
        assert entered.wait(5)

        second = Caller(client_for(app, False), secrets[Role.CLERK]).post("/sales-orders", json=ORDER, headers=KEY)
        gate.set()

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
    assert len(system.bus.uow_factory().sales.orders.list()) == 1


def test_a_retry_after_the_first_attempt_failed_midway_runs_the_request_once(
        system: oms.OrderManagement, client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    # The first attempt dies inside its transaction after its order was made: nothing of it, nor its key, remains.
    attempts: list[int] = []

    def dies_once(create: Any) -> Any:
        def handler(cmd: Any, uow: Any, clock: Any) -> Any:
            order_id = create(cmd, uow, clock)
            attempts.append(1)
            if len(attempts) == 1:
                raise RuntimeError("the worker died")
            return order_id
        return handler

    app, secrets = app_with_tokens(with_handler(system, oms.CreateSalesOrder, dies_once))
    clerk = Caller(client_for(app, True), secrets[Role.CLERK])

    first = clerk.post("/sales-orders", json=ORDER, headers=KEY)
    retry = clerk.post("/sales-orders", json=ORDER, headers=KEY)
    again = clerk.post("/sales-orders", json=ORDER, headers=KEY)

    assert (first.status_code, retry.status_code, again.status_code) == (500, 201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_data() == retry.get_data()
    assert orders(clerk) == [retry.get_json()["number"]]


def test_the_longest_key_the_pattern_allows_is_kept_and_replayed(clerk: Caller) -> None:
    key = {"Idempotency-Key": "k" * 255}

    first = clerk.post("/sales-orders", json=ORDER, headers=key)
    retry = clerk.post("/sales-orders", json=ORDER, headers=key)

    assert (first.status_code, retry.status_code, retry.headers["Idempotent-Replayed"]) == (201, 201, "true")
    assert orders(clerk) == ["SO-000001"]
