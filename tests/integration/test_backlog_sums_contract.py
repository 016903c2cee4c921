"""The backlog's sums by group, as each store makes them (the database on SQL), equal the sums of its open lines one
by one (`oms.domain.reports.backlog`: each line's open value rounded to its currency's minor unit, then added), on
memory, SQLite and PostgreSQL, over random orders in EUR, JPY and KWD: odd unit prices, discounts, quantities in kg,
partial issues, holds, orders closed short, cancelled or left as drafts; on SQL, the flag the database keeps on
the lines of closed orders (migration 0042) is right after any history, and the migration fills it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

import oms
from oms.adapters.memory.reports.orders import open_lines_by_group
from oms.adapters.sql import SqlDatabase, upgrade
from oms.adapters.sql.migrations.versions import r0042_closed_order_lines as closed_order_lines
from oms.adapters.sql.shared.engine import build_engine
from oms.ports.reports.orders import BacklogKey, OpenLinesGroup, OpenOrderLine, OrdersFilter

from .integration_helpers import Backend, downgrade

START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
BRANCHES = {"BER": ("EUR", "DE"), "TYO": ("JPY", "JP"), "KWI": ("KWD", "KW")}
UNITS = {"PART": "unit", "FLOUR": "kg"}
FATES = ("draft", "confirmed", "issued in part", "on hold", "closed short", "cancelled")

# (sku, quantity, unit price, percent off, share issued in tenths)
lines = st.tuples(st.sampled_from(sorted(UNITS)), st.integers(1, 40), st.decimals("0.001", "999", places=3),
                  st.sampled_from([None, "7.5", "33.3"]), st.integers(0, 9))
orders = st.tuples(st.sampled_from(sorted(BRANCHES)), st.sampled_from(["ACME", "BETA"]),
                   st.lists(lines, min_size=1, max_size=3), st.sampled_from(FATES), st.integers(0, 4))
Order = tuple[str, str, list[tuple[str, int, Decimal, str | None, int]], str, int]


class Shop:
    """Three branches in EUR, JPY and KWD, each with a warehouse full of PART (units) and FLOUR (kg)."""

    def __init__(self, backend: Backend) -> None:
        self.url = backend.url
        self.clock = oms.FixedClock(START)
        self.system = oms.bootstrap(uow_factory=backend.uow_factory, clock=self.clock)
        handle = self.system.handle
        for code, (currency, jurisdiction) in BRANCHES.items():
            handle(oms.CreateBranch(code=code, name=code, currency=currency, tax_jurisdiction=jurisdiction))
            handle(oms.CreateWarehouse(code=f"{code}-A", name=code, branch_code=code, priority=10))
            handle(oms.SetTaxRate(jurisdiction=jurisdiction, category=oms.TaxCategory.STANDARD, rate="0.10"))
        for sku, uom in UNITS.items():
            handle(oms.CreateProduct(sku=sku, name=sku, price="1", currency="EUR", uom=uom))
            for code in BRANCHES:
                handle(oms.ReceiveStock(sku=sku, warehouse_code=f"{code}-A", quantity="100000", reference="opening"))
        for customer in ("ACME", "BETA"):
            handle(oms.CreateCustomer(code=customer, name=customer))

    def place(self, order: Order) -> None:
        branch, customer, wanted, fate, days_ago = order
        self.clock.current = START - timedelta(days=days_ago)
        handle = self.system.handle
        made = handle(oms.CreateSalesOrder(customer_code=customer, branch_code=branch, lines=tuple(
            oms.LineInput(sku=sku, quantity=self._quantity(sku, quantity), unit_price=price,
                          discount=None if off is None else oms.Discount(oms.DiscountKind.PERCENT, Decimal(off)))
            for sku, quantity, price, off, _ in wanted)))
        if fate == "draft":
            return
        handle(oms.ConfirmSalesOrder(order_id=made))
        if fate in ("issued in part", "closed short"):
            shares = [(line.id, self._share(sku, quantity, tenths))
                      for line, (sku, quantity, _, _, tenths) in zip(self.system.sales_order(made).lines, wanted,
                                                                      strict=True)]
            issued = [oms.IssueLine(line_id=line, quantity=share) for line, share in shares if share]
            if issued:
                handle(oms.IssueGoods(order_id=made, warehouse_code=f"{branch}-A", lines=tuple(issued)))
        if fate == "on hold":
            handle(oms.HoldSalesOrder(order_id=made, reason="credit check"))
        elif fate == "closed short" and self.system.sales_order(made).status == "partially_issued":
            handle(oms.CompleteSalesOrder(order_id=made, reason="the rest is not wanted"))
        elif fate == "cancelled":
            handle(oms.CancelSalesOrder(order_id=made, reason="duplicate"))

    @staticmethod
    def _quantity(sku: str, quantity: int) -> Decimal:
        """Whole units of PART; FLOUR by the 100 g (0.1 to 4 kg)."""
        return Decimal(quantity) if UNITS[sku] == "unit" else Decimal(quantity) / 10

    @staticmethod
    def _share(sku: str, quantity: int, tenths: int) -> Decimal:
        """Tenths of a line's quantity: whole units of PART, FLOUR by the 10 g."""
        return Decimal(quantity * tenths // 10) if UNITS[sku] == "unit" else Decimal(quantity * tenths) / 100

    def ids(self) -> tuple[dict[str, str], str]:
        """The ids of the branches by code, and FLOUR's."""
        with self.system.uow_factory() as uow:
            branches = {code: found.id for code in BRANCHES if (found := uow.masterdata.branches.by_code(code))}
            flour = uow.masterdata.products.by_sku("FLOUR")
        assert flour is not None
        return branches, flour.id


@pytest.fixture
def shop(backend: Backend) -> Shop:
    return Shop(backend)


LABELS: dict[BacklogKey, Callable[[OpenOrderLine], str]] = {
    BacklogKey.CUSTOMER: lambda line: line.customer_code, BacklogKey.PRODUCT: lambda line: line.sku,
    BacklogKey.BRANCH: lambda line: line.branch_code, BacklogKey.ALL: lambda line: ""}


def _sorted(groups: object) -> list[OpenLinesGroup]:
    assert isinstance(groups, (list, tuple))
    return sorted(groups, key=lambda group: (group.code, group.currency))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(placed=st.lists(orders, min_size=1, max_size=4))
@example(placed=[("BER", "ACME", [("PART", 2, Decimal("1.005"), None, 5)], "issued in part", 1),
                 ("TYO", "BETA", [("PART", 2, Decimal("1.5"), None, 5)], "issued in part", 0)])
def test_the_backlog_summed_by_each_store_equals_its_open_lines_rounded_one_by_one(
        shop: Shop, placed: list[Order]) -> None:
    for order in placed:  # the shop keeps the orders of earlier examples: more history, same rule
        shop.place(order)
    today = date(2026, 3, 10)
    branches, flour = shop.ids()
    scopes = [OrdersFilter(), *(OrdersFilter(branch_id=branches[code]) for code in ("TYO", "KWI")),
              OrdersFilter(product_id=flour)]

    with shop.system.uow_factory() as uow:
        for scope in scopes:
            every_line = uow.reports.open_order_lines(scope, 10**6)
            for key in BacklogKey:
                summed = uow.reports.open_order_groups(scope, key, today)

                assert _sorted(summed) == _sorted(open_lines_by_group(every_line, LABELS[key], today)), (scope, key)
    if shop.url is not None:
        flags = closed_flags(shop.url)
        assert all(closed == (status in CLOSED) for status, closed in flags), flags


CLOSED = ("cancelled", "completed")


def closed_flags(url: str) -> list[tuple[str, bool]]:
    """(the order's status, the line's `order_closed`) of every order line in the database at `url`."""
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT o.status, l.order_closed FROM order_lines l JOIN sales_orders o ON o.id = l.sales_order_id "
                "ORDER BY l.id")).all()
    finally:
        engine.dispose()
    return [(str(status), bool(closed)) for status, closed in rows]


def test_migration_0042_flags_the_lines_of_the_orders_closed_before_it(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    shop = Shop(Backend("sql", database.unit_of_work, database.listings(), sql_url))
    for fate in FATES:
        shop.place(("BER", "ACME", [("PART", 4, Decimal("2.50"), None, 5)], fate, 1))
    database.dispose()
    kept = closed_flags(sql_url)  # by the trigger
    downgrade(sql_url, str(closed_order_lines.down_revision))

    upgrade(sql_url)

    assert closed_flags(sql_url) == kept
    assert sorted(status for status, closed in kept if closed) == ["cancelled", "completed"]
    assert len(kept) == len(FATES)
