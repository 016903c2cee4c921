"""Carts on memory, SQLite and PostgreSQL through the Python API (peers.md 4d): a cart comes back as stored; the
holds of stock with a time limit (case 5); checkout at the price of the day (case 4); merge at sign-in (case 7); a
converted cart refuses changes (case 8); recovery stages claimed once and expiry (cases 1 to 3); and on SQL, twenty
clients checking out one cart at once make one order and take its stock once (case 6), and recovery jobs running at
once claim each stage once.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.shared.errors import BusinessRuleViolation

from .integration_helpers import Backend, seed_master_data

D = Decimal
START = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
CLIENTS = 20


def seeded(backend: Backend, widgets: int = 5) -> tuple[oms.OrderManagement, oms.FixedClock]:
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system, stock={"BER-A": widgets})
    system.handle(oms.CreateProduct(sku="MUG", name="Mug", price="10.00", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="MUG", warehouse_code="BER-A", quantity="100", reference="opening"))
    return system, clock


def test_a_reservation_holds_the_last_units_until_it_runs_out(backend: Backend) -> None:
    system, clock = seeded(backend)
    system.handle(oms.SetCartPolicy(branch_code="BER", hold_minutes=10))
    a = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    b = system.handle(oms.OpenCart(branch_code="BER"))
    system.handle(oms.AddToCart(cart_id=a.cart_id, sku="WIDGET", quantity="5"))

    with pytest.raises(BusinessRuleViolation, match="StockMustBeAvailable"):
        system.handle(oms.AddToCart(cart_id=b.cart_id, cart_token=b.token, sku="WIDGET", quantity="1"))
    clock.current = START + timedelta(minutes=11)
    system.handle(oms.AddToCart(cart_id=b.cart_id, cart_token=b.token, sku="WIDGET", quantity="5"))
    clock.current = START + timedelta(minutes=12)
    with pytest.raises(BusinessRuleViolation, match="StockMustBeAvailable"):
        system.handle(oms.CheckOutCart(cart_id=a.cart_id, expected_total="73.46"))

    with backend.uow_factory() as uow:
        levels = uow.stock.for_product(uow.masterdata.products.by_sku("WIDGET").id)  # type: ignore[union-attr]
        assert sum(level.on_hand for level in levels) == 5
        assert all(level.available >= 0 for level in levels)
        assert uow.sales.orders.list() == []


def test_an_order_confirmed_outside_carts_leaves_what_carts_hold(backend: Backend) -> None:
    system, _ = seeded(backend)
    system.handle(oms.SetCartPolicy(branch_code="BER", hold_minutes=10))
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="WIDGET", quantity="4"))
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=(oms.LineInput(sku="WIDGET", quantity="2"),)))

    with pytest.raises(BusinessRuleViolation, match="StockMustBeAvailable"):
        system.handle(oms.ConfirmSalesOrder(order_id=order))
    system.handle(oms.UpdateOrderLine(order_id=order, line_id=_first_line(backend, order), quantity="1"))
    system.handle(oms.ConfirmSalesOrder(order_id=order))


def _first_line(backend: Backend, order_id: str) -> str:
    with backend.uow_factory() as uow:
        return uow.sales.orders.get(order_id).lines[0].id


def test_checkout_at_a_changed_price_answers_the_new_total_then_orders_at_it(backend: Backend) -> None:
    system, _ = seeded(backend)
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="MUG", quantity="1"))
    system.handle(oms.UpdateProduct(sku="MUG", price="12.00"))

    with pytest.raises(oms.TotalChanged) as changed:
        system.handle(oms.CheckOutCart(cart_id=cart.cart_id, expected_total="11.90"))
    done = system.handle(oms.CheckOutCart(cart_id=cart.cart_id, expected_total="14.28"))

    assert changed.value.total == D("14.28")
    assert (done.total, done.order_number) == (D("14.28"), "SO-000001")
    with pytest.raises(BusinessRuleViolation, match="CartMustBeActive"):
        system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="MUG", quantity="1"))


def test_signing_in_merges_the_visitors_cart_into_the_customers(backend: Backend) -> None:
    system, _ = seeded(backend)
    visitor = system.handle(oms.OpenCart(branch_code="BER"))
    system.handle(oms.AddToCart(cart_id=visitor.cart_id, cart_token=visitor.token, sku="MUG", quantity="2"))
    mine = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=mine.cart_id, sku="MUG", quantity="1"))
    system.handle(oms.AddToCart(cart_id=mine.cart_id, sku="GADGET", quantity="1"))

    merged = system.handle(oms.SignInToCart(cart_id=visitor.cart_id, cart_token=visitor.token or "",
                                            customer_code="ACME"))

    assert merged == mine.cart_id
    assert system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME")).cart_id == mine.cart_id
    with backend.uow_factory() as uow:
        assert {line.sku: line.quantity for line in uow.carts.carts.get(mine.cart_id).lines} == {
            "MUG": D(3), "GADGET": D(1)}
    with pytest.raises(BusinessRuleViolation, match="CartMustBeActive"):
        system.handle(oms.AddToCart(cart_id=visitor.cart_id, cart_token=visitor.token, sku="MUG", quantity="1"))


def test_recovery_claims_each_stage_once_and_expiry_closes_idle_carts(backend: Backend) -> None:
    system, clock = seeded(backend)
    system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="MUG", quantity="1"))

    claimed = []
    for minutes in (59, 61, 62, 60 * 24 + 1, 60 * 24 + 2):
        clock.current = START + timedelta(minutes=minutes)
        claimed.append(oms.run_cart_recovery(system, clock.current).done)
    clock.current = START + timedelta(days=91)
    expired = oms.run_cart_expiry(system, clock.current).done

    assert claimed == [0, 1, 0, 1, 0]
    assert expired == 1


@pytest.mark.parametrize("sql_url", ["sqlite", "postgres"], indirect=True)
def test_twenty_clients_checking_out_one_cart_make_one_order(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system, _ = seeded(Backend("sql", database.unit_of_work, database.listings(), sql_url))
    system.handle(oms.SetCartPolicy(branch_code="BER", hold_minutes=10))
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="WIDGET", quantity="5"))
    barrier, answers, failures = threading.Barrier(CLIENTS), [], []

    def client() -> None:
        own = SqlDatabase.from_url(sql_url)
        try:
            mine = oms.bootstrap(uow_factory=own.unit_of_work, clock=oms.FixedClock(START))
            barrier.wait(30)
            answers.append(mine.handle(oms.CheckOutCart(cart_id=cart.cart_id, expected_total="73.46")))
        except BaseException as error:  # reported to the test's thread
            failures.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert failures == []
    assert len(answers) == CLIENTS
    assert len({a.order_number for a in answers}) == 1
    with database.unit_of_work() as uow:
        assert len(uow.sales.orders.list()) == 1
        widget = uow.masterdata.products.by_sku("WIDGET")
        assert widget is not None
        assert sum(level.reserved for level in uow.stock.for_product(widget.id)) == 5
        assert uow.stock_holds.of_owner(cart.cart_id) == []
    database.dispose()
