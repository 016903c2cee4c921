"""The unit of work's contract, on memory, SQLite and PostgreSQL: all or nothing, events in the outbox, conflicts."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.sales.events import GoodsIssued
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType
from oms.domain.stock.events import StockMoved, StockReserved
from oms.ports.shared.repositories import HandledRequest
from oms.ports.unit_of_work import UnitOfWork

from .integration_helpers import Backend, check_ledger, seed_master_data

EUR = oms.Currency.of("EUR")


def _product(product_id: str = "p1", sku: str = "SKU-1") -> oms.Product:
    return oms.Product(product_id, sku, "Thing", oms.ProductKind.STOCKED, "unit", Decimal("10"), "EUR",
                       oms.TaxCategory.STANDARD)


def _add_and_commit(uow: UnitOfWork, add: Callable[[UnitOfWork], None]) -> None:
    with uow:
        add(uow)
        uow.commit()


def _references(events: Sequence[DomainEvent]) -> list[str]:
    """The references of stock movements' events (any other event: its name)."""
    return [event.reference if isinstance(event, StockMoved) else event.name for event in events]


def _in_threads(count: int, work: Callable[[int], None]) -> None:
    """Run `work(i)` in `count` threads released together; re-raise the first error."""
    barrier, errors = threading.Barrier(count), []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except Exception as error:  # collected for the assertion in the main thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def test_leaving_the_block_without_commit_keeps_nothing(backend: Backend) -> None:
    uow = backend.uow_factory()

    with uow:
        uow.masterdata.products.add(_product())
        uow.sequences.next_value(DocumentType.QUOTATION)

    with uow:
        assert uow.masterdata.products.by_sku("SKU-1") is None
        assert list(uow.masterdata.products.list()) == []


def test_what_a_sql_unit_of_work_loaded_is_freed_with_it_without_waiting_for_the_garbage_collector(
        sql_url: str) -> None:
    """A unit of work let go frees what it loaded at once: nothing in it refers back to it in a cycle, which only
    the collector's passes would free (a renewal batch's thousands of objects; their collections cost a sixth of
    its CPU)."""
    database = SqlDatabase.from_url(sql_url)
    _add_and_commit(database.unit_of_work(), lambda uow: uow.masterdata.products.add(_product()))
    gc.collect()
    gc.disable()
    try:
        uow = database.unit_of_work()
        with uow:
            product = weakref.ref(uow.masterdata.products.get("p1"))
            uow.commit()
        del uow

        assert product() is None
    finally:
        gc.enable()
        database.dispose()


def test_an_error_inside_the_block_leaves_nothing_half_written(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 5})
    uow = backend.uow_factory()

    def receive_add_and_crash(uow: UnitOfWork) -> None:
        widget = uow.masterdata.products.by_sku("WIDGET")
        warehouse = uow.masterdata.warehouses.by_code("BER-A")
        assert widget is not None
        assert warehouse is not None
        uow.stock.level(widget.id, warehouse.id).receive(Decimal(7), "GR-X", oms.SystemClock().now(), "x", currency=EUR)
        uow.masterdata.products.add(_product())
        raise RuntimeError("crash in the middle of the command")

    with pytest.raises(RuntimeError):
        _add_and_commit(uow, receive_add_and_crash)

    assert [level.on_hand for level in system.stock("WIDGET") if level.on_hand] == [5]
    assert [m.quantity for m in system.movements("WIDGET")] == [5]
    with uow:
        assert uow.masterdata.products.by_sku("SKU-1") is None


def test_commit_puts_the_events_in_the_outbox_and_hands_them_out_once(backend: Backend) -> None:
    published: list[DomainEvent] = []
    system = oms.bootstrap(uow_factory=backend.uow_factory, event_handlers={DomainEvent: [published.append]})
    seed_master_data(system, stock={"BER-A": 3, "BER-B": 3})
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="4"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    line_id = system.sales_order(order_id).lines[0].id
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=line_id, quantity="3"),)))

    stored = system.events(order_id)
    level_id = next(e.aggregate_id for e in published if isinstance(e, StockMoved))

    assert list(stored) == [e for e in published if e.aggregate_id == order_id]
    assert [type(e) for e in stored if isinstance(e, (StockReserved, GoodsIssued))] == [
        StockReserved, StockReserved, GoodsIssued]
    assert next(e for e in stored if isinstance(e, GoodsIssued)).lines == ((line_id, Decimal(3)),)
    assert list(system.events(level_id)) == [e for e in published if e.aggregate_id == level_id]
    assert len(published) == len({id(e) for e in published})


