"""Requests that race for one order over HTTP on PostgreSQL: the loser gets 409, never a 422 about a quantity.

20 threads, each with its own test client of one app on PostgreSQL, start together (a barrier) and send a full goods
issue of one confirmed order, or half of them cancel it instead. A command locks the order's row when it loads it
(SELECT ... FOR UPDATE), so the losers see the winner's result and are refused by a business rule; some used to
answer 422 "quantity: cannot release 5 of 3 reserved" pointing at #/quantity, which no request had sent.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from attrs import frozen
from flask import Flask

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens

from .integration_helpers import check_ledger, seed_master_data
from .production_helpers import WAREHOUSE, add_table, check_production_ledger

pytestmark = pytest.mark.postgres

CLIENTS = 20
ROUNDS = 3  # each race is run three times, on a fresh database
REFUSALS = {"urn:oms:problem:business-rule", "urn:oms:problem:concurrent-update"}
SQL_TEXT = re.compile(r"UPDATE|SELECT|INSERT|statement|expected to update|sqlalchemy|psycopg|rows? matched",
                      re.IGNORECASE)


@frozen
class Race:
    """An app on a fresh PostgreSQL database with master data, 5 widgets and 3 gadgets in BER-A, and the secret of
    each role's token."""

    app: Flask
    system: oms.OrderManagement
    database: SqlDatabase
    secrets: dict[Role, str]

    def caller(self, role: Role) -> Caller:
        """A client of its own (one per thread), with the token of `role`."""
        return Caller(self.app.test_client(), self.secrets[role])

    def confirmed_order(self) -> dict[str, Any]:
        """A confirmed order of 5 widgets and 3 gadgets: every unit of BER-A, reserved for it."""
        response = self.caller(Role.CLERK).post("/sales-orders", json={
            "customer_code": "ACME", "branch_code": "BER", "confirm": True,
            "lines": [{"sku": "WIDGET", "quantity": "5"}, {"sku": "GADGET", "quantity": "3"}]})
        assert response.status_code == 201, response.get_json()
        order: dict[str, Any] = response.get_json()
        assert {r["warehouse_code"] for r in order["reservations"]} == {"BER-A"}
        return order


@pytest.fixture
def race(clean_postgres_url: str) -> Iterator[Race]:
    database = SqlDatabase.from_url(clean_postgres_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 5})
    system.handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-A", quantity=3))
    app, secrets = app_with_tokens(system, listings=database.listings())
    try:
        yield Race(app, system, database, secrets)
    finally:
        database.dispose()


def full_issue(order: dict[str, Any]) -> dict[str, Any]:
    return {"warehouse_code": "BER-A",
            "lines": [{"line_id": line["id"], "quantity": line["quantity"]} for line in order["lines"]]}


def all_at_once(requests: list[tuple[Caller, str, str, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """Send each (caller, method, path, body) from its own thread, all released together; the answers in order."""
    barrier = threading.Barrier(len(requests))
    answers: list[tuple[int, dict[str, Any]] | None] = [None] * len(requests)

    def send(index: int) -> None:
        caller, method, path, body = requests[index]
        barrier.wait()
        response = caller.request(method, path, json=body)
        answers[index] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer is not None for answer in answers), "a request thread died"
    return [answer for answer in answers if answer is not None]


def check_refusals(answers: list[tuple[int, dict[str, Any]]], successes: set[int]) -> None:
    """Every answer is a success or a 409 of a business rule or a concurrent update, with no SQL in it."""
    for status, body in answers:
        assert status in successes | {409}, body
        if status == 409:
            assert body["type"] in REFUSALS, body
            assert not SQL_TEXT.search(str(body)), body


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_of_twenty_simultaneous_full_goods_issues_one_ships_and_the_others_get_409(race: Race, round_: int) -> None:
    order = race.confirmed_order()
    clerks = [race.caller(Role.CLERK) for _ in range(CLIENTS)]

    answers = all_at_once([(clerk, "POST", f"/sales-orders/{order['number']}/goods-issues", full_issue(order))
                           for clerk in clerks])

    check_refusals(answers, {201})
    assert Counter(status for status, _ in answers) == {201: 1, 409: CLIENTS - 1}
    shown = race.caller(Role.VIEWER).get(f"/sales-orders/{order['number']}").get_json()
    assert (shown["status"], len(shown["goods_issues"])) == ("issued", 1)
    check_ledger(race.database.unit_of_work())


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_cancels_racing_full_goods_issues_let_exactly_one_through_and_the_others_get_409(
        race: Race, round_: int) -> None:
    order = race.confirmed_order()
    number = order["number"]
    requests = [(race.caller(Role.MANAGER), "POST", f"/sales-orders/{number}/cancel", {}) if index % 2
                else (race.caller(Role.CLERK), "POST", f"/sales-orders/{number}/goods-issues", full_issue(order))
                for index in range(CLIENTS)]

    answers = all_at_once(requests)

    check_refusals(answers, {200, 201})
    statuses = Counter(status for status, _ in answers)
    assert (statuses[200] + statuses[201], statuses[409]) == (1, CLIENTS - 1), statuses
    shown = race.caller(Role.VIEWER).get(f"/sales-orders/{number}").get_json()
    winner = "cancelled" if statuses[200] else "issued"
    assert (shown["status"], len(shown["goods_issues"])) == (winner, 0 if statuses[200] else 1)
    assert all(Decimal(reservation["open"]) == 0 for reservation in shown["reservations"])
    check_ledger(race.database.unit_of_work())


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_operators_reporting_the_last_tables_over_http_at_once_never_exceed_the_tolerance(
        race: Race, round_: int) -> None:
    """A work order of 10 tables with a 10 % tolerance (18 tops in stock), 7 made: 20 operators report 4 more at
    once (each would be allowed alone); one gets through (11 made), the others get 409, and the books still match
    the stock."""
    add_table(race.system)
    race.system.handle(oms.ReceiveStock(sku="TOP", warehouse_code=WAREHOUSE, quantity="10", unit_cost="40.00"))
    manager = race.caller(Role.MANAGER)
    order = manager.post("/work-orders", json={"sku": "TABLE", "quantity": "10", "warehouse_code": WAREHOUSE,
                                               "overproduction_percent": "10", "release": True}).get_json()
    number = order["number"]
    assert manager.post(f"/work-orders/{number}/outputs", json={"quantity": "7"}).status_code == 201

    answers = all_at_once([(race.caller(Role.CLERK), "POST", f"/work-orders/{number}/outputs", {"quantity": "4"})
                           for _ in range(CLIENTS)])

    check_refusals(answers, {201})
    assert Counter(status for status, _ in answers) == {201: 1, 409: CLIENTS - 1}
    shown = race.caller(Role.VIEWER).get(f"/work-orders/{number}").get_json()
    assert (shown["produced"], len(shown["outputs"])) == ("11", 2)
    check_ledger(race.database.unit_of_work())
    check_production_ledger(race.system)
