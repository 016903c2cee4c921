"""Purchase orders on SQLite and PostgreSQL: stored and read back whole (lines, receipts, returns, history, settings),
the acceptance cases that move stock and books, and two receipts of 60 on a line of 100 posted at once by two
clients on their own connections: exactly one posts (peers.md 1d, acceptance 6, 7, 9 and 12)."""

from __future__ import annotations

import contextlib
import threading
from datetime import date
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.application.procurement.queries import show_purchase_order
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id

from .integration_helpers import seed_master_data


def _seed(system: oms.OrderManagement, tolerance: str = "0") -> None:
    seed_master_data(system)
    uow = system.uow_factory()
    with uow:
        uow.masterdata.suppliers.add(Supplier(new_id(), "WOOD", "Wood GmbH", "EUR"))
        uow.masterdata.suppliers.add(Supplier(new_id(), "STEEL", "Steel Inc", "USD"))
        uow.masterdata.exchange_rates.add(ExchangeRate.new("USD", "EUR", date(2020, 1, 1), "0.90"))
        uow.commit()
    system.handle(oms.SetProcurementSettings(branch_code="BER", over_receipt_percent=tolerance))


def _ordered(system: oms.OrderManagement, quantity: str = "100", supplier: str = "WOOD") -> str:
    order_id: str = system.handle(oms.CreatePurchaseOrder(
        supplier_code=supplier, branch_code="BER",
        lines=(oms.LineInput(sku="WIDGET", quantity=quantity, unit_price="10.00"),)))
    system.handle(oms.PlacePurchaseOrder(order_id=order_id))
    return order_id


def _receive(system: oms.OrderManagement, order_id: str, quantity: str) -> str:
    line_id = system.read(show_purchase_order, order_id).lines[0].id
    number: str = system.handle(oms.ReceiveGoods(order_id=order_id, lines=(
        oms.ReceiptLine(line_id=line_id, quantity=quantity),)))
    return number


def _rule(action: object) -> str | None:
    try:
        action()  # type: ignore[operator]
    except oms.BusinessRuleViolation as refused:
        return refused.rule
    return None


def test_acceptance_6_receipts_a_refused_one_and_a_return_stored_and_read_back(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    _seed(system, tolerance="10")
    system.handle(oms.SetReceiptTolerance(branch_code="BER", sku="GADGET", percent="50"))
    order_id = _ordered(system)

    _receive(system, order_id, "60")
    _receive(system, order_id, "45")
    refused = _rule(lambda: _receive(system, order_id, "6"))
    line_id = system.read(show_purchase_order, order_id).lines[0].id
    system.handle(oms.ReturnToSupplier(order_id=order_id, line_id=line_id, quantity="5", reason="damaged"))

    fresh = oms.bootstrap(uow_factory=SqlDatabase.from_url(sql_url).unit_of_work)
    order = fresh.read(show_purchase_order, order_id)
    assert refused == "CannotReceiveMoreThanOrdered"
    assert (order.status, order.lines[0].received.value) == ("received", Decimal(100))
    assert [len(r.lines) for r in order.receipts] == [1, 1]
    assert [r.quantity.value for r in order.supplier_returns] == [Decimal(5)]
    assert [h.to_status for h in order.history] == ["ordered", "partially_received", "received"]
    level = next(level for level in fresh.stock("WIDGET") if level.warehouse_id)
    assert (level.on_hand, level.value) == (Decimal(100), Decimal("1000.00"))
    uow = fresh.uow_factory()
    with uow.reading():
        settings = uow.procurement.settings.find(uow.masterdata.branches.by_code("BER").id)  # type: ignore[union-attr]
    assert settings is not None
    assert (settings.over_receipt_percent, len(settings.tolerances)) == (Decimal(10), 1)
    database.dispose()


def test_acceptance_9_and_12_close_short_after_a_receipt_and_cancel_refused(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    _seed(system)
    order_id = _ordered(system, supplier="STEEL")
    _receive(system, order_id, "60")

    refused = _rule(lambda: system.handle(oms.CancelPurchaseOrder(order_id=order_id)))
    system.handle(oms.ClosePurchaseOrder(order_id=order_id, reason="discontinued"))

    order = system.read(show_purchase_order, order_id)
    assert refused == "PurchaseOrderHasReceipts"
    assert (order.status, order.receipt_status) == (oms.PurchaseOrderStatus.CLOSED, oms.ReceiptStatus.CLOSED_SHORT)
    assert order.lines[0].open.value == 0
    assert order.receipts[0].lines[0].value.amount == Decimal("540.00")  # 60 x 10.00 USD at 0.90
    database.dispose()


def test_acceptance_7_two_concurrent_receipts_of_60_on_a_line_of_100_exactly_one_posts(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    _seed(system)
    order_id = _ordered(system)
    line_id = system.read(show_purchase_order, order_id).lines[0].id
    barrier, outcomes = threading.Barrier(2), []

    def client() -> None:
        own = oms.bootstrap(uow_factory=database.unit_of_work)  # its own connection from the pool
        barrier.wait()
        try:
            outcomes.append(own.handle(oms.ReceiveGoods(order_id=order_id, lines=(
                oms.ReceiptLine(line_id=line_id, quantity="60"),))))
        except oms.BusinessRuleViolation as refused:
            outcomes.append(refused.rule)

    threads = [threading.Thread(target=client) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    order = system.read(show_purchase_order, order_id)
    assert sorted(outcome.startswith("GR-") for outcome in outcomes) == [False, True]
    assert "CannotReceiveMoreThanOrdered" in outcomes
    assert len(order.receipts) == 1
    assert order.lines[0].received.value == Decimal(60)
    assert sum((level.on_hand for level in system.stock("WIDGET")), Decimal(0)) == Decimal(60)
    database.dispose()


@pytest.mark.parametrize("rounds", [5])
def test_acceptance_7_repeated_races_never_over_receive(sql_url: str, rounds: int) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    _seed(system)
    for _ in range(rounds):
        order_id = _ordered(system)
        line_id = system.read(show_purchase_order, order_id).lines[0].id
        barrier = threading.Barrier(3)

        def client(order_id: str = order_id, line_id: str = line_id, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            with contextlib.suppress(oms.BusinessRuleViolation):
                system.handle(oms.ReceiveGoods(order_id=order_id, lines=(
                    oms.ReceiptLine(line_id=line_id, quantity="40"),)))

        threads = [threading.Thread(target=client) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        order = system.read(show_purchase_order, order_id)
        assert order.lines[0].received.value == Decimal(80)  # two of the three fit in 100
    database.dispose()