def test_committed_aggregates_no_longer_hold_their_events_or_movements(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    uow = backend.uow_factory()

    with uow:
        widget, warehouse = uow.masterdata.products.by_sku("WIDGET"), uow.masterdata.warehouses.by_code("BER-A")
        assert widget is not None
        assert warehouse is not None
        level = uow.stock.level(widget.id, warehouse.id)
        level.receive(Decimal("2.5"), "GR-1", oms.SystemClock().now(), "x", currency=EUR)
        uow.commit()

    assert level.events == []
    assert level.new_movements == []
    assert [event.name for event in uow.collect_new_events()] == ["StockMoved"]
    assert list(uow.collect_new_events()) == []
    assert [m.quantity for m in system.movements("WIDGET", "BER-A")] == [Decimal("2.5")]
    check_ledger(backend.uow_factory())


def test_events_flushed_ahead_of_the_commit_stay_pending_are_written_once_and_go_with_a_rollback(
        backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    uow = backend.uow_factory()

    def receive(uow: UnitOfWork, reference: str) -> None:
        widget, warehouse = uow.masterdata.products.by_sku("WIDGET"), uow.masterdata.warehouses.by_code("BER-A")
        assert widget is not None
        assert warehouse is not None
        level = uow.stock.level(widget.id, warehouse.id)
        level.receive(Decimal(1), reference, oms.SystemClock().now(), "x", currency=EUR)

    with uow:  # flushed ahead, then rolled back
        receive(uow, "GR-GONE")
        uow.flush()
        uow.flush_events()
        assert [event.name for event in uow.pending_events()] == ["StockMoved"]
    with uow:
        receive(uow, "GR-1")
        uow.flush()
        uow.flush_events()
        receive(uow, "GR-2")  # raised after the flush: written by the commit
        assert _references(uow.pending_events()) == ["GR-1", "GR-2"]
        uow.commit()

    handed_out = list(uow.collect_new_events())
    assert _references(handed_out) == ["GR-1", "GR-2"]
    level_id = handed_out[0].aggregate_id
    assert _references(system.events(level_id)) == ["GR-1", "GR-2"]
    assert [m.reference for m in system.movements("WIDGET", "BER-A")] == ["GR-1", "GR-2"]


@pytest.mark.parametrize(("kind", "make"), [
    ("product", lambda n: _product(f"p{n}", "SKU-1")),
    ("customer", lambda n: Customer(f"c{n}", "ACME", "Acme")),
    ("branch", lambda n: Branch(f"b{n}", "BER", "Berlin", "EUR", "DE")),
])
def test_a_second_thing_with_the_same_natural_key_is_refused(backend: Backend, kind: str,
                                                             make: Callable[[int], object]) -> None:
    uow = backend.uow_factory()

    def add(n: int) -> Callable[[UnitOfWork], None]:
        return lambda u: getattr(u.masterdata, {"product": "products", "customer": "customers",
                                                "branch": "branches"}[kind]).add(make(n))

    _add_and_commit(uow, add(1))
    with pytest.raises(oms.AlreadyExists) as refused:
        _add_and_commit(uow, add(2))

    assert refused.value.kind == kind


def test_a_commit_refused_by_its_last_write_keeps_none_of_the_others(backend: Backend) -> None:
    """The writes of a command go to the database together at the commit (one round trip on PostgreSQL, the COMMIT
    in it): one refused there takes the whole command with it, whatever was sent before it."""
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 5})
    uow = backend.uow_factory()

    def receive_and_add_a_duplicate(uow: UnitOfWork) -> None:
        widget = uow.masterdata.products.by_sku("WIDGET")
        warehouse = uow.masterdata.warehouses.by_code("BER-A")
        assert widget is not None
        assert warehouse is not None
        uow.stock.level(widget.id, warehouse.id).receive(Decimal(7), "GR-X", oms.SystemClock().now(), "x", currency=EUR)
        uow.masterdata.customers.add(Customer("c-new", "NEW", "New"))
        uow.flush()
        uow.masterdata.products.add(_product("p-dup", "WIDGET"))

    with pytest.raises(oms.AlreadyExists):
        _add_and_commit(uow, receive_and_add_a_duplicate)

    assert [level.on_hand for level in system.stock("WIDGET") if level.on_hand] == [5]
    assert [m.quantity for m in system.movements("WIDGET")] == [5]
    with uow:
        assert uow.masterdata.customers.by_code("NEW") is None


