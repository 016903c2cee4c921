"""Purchase planning on memory, SQLite and PostgreSQL: reorder rules and prepared proposals come back as stored, one
rule per product and warehouse, and the daily job run by several schedulers at once prepares one proposal a day."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.procurement.planning import ProposalLine, ProposalRun, ReorderRule
from oms.domain.procurement.planning_events import PurchaseProposalPrepared
from oms.domain.shared.errors import AlreadyExists
from oms.entrypoints.scheduler import prepare_purchase_proposal

from .integration_helpers import Backend, seed_master_data, snapshot

AT = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
DAY = AT.date()


def seeded(backend: Backend) -> oms.OrderManagement:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(AT))
    seed_master_data(system, stock={"BER-A": 3, "BER-B": 4})
    return system


def ids(backend: Backend) -> tuple[str, str]:
    with backend.uow_factory() as uow:
        product, warehouse = uow.masterdata.products.by_sku("WIDGET"), uow.masterdata.warehouses.by_code("BER-A")
    assert product is not None
    assert warehouse is not None
    return product.id, warehouse.id


def test_a_rule_round_trips_and_is_found_by_product_and_warehouse(backend: Backend) -> None:
    seeded(backend)
    product_id, warehouse_id = ids(backend)
    rule = ReorderRule.create(product_id=product_id, warehouse_id=warehouse_id, minimum=Decimal("2.5"),
                              maximum=Decimal("10.000001"), multiple=Decimal(6), active=False, at=AT, actor="ann")
    with backend.uow_factory() as uow:
        uow.planning.rules.add(rule)
        uow.commit()

    with backend.uow_factory() as uow:
        found = uow.planning.rules.find(product_id, warehouse_id)
        missing = uow.planning.rules.find(warehouse_id, product_id)
        listed = uow.planning.rules.list()

    assert snapshot(found) == snapshot(rule)
    assert missing is None
    assert [r.id for r in listed] == [rule.id]


def test_a_second_rule_for_the_same_product_and_warehouse_is_refused(backend: Backend) -> None:
    seeded(backend)
    product_id, warehouse_id = ids(backend)

    def add() -> None:
        with backend.uow_factory() as uow:
            uow.planning.rules.add(ReorderRule.create(product_id=product_id, warehouse_id=warehouse_id,
                                                      minimum=Decimal(1), maximum=Decimal(2), at=AT, actor="ann"))
            uow.commit()

    add()
    with pytest.raises(AlreadyExists):
        add()


def test_a_prepared_proposal_round_trips_with_its_lines_by_its_day(backend: Backend) -> None:
    lines = [ProposalLine(id=f"l{n}", product_id="p", sku=f"SKU-{n}", warehouse_id="w", warehouse_code="W",
                          available=Decimal("-1.5"), incoming=Decimal(0), demand=Decimal(3), minimum=Decimal(5),
                          maximum=Decimal(10), quantity=Decimal(12), supplier_id=None if n else "s",
                          supplier_code=None if n else "BOLT", unit_price=None if n else Decimal("9.123456"),
                          currency=None if n else "EUR") for n in range(2)]
    runs = [ProposalRun.prepare(date(2026, 3, day), lines if day == 2 else [], at=AT, actor="scheduler")
            for day in (1, 2)]
    with backend.uow_factory() as uow:
        for run in runs:
            uow.planning.runs.add(run)
        uow.commit()

    with backend.uow_factory() as uow:
        found, latest, none = uow.planning.runs.on(DAY), uow.planning.runs.latest(), uow.planning.runs.on(
            date(2026, 3, 3))

    assert snapshot(found) == snapshot(runs[1])
    assert latest is not None
    assert latest.day == DAY
    assert none is None


def test_schedulers_racing_on_one_day_prepare_one_proposal(backend: Backend) -> None:
    system = seeded(backend)
    system.handle(oms.SetReorderRule(sku="WIDGET", warehouse_code="BER-A", minimum="10", maximum="20"))
    databases = [SqlDatabase.from_url(backend.url) for _ in range(4)] if backend.url else []
    schedulers = [oms.bootstrap(uow_factory=db.unit_of_work, clock=oms.FixedClock(AT)) for db in databases] or [
        oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(AT)) for _ in range(4)]
    start, days, errors = threading.Barrier(len(schedulers)), [], []

    def run(scheduler: oms.OrderManagement) -> None:
        start.wait()
        try:
            days.append(prepare_purchase_proposal(scheduler))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(scheduler,)) for scheduler in schedulers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for database in databases:
        database.dispose()

    assert errors == []
    assert days == [DAY] * 4
    prepared = system.read(oms.prepared_proposal, DAY)
    assert [(line.sku, line.quantity.value) for line in prepared.lines] == [("WIDGET", Decimal(17))]
    assert [type(e) for e in system.events(DAY.isoformat())] == [PurchaseProposalPrepared]


def test_planning_reads_only_the_sales_orders_awaiting_issue_and_the_purchase_orders_still_open(
        backend: Backend) -> None:
    system = seeded(backend)
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT", "Bolt AG", "EUR"))
        uow.commit()

    def sale() -> str:
        order: str = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
            oms.LineInput(sku="WIDGET", quantity="1"),)))
        return order

    def purchase(*, placed: bool = False) -> str:
        order: str = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT", branch_code="BER", lines=(
            oms.LineInput(sku="WIDGET", quantity="5", unit_price="4.00"),)))
        if placed:
            system.handle(oms.PlacePurchaseOrder(order_id=order))
        return order

    confirmed, held, cancelled = sale(), sale(), sale()
    sale()  # a draft: it reserves nothing and waits for nothing yet
    for order in (confirmed, held):
        system.handle(oms.ConfirmSalesOrder(order_id=order))
    system.handle(oms.HoldSalesOrder(order_id=held, reason="credit check"))
    system.handle(oms.CancelSalesOrder(order_id=cancelled))
    draft, ordered, closed = purchase(), purchase(placed=True), purchase(placed=True)
    system.handle(oms.CancelPurchaseOrder(order_id=purchase(), reason="not needed"))
    system.handle(oms.ClosePurchaseOrder(order_id=closed, reason="not needed"))

    with backend.uow_factory() as uow:
        awaiting = [order.id for order in uow.sales.orders.awaiting_issue()]
        still_open = [order.id for order in uow.procurement.orders.still_open()]

    assert awaiting == [confirmed, held]
    assert still_open == [draft, ordered]
