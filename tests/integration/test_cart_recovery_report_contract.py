"""The cart recovery report and the recovery rate on memory, SQLite and PostgreSQL, counted and summed by the store from
the months each cart records when its recovery messages are claimed (`Cart.recovery_months`): the same figures as
pricing every messaged cart at its first message of each month (the report's computation before the months were
recorded), on random histories of carts opened, messaged, checked out and expired over several months."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

import oms
from oms.adapters.sql import SqlDatabase, upgrade
from oms.adapters.sql.shared.migrate import alembic_config
from oms.application.processes.cart_queries import cart_draft, recovery_rate, show_cart
from oms.domain.carts.carts import Cart, CartStatus

from .integration_helpers import Backend, seed_master_data

MONTHS = text("SELECT cart_id, position, month, claimed_at, currency, value, order_value, recovered "
              "FROM cart_recovery_months ORDER BY cart_id, position")

D = Decimal
START = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
CUSTOMERS = ("ACME", "BOLT", "CRANE")
SKUS = ("PART", "WIDGET", "GADGET")
RANGE = oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 5, 31))


def shop(backend: Backend | SqlDatabase) -> tuple[oms.OrderManagement, oms.FixedClock]:
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.unit_of_work if isinstance(backend, SqlDatabase)
                           else backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateProduct(sku="PART", name="Part", price="5.00", currency="EUR"))
    for code in CUSTOMERS[1:]:
        system.handle(oms.CreateCustomer(code=code, name=code.title(), email=f"{code.lower()}@example.com"))
    for sku in SKUS:
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-A", quantity="1000", reference="opening"))
    system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    return system, clock


def open_cart(system: oms.OrderManagement, rng: random.Random, customer: str | None) -> None:
    opened = system.handle(oms.OpenCart(branch_code="BER", customer_code=customer,
                                        email=None if customer else f"v{rng.randrange(10 ** 6)}@example.com"))
    for sku in rng.sample(SKUS, rng.randint(1, 3)):
        system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku=sku,
                                    quantity=str(rng.randint(1, 7))))


def active_carts(system: oms.OrderManagement) -> list[Cart]:
    return list(system.read(lambda uow: uow.carts.carts.listing(CartStatus.ACTIVE, None, "", 1000)))


def random_history(system: oms.OrderManagement, clock: oms.FixedClock, seed: int) -> None:
    """Carts opened (customers' and visitors'), messaged at 1 h and 24 h, some checked out after their messages or
    before any, some expired, over about ten weeks from late March."""
    rng = random.Random(seed)
    ids = system.read(lambda uow: {code: c.id for code, c in uow.masterdata.customers.by_codes(CUSTOMERS).items()})
    for _ in range(30):
        busy = {cart.customer_id for cart in active_carts(system)}
        for customer in CUSTOMERS:
            if rng.random() < 0.5 and ids[customer] not in busy:  # one active cart per customer and branch
                open_cart(system, rng, customer)
        for _ in range(rng.randint(0, 2)):
            open_cart(system, rng, None)
        clock.advance(timedelta(hours=rng.choice((0.5, 2, 5, 20, 30, 60))))
        oms.run_cart_recovery(system, clock.now())
        for cart in active_carts(system):
            if cart.customer_id is not None and rng.random() < 0.3:
                total = system.read(show_cart, cart.id, clock.now()).total.amount
                system.handle(oms.CheckOutCart(cart_id=cart.id, expected_total=total))
        if rng.random() < 0.2:
            clock.advance(timedelta(days=31))
            oms.run_cart_expiry(system, clock.now())


def priced_at_their_messages(uow: Any, months: list[date]) -> list[tuple[str, int, int, Decimal, Decimal]]:
    """The report's rows as it computed them before the months were recorded: every cart priced by the checkout at
    the first of its messages of each month (a checked-out cart: its order)."""
    found: dict[date, list[Any]] = defaultdict(lambda: [0, 0, D(0), D(0)])
    for cart in uow.carts.carts.listing(None, None, "", 10_000):
        for month in months:
            end = (month + timedelta(days=32)).replace(day=1)
            claims = [r.claimed_at for r in cart.reminders if month <= r.claimed_at.date() < end]
            if not claims:
                continue
            draft = cart_draft(uow, cart, min(claims))
            net = D(0) if draft is None else draft.totals().net_total
            recovered = cart.status is CartStatus.CONVERTED and cart.closed_at is not None \
                and cart.closed_at >= min(claims)
            figures = found[month]
            figures[0] += 1
            figures[1] += recovered
            figures[2] += net
            figures[3] += net if recovered else D(0)
    return [(f"{month:%Y-%m}", found[month][0], found[month][1], found[month][2], found[month][3])
            for month in months]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_report_sums_what_pricing_each_cart_at_its_first_message_of_the_month_sums(
        backend: Backend, seed: int) -> None:
    system, clock = shop(backend)
    random_history(system, clock, seed)
    months = [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]

    table = system.report("cart-recovery", RANGE)
    expected = system.read(priced_at_their_messages, months)

    assert [(row[0], row[1], row[2], row[4], row[5]) for row in table.rows] == expected
    assert sum(row[1] for row in expected) > 12
    assert sum(row[2] for row in expected) > 2
    assert table.totals is not None
    assert table.totals[1:3] == (sum(row[1] for row in expected), sum(row[2] for row in expected))


def test_the_recovery_rate_counts_the_months_the_report_counts(backend: Backend) -> None:
    system, clock = shop(backend)
    random_history(system, clock, 4)

    table = system.report("cart-recovery", RANGE)
    rate = system.read(recovery_rate, clock.now().date(), "2026-03", "2026-05")

    assert [(p.month, p.messaged, p.recovered) for p in rate.periods] == [row[:3] for row in table.rows]


def test_a_cart_is_worth_what_it_was_at_its_message_whatever_its_lines_become(backend: Backend) -> None:
    system, clock = shop(backend)
    opened = system.handle(oms.OpenCart(branch_code="BER", email="visitor@example.com"))
    system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku="PART", quantity="3"))
    clock.advance(timedelta(minutes=61))
    oms.run_cart_recovery(system, clock.now())
    line = system.read(show_cart, opened.cart_id).lines[0].id
    system.handle(oms.ChangeCartLine(cart_id=opened.cart_id, cart_token=opened.token, line_id=line, quantity="9"))

    table = system.report("cart-recovery", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31)))

    assert table.rows == (("2026-03", 1, 0, D("0.0"), D("15.00"), D(0)),)


def test_the_store_sums_the_months_asked_by_currency(backend: Backend) -> None:
    system, clock = shop(backend)
    system.handle(oms.CreateBranch(code="NYC", name="New York", currency="USD", tax_jurisdiction="US"))
    system.handle(oms.SetTaxRate(jurisdiction="US", category=oms.TaxCategory.STANDARD, rate="0.08"))
    system.handle(oms.CreateProduct(sku="BOLT-US", name="Bolt", price="2.50", currency="USD"))
    system.handle(oms.SetCartPolicy(branch_code="NYC", recovery=True))
    for branch, sku in (("BER", "PART"), ("NYC", "BOLT-US"), ("NYC", "BOLT-US")):
        opened = system.handle(oms.OpenCart(branch_code=branch, email="visitor@example.com"))
        system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku=sku, quantity="2"))
    clock.advance(timedelta(days=12, minutes=61))  # April the 1st: the first messages
    oms.run_cart_recovery(system, clock.now())

    def figures(first: date, last: date) -> list[tuple[object, ...]]:
        return [(f.month, f.currency, f.messaged, f.recovered, f.value, f.recovered_value) for f in
                system.read(lambda uow: uow.carts.carts.recovery_by_month(first, last))]

    assert figures(date(2026, 4, 1), date(2026, 4, 1)) == [(date(2026, 4, 1), "EUR", 1, 0, D("10.00"), D(0)),
                                                           (date(2026, 4, 1), "USD", 2, 0, D("10.00"), D(0))]
    assert figures(date(2026, 3, 1), date(2026, 3, 1)) == figures(date(2026, 5, 1), date(2026, 5, 1)) == []
    assert system.report("cart-recovery", oms.ReportRequest(start=date(2026, 4, 1), end=date(2026, 4, 30))).rows \
        == (("2026-04", 3, 0, D("0.0"), None, None),)


def test_migration_0035_records_the_months_of_the_carts_messaged_before_it_as_the_report_priced_them(
        sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system, clock = shop(database)
    random_history(system, clock, 5)
    with database.engine.connect() as connection:
        recorded = connection.execute(MONTHS).all()
    with database.engine.begin() as connection:  # back to before the months were recorded, and up again
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0034")
    database.dispose()

    upgrade(sql_url)
    database = SqlDatabase.from_url(sql_url)
    with database.engine.connect() as connection:
        backfilled = connection.execute(MONTHS).all()
    table = oms.bootstrap(uow_factory=database.unit_of_work, clock=clock).report("cart-recovery", RANGE)
    database.dispose()

    assert len(recorded) > 12
    assert backfilled == recorded
    assert sum(int(str(row[1])) for row in table.rows) == sum(str(row.month) < "2026-06" for row in recorded)