def test_a_second_warehouse_or_order_number_is_refused(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    order = system.sales_order(system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER")))
    uow = backend.uow_factory()

    duplicate = oms.SalesOrder(id="so-dup", number=order.number, customer_id=order.customer_id,
                               branch_id=order.branch_id, currency="EUR", created_at=order.created_at)

    with pytest.raises(oms.AlreadyExists) as warehouse:
        _add_and_commit(uow, lambda u: u.masterdata.warehouses.add(
            Warehouse("w-dup", "BER-A", "Again", order.branch_id)))
    with pytest.raises(oms.AlreadyExists) as number:
        _add_and_commit(uow, lambda u: u.sales.orders.add(duplicate))

    assert (warehouse.value.kind, warehouse.value.key) == ("warehouse", "BER-A")
    assert (number.value.kind, number.value.key) == ("sales_order", order.number)


def test_concurrent_changes_to_one_aggregate_never_lose_an_update(backend: Backend) -> None:
    uow = backend.uow_factory()
    with uow:
        uow.masterdata.products.add(_product())
        uow.commit()

    def add_one(_: int) -> None:
        for _attempt in range(100):
            worker_uow: UnitOfWork = backend.uow_factory()
            try:
                with worker_uow:
                    product = worker_uow.masterdata.products.get("p1")
                    product.update(price=product.price + 1)
                    worker_uow.commit()
                return
            except oms.ConcurrencyConflict:
                continue

    _in_threads(12, add_one)

    with uow:
        assert uow.masterdata.products.get("p1").price == Decimal(22)
        assert uow.masterdata.products.get("p1").version == 13


@pytest.mark.parametrize("backend", ["memory", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_committing_over_a_newer_version_is_a_retryable_conflict(backend: Backend) -> None:
    first, second = backend.uow_factory(), backend.uow_factory()
    with first:
        first.masterdata.products.add(_product())
        first.commit()

    with first:
        stale = first.masterdata.products.get("p1")
        with second:
            second.masterdata.products.get("p1").update(price=Decimal(11))
            second.commit()
        stale.update(price=Decimal(12))
        with pytest.raises(oms.ConcurrencyConflict):
            first.commit()

    with first:
        assert first.masterdata.products.get("p1").price == Decimal(11)


@pytest.mark.parametrize("backend", ["memory", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_changing_several_aggregates_over_one_newer_version_changes_none_of_them(backend: Backend) -> None:
    """Versioned rows of one table are written together (on PostgreSQL in one statement): one of them changed by
    another transaction meanwhile makes the whole commit a retryable conflict, and nothing of it is kept. (On SQLite
    a writing transaction holds the database's write lock from its start: the other could not commit meanwhile.)"""
    first, second = backend.uow_factory(), backend.uow_factory()
    with first:
        for number in range(1, 4):
            first.masterdata.products.add(_product(f"p{number}", f"SKU-{number}"))
        first.commit()

    with first:
        stale = [first.masterdata.products.get(f"p{number}") for number in range(1, 4)]
        with second:
            second.masterdata.products.get("p2").update(price=Decimal(11))
            second.commit()
        for product in stale:
            product.update(price=Decimal(12))
        with pytest.raises(oms.ConcurrencyConflict):
            first.commit()

    with first:
        assert [first.masterdata.products.get(f"p{number}").price for number in range(1, 4)] == [
            Decimal(10), Decimal(11), Decimal(10)]


def test_document_numbers_are_never_handed_out_twice(backend: Backend) -> None:
    numbers: list[int] = []

    def take(_: int) -> None:
        for _n in range(5):
            uow = backend.uow_factory()
            with uow:
                value = uow.sequences.next_value(DocumentType.SALES_ORDER)
                uow.commit()
            numbers.append(value)

    _in_threads(8, take)

    assert sorted(numbers) == list(range(1, 41))


def test_a_request_key_makes_a_command_run_once_even_when_sixteen_threads_send_it(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, max_attempts=5)
    seed_master_data(system, stock={"BER-A": 10})
    create = oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                  lines=(oms.LineInput(sku="WIDGET", quantity="1"),))
    barrier = threading.Barrier(16)

    def send(_: int) -> str:
        barrier.wait(timeout=30)
        return system.handle(create, "token:storm@2026-01-01T00:00:00+00:00")

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(send, range(16)))

    with backend.uow_factory() as uow:
        orders = uow.sales.orders.list()
    assert len(set(results)) == 1
    assert [order.id for order in orders] == results[:1]


def handled(key: str, result: str, at: datetime, hours: int = 24) -> HandledRequest:
    return HandledRequest(key=key, fingerprint="fp", result=result, handled_at=at,
                          expires_at=at + timedelta(hours=hours))


def test_a_request_recorded_in_a_transaction_that_rolls_back_is_not_recorded(backend: Backend) -> None:
    at = datetime(2026, 6, 1, tzinfo=UTC)
    uow = backend.uow_factory()

    with uow:
        assert uow.requests.claim("token:key", at) is None
        uow.requests.record(handled("token:key", '"x"', at))

    with backend.uow_factory() as fresh:
        assert fresh.requests.claim("token:key", at) is None


def test_a_recorded_request_is_found_until_it_expires(backend: Backend) -> None:
    at = datetime(2026, 6, 1, tzinfo=UTC)
    with backend.uow_factory() as uow:
        uow.requests.claim("token:key", at)
        uow.requests.record(handled("token:key", '"x"', at))
        uow.commit()

    with backend.uow_factory() as uow:
        found = uow.requests.claim("token:key", at + timedelta(hours=23))
    with backend.uow_factory() as uow:
        expired = uow.requests.claim("token:key", at + timedelta(hours=24))

    assert found is not None
    assert (found.fingerprint, found.result) == ("fp", '"x"')
    assert expired is None


def test_the_longest_key_is_kept(backend: Backend) -> None:
    at, key = datetime(2026, 6, 1, tzinfo=UTC), "t" * 32 + ":" + "k" * 255
    with backend.uow_factory() as uow:
        uow.requests.claim(key, at)
        uow.requests.record(handled(key, '"x"', at))
        uow.commit()

    with backend.uow_factory() as uow:
        assert uow.requests.claim(key, at) is not None


def test_a_command_with_a_request_key_keeps_its_audit_trail_events_and_movements(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 10})
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
        oms.LineInput(sku="WIDGET", quantity="3"),)), "t:create@t0")
    system.handle(oms.ConfirmSalesOrder(order_id=order_id), "t:confirm@t0")
    line_id = system.sales_order(order_id).lines[0].id

    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=line_id, quantity="2"),)), "t:issue@t0")

    order = system.sales_order(order_id)
    assert [change.to_status for change in order.history] == ["confirmed", "partially_issued"]
    assert [event.name for event in system.events(order_id)] == [
        "DocumentCreated", "StockReserved", "StatusChanged", "GoodsIssued", "StatusChanged"]
    assert sorted(str(m.quantity) for m in system.movements("WIDGET")) == ["-2", "10"]
    check_ledger(backend.uow_factory())


def test_handled_requests_are_forgotten_once_expired(backend: Backend) -> None:
    at = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with backend.uow_factory() as uow:
        for key in ("t:old", "t:new"):
            uow.requests.claim(key, at)
        uow.requests.record(handled("t:old", '"a"', at))
        uow.requests.record(handled("t:new", '"b"', at, hours=30))
        uow.commit()

    with backend.uow_factory() as uow:
        forgotten = uow.requests.forget_expired(at + timedelta(hours=25))
        uow.commit()

    with backend.uow_factory() as uow:
        assert forgotten == 1
        assert uow.requests.claim("t:old", at) is None
        new = uow.requests.claim("t:new", at)
        assert new is not None
        assert new.result == '"b"'
