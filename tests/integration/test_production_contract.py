"""Production on memory, SQLite and PostgreSQL through the Python API: BOMs, work orders and service orders come back
as stored; the TABLE of peers.md 2d released, 6 made and closed short leaves the same stock, reservations,
movements, values and journal on every backend; a seeded random day of work order commands leaves on SQL what it
leaves in memory, with reserved = the open reservations, stock never negative and valuation = inventory account;
service work invoiced and credited with real documents leaves the same orders, labour links and invoices on every
backend; and clients racing (real parallel clients: threads, and processes of their own) never make more than the
over-production tolerance allows nor take stock below zero (peers.md 2d.6), nor leave two BOM revisions active, nor
bill a service order's hours twice.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.production.boms import BillOfMaterials
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.production.work_orders import WorkOrder

from .integration_helpers import Backend, seed_master_data, snapshot
from .production_helpers import (
    INVENTORY,
    NOW,
    WAREHOUSE,
    D,
    check_production_ledger,
    journal,
    memory,
    movements,
    plant,
    released,
    stock_picture,
)
from .production_worker import run

CLIENTS = 8
STEPS = 50
REVISIONS = 6
WORKER_SCRIPT = Path(__file__).with_name("production_worker.py")


def test_a_bom_created_and_activated_comes_back_as_stored(backend: Backend) -> None:
    system = plant(backend.uow_factory)
    system.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    system.handle(oms.CreateBom(sku="LEG-KIT", components=(oms.ComponentInput(sku="LEG", quantity="4"),)))
    second = system.handle(oms.CreateBom(
        sku="TABLE", output_quantity="2", overhead_per_unit="1.25", consumption=oms.ConsumptionMode.WARNING,
        components=(oms.ComponentInput(sku="LEG-KIT", quantity="2", kind=oms.ComponentKind.PHANTOM),
                    oms.ComponentInput(sku="TOP", quantity="2"),
                    oms.ComponentInput(sku="SCREW", quantity="16", scrap_percent="2.5"),
                    oms.ComponentInput(sku="SCREW", quantity="1")),
        operations=(oms.OperationInput(name="Assemble", hours="1", rate="30.00"),
                    oms.OperationInput(name="Varnish", hours="0.25", rate="42.123456"))))

    system.handle(oms.ActivateBomVersion(sku="TABLE", revision=1))

    with backend.uow_factory() as uow:
        product = uow.masterdata.products.by_sku("TABLE")
        assert product is not None
        revisions: list[BillOfMaterials] = list(uow.production.boms.revisions(product.id))
        before = snapshot(revisions)
        active = uow.production.boms.active(product.id)
    with backend.uow_factory() as uow:
        again = snapshot(uow.production.boms.get(second))
    assert [(bom.revision, bom.active) for bom in revisions] == [(1, True), (2, False)]
    assert active is not None
    assert active.revision == 1
    assert again == before[1]
    assert [(line.sku, line.quantity, line.scrap_percent, str(line.kind)) for line in revisions[1].lines] == [
        ("LEG-KIT", D(2), D(0), "phantom"), ("TOP", D(2), D(0), "normal"), ("SCREW", D(16), D("2.5"), "normal"),
        ("SCREW", D(1), D(0), "normal")]
    assert [(op.name, op.hours, op.rate) for op in revisions[1].operations] == [
        ("Assemble", D(1), D("30.00")), ("Varnish", D("0.25"), D("42.123456"))]
    assert system.read(oms.show_bom, "TABLE").revision == 1


def test_the_table_of_peers_2d_released_made_6_and_closed_short_leaves_the_same_books_on_every_backend(
        backend: Backend) -> None:
    system = plant(backend.uow_factory)
    order = released(system)
    on_release = stock_picture(system)

    reference = system.handle(oms.ReportOutput(order_id=order, quantity="6"))
    after_output = system.read(oms.show_work_order, order)
    system.handle(oms.CloseWorkOrder(order_id=order, reason="tops late"))

    closed = system.read(oms.show_work_order, order)
    assert on_release == {"TABLE": (D(0), D(0), D(0)), "LEG": (D(50), D(40), D("250.00")),
                          "TOP": (D(8), D(8), D("320.00")), "SCREW": (D(1000), D(85), D("100.00"))}
    assert (reference, after_output.status, after_output.number) == ("WO-000001/1", "in_progress", "WO-000001")
    assert [(c.sku, c.required, c.consumed, c.reserved, c.missing) for c in after_output.components] == [
        ("LEG", D(40), D(24), D(16), D(0)), ("TOP", D(10), D(6), D(2), D(2)), ("SCREW", D(85), D(51), D(34), D(0))]
    [output] = closed.outputs
    assert (output.quantity, output.unit_cost.amount, output.value.amount, output.component_value.amount,
            output.labour_value.amount) == (D(6), D("75.85"), D("455.10"), D("365.10"), D("90.00"))
    assert closed.status == "closed_short"
    assert [(c.sku, c.consumed, c.reserved, c.missing) for c in closed.components] == [
        ("LEG", D(24), D(0), D(0)), ("TOP", D(6), D(0), D(0)), ("SCREW", D(51), D(0), D(0))]
    assert stock_picture(system) == {"TABLE": (D(6), D(0), D("455.10")), "LEG": (D(26), D(0), D("130.00")),
                                     "TOP": (D(2), D(0), D("80.00")), "SCREW": (D(949), D(0), D("94.90"))}
    assert [m for m in movements(system) if m[4].startswith("WO-")] == [
        ("TABLE", "production", D(6), D("455.10"), "WO-000001/1"),
        ("LEG", "consumption", D(-24), D("-120.00"), "WO-000001/1"),
        ("TOP", "consumption", D(-6), D("-240.00"), "WO-000001/1"),
        ("SCREW", "consumption", D(-51), D("-5.10"), "WO-000001/1")]
    assert [entry for entry in journal(system) if entry[0].startswith("Production")] == [
        ("Production WO-000001/1", [("1300", D("455.10"), D(0)), ("1300", D(0), D("365.10")),
                                    ("5300", D(0), D("90.00"))])]
    check_production_ledger(system)
    with backend.uow_factory() as uow:
        stored: WorkOrder = uow.production.work_orders.get(order)
        assert [(c.from_status, c.to_status, c.reason) for c in stored.history] == [
            ("draft", "released", ""), ("released", "in_progress", "output WO-000001/1"),
            ("in_progress", "closed_short", "tops late")]
        before = snapshot(stored)
    with backend.uow_factory() as uow:
        assert snapshot(uow.production.work_orders.by_number("WO-000001")) == before


def test_a_warning_bom_keeps_its_deviations_and_a_subassembly_its_child_order(backend: Backend) -> None:
    system = plant(backend.uow_factory)
    system.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    system.handle(oms.CreateBom(sku="LEG-KIT", consumption=oms.ConsumptionMode.WARNING,
                                components=(oms.ComponentInput(sku="LEG", quantity="4"),)))
    system.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="LEG-KIT", quantity="1", kind=oms.ComponentKind.SUBASSEMBLY),
        oms.ComponentInput(sku="TOP", quantity="1"))))
    parent = released(system, "2")
    [child] = system.read(oms.show_work_order, parent).children

    system.handle(oms.ReleaseWorkOrder(order_id=child))
    system.handle(oms.ReportOutput(order_id=child, quantity="2",
                                   consumed=(oms.ConsumedInput(sku="LEG", quantity="9"),)))

    kit = system.read(oms.show_work_order, child)
    made = system.read(oms.show_work_order, parent)
    assert [(d.sku, d.expected, d.actual) for d in kit.deviations] == [("LEG", D(8), D(9))]
    assert (kit.parent_number, kit.status) == ("WO-000001", "to_close")
    assert [(c.sku, c.required, c.reserved, c.missing) for c in made.components] == [
        ("LEG-KIT", D(2), D(2), D(0)), ("TOP", D(2), D(2), D(0))]
    with backend.uow_factory() as uow:
        [stored] = uow.production.work_orders.children(parent)
        assert (stored.number, stored.parent_id) == ("WO-000002", parent)
        before = snapshot(stored)
    with backend.uow_factory() as uow:
        assert snapshot(uow.production.work_orders.get(kit.id)) == before
    check_production_ledger(system)


def test_110_transferred_for_100_are_backflushed_99_then_11_and_the_transfers_come_back(backend: Backend) -> None:
    system = plant(backend.uow_factory)
    system.handle(oms.CreateProduct(sku="RM", name="Raw", price="1.00", currency="EUR"))
    system.handle(oms.CreateProduct(sku="X", name="X", price="9.00", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="RM", warehouse_code=WAREHOUSE, quantity="120", unit_cost="1.00"))
    system.handle(oms.CreateBom(sku="X", components=(oms.ComponentInput(sku="RM", quantity="1"),)))
    order = system.handle(oms.CreateWorkOrder(sku="X", quantity="100", warehouse_code=WAREHOUSE, release=True,
                                              backflush=oms.BackflushBasis.TRANSFERRED))
    system.handle(oms.TransferMaterial(order_id=order, lines=(oms.ConsumedInput(sku="RM", quantity="110"),)))

    system.handle(oms.ReportOutput(order_id=order, quantity="90"))
    after_90 = system.read(oms.show_work_order, order).components[0].consumed
    system.handle(oms.ReportOutput(order_id=order, quantity="10"))

    [rm] = system.read(oms.show_work_order, order).components
    assert (after_90, rm.consumed, rm.transferred) == (D(99), D(110), D(110))
    with backend.uow_factory() as uow:
        stored: WorkOrder = uow.production.work_orders.get(order)
        assert (stored.backflush, [(t.quantity, t.actor) for t in stored.transfers]) == (
            oms.BackflushBasis.TRANSFERRED, [(D(110), "system")])
        before = snapshot(stored)
    with backend.uow_factory() as uow:
        assert snapshot(uow.production.work_orders.get(order)) == before
    check_production_ledger(system)


def test_a_line_made_to_order_and_a_service_line_get_their_orders_on_every_backend(backend: Backend) -> None:
    system = plant(backend.uow_factory)
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                               confirm=True, lines=(oms.LineInput(sku="TABLE", quantity="6"),
                                                                    oms.LineInput(sku="SETUP", quantity="3"))))
    table_line, setup_line = (line.id for line in system.sales_order(order).lines)
    work_order = system.handle(oms.MakeToOrder(order_id=order, line_id=table_line))
    service = system.handle(oms.CreateServiceOrderForLine(order_id=order, line_id=setup_line))

    system.handle(oms.ReportOutput(order_id=work_order, quantity="4"))
    with pytest.raises(oms.BusinessRuleViolation) as twice:
        system.handle(oms.CreateServiceOrderForLine(order_id=order, line_id=setup_line))
    with pytest.raises(oms.BusinessRuleViolation) as being_made:
        system.handle(oms.MakeToOrder(order_id=order, line_id=table_line))

    sales_order = system.sales_order(order)
    assert (sales_order.open_reserved(table_line), sales_order.backordered(sales_order.lines[0])) == (D(4), D(2))
    assert stock_picture(system)["TABLE"][:2] == (D(4), D(4))
    assert (twice.value.rule, being_made.value.rule) == ("ServiceOrderExistsForLine", "LineIsBeingMade")
    view = system.read(oms.show_service_order, service)
    assert (view.sku, view.quantity, view.unit_price.amount) == ("SETUP", D(3), D("45.00"))
    with backend.uow_factory() as uow:
        made = uow.production.work_orders.get(work_order)
        assert (made.sales_order_id, made.sales_line_id, made.quantity) == (order, table_line, D(6))
        assert [w.id for w in uow.production.work_orders.made_for(order)] == [work_order]


def test_a_service_order_with_labour_lines_and_milestones_comes_back_as_stored(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(NOW))
    seed_master_data(system)
    hours = system.handle(oms.CreateServiceOrder(sku="SETUP", quantity="10", customer_code="ACME"))
    staged = system.handle(oms.CreateServiceOrder(sku="SETUP", policy=oms.ServicePolicy.MILESTONES, quantity="3",
                                                  unit_price="120.00"))
    start = NOW + timedelta(days=1)
    system.handle(oms.ScheduleServiceOrder(order_id=hours, technician="Ada", slot_start=start,
                                           slot_end=start + timedelta(hours=4)))
    system.handle(oms.StartServiceOrder(order_id=hours))
    four = system.handle(oms.LogLabour(order_id=hours, person="Ada", day=date(2026, 3, 3), hours="4"))
    two = system.handle(oms.LogLabour(order_id=hours, person="Bob", day=date(2026, 3, 4), hours="2.5",
                                      billable=False))
    gone = system.handle(oms.LogLabour(order_id=hours, person="Ada", day=date(2026, 3, 5), hours="1"))
    system.handle(oms.ApproveLabour(order_id=hours, line_id=four))
    system.handle(oms.UpdateLabour(order_id=hours, line_id=two, hours="3"))
    system.handle(oms.RemoveLabour(order_id=hours, line_id=gone))
    first = system.handle(oms.AddMilestone(order_id=staged, name="Design", quantity="1"))
    system.handle(oms.AddMilestone(order_id=staged, name="Build", quantity="2"))
    system.handle(oms.ReachMilestone(order_id=staged, milestone_id=first))

    with backend.uow_factory() as uow:
        stored: ServiceOrder = uow.production.service_orders.get(hours)
        before = [snapshot(stored), snapshot(uow.production.service_orders.get(staged))]
    with backend.uow_factory() as uow:
        again = [snapshot(order) for order in uow.production.service_orders.list()]
    view = system.read(oms.show_service_order, hours)
    assert again == before
    assert [(line.person, line.hours, line.billable, line.approved) for line in stored.labour] == [
        ("Ada", D(4), True, True), ("Bob", D(3), False, False)]
    assert (stored.technician, stored.slot_start, stored.status) == ("Ada", start, "in_progress")
    assert (view.delivered, view.to_invoice) == (D(4), D(4))
    assert system.read(oms.show_service_order, staged).delivered == D(1)


def test_invoiced_and_credited_hours_and_the_labour_they_billed_come_back_as_stored(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(NOW))
    seed_master_data(system)
    order = system.handle(oms.CreateServiceOrder(sku="SETUP", quantity="10", customer_code="ACME"))
    for day, hours in ((3, "4"), (4, "2")):
        line = system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, day), hours=hours))
        system.handle(oms.ApproveLabour(order_id=order, line_id=line))

    with backend.uow_factory() as uow:  # what a posted invoice line and credit-note line tell the order
        billed = uow.production.service_orders.get(order)
        billed.record_invoiced("invoice-line-1", D(6))
        billed.record_credited("credit-line-1", D("1.5"))
        uow.commit()

    with backend.uow_factory() as uow:
        stored = uow.production.service_orders.get(order)
        before = snapshot(stored)
    with backend.uow_factory() as uow:
        assert snapshot(uow.production.service_orders.by_number(stored.number)) == before
    assert [(b.document_line_id, b.quantity) for b in stored.billings] == [
        ("invoice-line-1", D(6)), ("credit-line-1", D("-1.5"))]
    assert [line.invoice_line_id for line in stored.labour] == ["invoice-line-1", "invoice-line-1"]
    assert (stored.invoiced, stored.to_invoice) == (D("4.5"), D("1.5"))


def _log_approved(system: oms.OrderManagement, order: str, *hours: str, day: int = 3) -> None:
    for offset, worked in enumerate(hours):
        line = system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, day + offset),
                                           hours=worked))
        system.handle(oms.ApproveLabour(order_id=order, line_id=line))


def test_hours_invoiced_credited_and_logged_again_leave_16_to_invoice_and_their_links_on_every_backend(
        backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(NOW))
    seed_master_data(system)
    sales_order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                     lines=(oms.LineInput(sku="SETUP", quantity="10"),)))
    of_line = system.handle(oms.CreateServiceOrderForLine(order_id=sales_order,
                                                          line_id=system.sales_order(sales_order).lines[0].id))
    alone = system.handle(oms.CreateServiceOrder(sku="SETUP", quantity="20", customer_code="ACME"))
    _log_approved(system, of_line, "4")
    _log_approved(system, alone, "8", "12")
    invoice = system.handle(oms.InvoiceServiceOrders(order_id=alone, others=(of_line,)))  # BER: the sales order's
    system.handle(oms.PostInvoice(invoice_id=invoice))
    note = system.handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity="11"),)))
    system.handle(oms.PostInvoice(invoice_id=note))
    _log_approved(system, alone, "5", day=10)

    with backend.uow_factory() as uow:
        stored = [uow.production.service_orders.get(order) for order in (alone, of_line)]
        before = [snapshot(order) for order in stored]
    with backend.uow_factory() as uow:
        assert [snapshot(uow.production.service_orders.get(order)) for order in (alone, of_line)] == before
    billed = system.invoice(invoice)
    assert [(line.source_line_id, line.quantity.value, line.net.amount) for line in billed.lines] == [
        (alone, D(20), D("900.00")), (stored[1].sales_line_id, D(4), D("180.00"))]
    assert [[line.invoice_line_id for line in order.labour] for order in stored] == [
        [billed.lines[0].id] * 2 + [None], [billed.lines[1].id]]
    assert [(order.invoiced, order.to_invoice) for order in stored] == [(D(9), D(16)), (D(4), D(0))]
    assert system.read(oms.show_service_order, alone).to_invoice == D(16)


@pytest.mark.parametrize("statement", [
    "UPDATE work_order_consumptions SET from_reservation = '100'",
    "UPDATE work_order_components SET held = '-1'",
    "UPDATE work_order_outputs SET quantity = '0'",
    "UPDATE work_orders SET overproduction_percent = '100.5'",
    "UPDATE bom_lines SET scrap_percent = '100'",
])
def test_the_database_refuses_production_rows_that_break_an_invariant(sql_url: str, statement: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = plant(database.unit_of_work)
    order = released(system)
    system.handle(oms.ReportOutput(order_id=order, quantity="6"))

    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text(statement))

    database.dispose()


def _random_day(system: oms.OrderManagement, seed: int) -> list[str]:
    """A seeded run of work order commands on the TABLE plant (create, release, outputs, more tops and reserving them,
    close, cancel), each on an order in a state that may take it, mostly; the outcome of each: what it returned, or
    the rule that refused it."""
    chance = random.Random(seed)
    orders: list[str] = []
    outcomes = []
    for _ in range(STEPS):
        step = chance.choice(("create", "release", *["output"] * 5, "tops", "reserve", "close", "cancel"))
        statuses = {order: system.read(oms.show_work_order, order).status for order in orders}
        wanted = {"draft"} if step in ("release", "cancel") else {"released", "in_progress", "to_close"}
        candidates = [order for order, status in statuses.items() if status in wanted] or orders
        order = chance.choice(candidates) if candidates and chance.random() < 0.9 else None
        command: Any
        if step == "tops":
            command = oms.ReceiveStock(sku="TOP", warehouse_code=WAREHOUSE, quantity="2", unit_cost="41.00")
        elif step == "create" or order is None:
            command = oms.CreateWorkOrder(sku="TABLE", quantity=str(chance.randint(1, 5)), warehouse_code=WAREHOUSE,
                                          overproduction_percent="20", release=chance.random() < 0.7)
        elif step == "release":
            command = oms.ReleaseWorkOrder(order_id=order)
        elif step == "reserve":
            command = oms.ReserveMissingComponents(order_id=order)
        elif step == "output":
            command = oms.ReportOutput(order_id=order, quantity=str(chance.randint(1, 3)))
        elif step == "close":
            command = oms.CloseWorkOrder(order_id=order, reason="shift over")
        else:
            command = oms.CancelWorkOrder(order_id=order)
        try:
            result = system.handle(command)
        except oms.DomainError as refused:
            outcomes.append(getattr(refused, "rule", type(refused).__name__))
            continue
        if isinstance(command, oms.CreateWorkOrder):
            orders.append(result)
            result = system.read(oms.show_work_order, result).number
        outcomes.append(str(result))
    return outcomes


def _books_and_orders(system: oms.OrderManagement) -> Any:
    """Everything a day leaves: stock, each order's components and outputs, the journal's production entries."""
    with system.bus.uow_factory() as uow:
        numbers = [order.number for order in uow.production.work_orders.list()]
    orders = [system.read(oms.show_work_order, number) for number in numbers]
    return (stock_picture(system),
            [(o.number, o.status, o.produced, [(c.sku, c.required, c.consumed, c.reserved, c.missing)
                                               for c in o.components],
              [(out.reference, out.quantity, out.value.amount) for out in o.outputs]) for o in orders],
            [entry for entry in journal(system) if entry[0].startswith("Production")])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_day_of_work_orders_leaves_what_memory_leaves_and_keeps_the_invariants(
        backend: Backend, seed: int) -> None:
    reference = plant(memory())
    system = plant(backend.uow_factory)

    expected, outcomes = _random_day(reference, seed), _random_day(system, seed)

    assert outcomes == expected
    assert _books_and_orders(system) == _books_and_orders(reference)
    check_production_ledger(system)
    with system.bus.uow_factory() as uow:
        inventory = sum((line.debit - line.credit for entry in uow.accounting.journal.entries()
                         for line in entry.lines if line.account_code == INVENTORY), D(0))
    assert inventory == sum((value for _, _, value in stock_picture(system).values()), D(0))


def _as_threads(url: str, action: str, jobs: list[tuple[str, str]]) -> list[str]:
    """Each job (`action` on a subject with a value) in a thread of its own, all on one database and started at
    once; their outcomes."""
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    barrier, outcomes = threading.Barrier(len(jobs)), []

    def compete(subject: str, value: str) -> None:
        barrier.wait()
        outcomes.append(run(system, action, subject, value))

    threads = [threading.Thread(target=compete, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    database.dispose()
    return outcomes


def _as_processes(url: str, action: str, jobs: list[tuple[str, str]]) -> list[str]:
    """Each job in a process of its own (production_worker.py), started together once all have connected."""
    workers = [subprocess.Popen([sys.executable, str(WORKER_SCRIPT), url, action, *job], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for job in jobs]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:  # the start signal, to all at once
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outcomes = [worker.communicate(timeout=120)[0].strip() for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * len(jobs)
    return outcomes


@pytest.mark.parametrize("clients", [_as_threads, _as_processes], ids=["threads", "processes"])
def test_operators_reporting_the_last_tables_at_once_never_exceed_the_tolerance(
        sql_url: str, clients: Callable[[str, str, list[tuple[str, str]]], list[str]]) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = plant(database.unit_of_work)
    system.handle(oms.ReceiveStock(sku="TOP", warehouse_code=WAREHOUSE, quantity="4", unit_cost="40.00"))
    order = released(system, tolerance="10")
    system.handle(oms.ReportOutput(order_id=order, quantity="7"))

    outcomes = Counter(clients(sql_url, "output", [(order, "1")] * CLIENTS))

    view = system.read(oms.show_work_order, order)
    assert outcomes == {"CannotProduceMoreThanTolerated": CLIENTS - 4,
                        **{f"WO-000001/{n}": 1 for n in range(2, 6)}}
    assert (view.produced, len(view.outputs), view.status) == (D(11), 5, "to_close")
    assert [(c.sku, c.consumed) for c in view.components] == [("LEG", D(44)), ("TOP", D(11)), ("SCREW", D(93))]
    assert stock_picture(system)["TABLE"][:2] == (D(11), D(0))
    check_production_ledger(system)
    database.dispose()


@pytest.mark.parametrize("clients", [_as_threads, _as_processes], ids=["threads", "processes"])
def test_activating_revisions_at_once_leaves_exactly_one_active(
        sql_url: str, clients: Callable[[str, str, list[tuple[str, str]]], list[str]]) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = plant(database.unit_of_work)
    system.handle(oms.CreateProduct(sku="STOOL", name="Stool", price="40.00", currency="EUR"))
    for legs in range(3, 3 + REVISIONS):  # none of them active yet
        system.handle(oms.CreateBom(sku="STOOL", activate=False,
                                    components=(oms.ComponentInput(sku="LEG", quantity=str(legs)),)))

    outcomes = clients(sql_url, "activate", [("STOOL", str(revision)) for revision in range(1, REVISIONS + 1)])

    with database.unit_of_work() as uow:
        product = uow.masterdata.products.by_sku("STOOL")
        assert product is not None
        active = [bom.revision for bom in uow.production.boms.revisions(product.id) if bom.active]
    database.dispose()
    assert outcomes == ["done"] * REVISIONS
    assert len(active) == 1


def _seeded(url: str) -> tuple[SqlDatabase, oms.OrderManagement]:
    """The database at `url` and a system on it with the master data of integration_helpers."""
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work, clock=oms.FixedClock(NOW))
    seed_master_data(system)
    return database, system


@pytest.mark.parametrize("clients", [_as_threads, _as_processes], ids=["threads", "processes"])
def test_clients_making_the_service_order_of_one_line_at_once_make_one(
        sql_url: str, clients: Callable[[str, str, list[tuple[str, str]]], list[str]]) -> None:
    database, system = _seeded(sql_url)
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                               lines=(oms.LineInput(sku="SETUP", quantity="8"),)))
    line = system.sales_order(order).lines[0].id

    outcomes = Counter(clients(sql_url, "service", [(order, line)] * CLIENTS))

    with database.unit_of_work() as uow:
        made = [s.id for s in uow.production.service_orders.list() if s.sales_line_id == line]
    database.dispose()
    assert outcomes == {made[0]: 1, "ServiceOrderExistsForLine": CLIENTS - 1}
    assert len(made) == 1


@pytest.mark.parametrize("clients", [_as_threads, _as_processes], ids=["threads", "processes"])
def test_clients_invoicing_and_posting_the_hours_of_one_service_order_at_once_bill_them_once(
        sql_url: str, clients: Callable[[str, str, list[tuple[str, str]]], list[str]]) -> None:
    database, system = _seeded(sql_url)
    order = system.handle(oms.CreateServiceOrder(sku="SETUP", quantity="20", customer_code="ACME"))
    _log_approved(system, order, "8", "12")

    outcomes = Counter(clients(sql_url, "invoice", [(order, "BER")] * CLIENTS))

    with database.unit_of_work() as uow:
        stored = uow.production.service_orders.get(order)
        assert stored.customer_id is not None
        posted = [line for invoice in uow.invoicing.invoices.of_customer(stored.customer_id)
                  if invoice.status == "posted" for line in invoice.lines]
    database.dispose()
    assert outcomes["done"] == 1
    assert set(outcomes) <= {"done", "NothingToInvoice", "CannotInvoiceMoreThanInvoiceable"}
    assert [(line.source_line_id, line.quantity) for line in posted] == [(order, D(20))]
    assert [(billing.document_line_id, billing.quantity) for billing in stored.billings] == [(posted[0].id, D(20))]
    assert {line.invoice_line_id for line in stored.labour} == {posted[0].id}
