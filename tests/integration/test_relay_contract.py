"""The event relay's contract, on memory, SQLite and PostgreSQL: every committed event reaches every subscriber at
least once (once in the normal case), in order, with progress kept per subscriber; and on PostgreSQL, transactions
that commit out of `seq` order and relays running side by side never make one skip an event."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, insert, text

import oms
from oms.adapters.clock import FixedClock
from oms.adapters.memory.relay import InMemoryEventLog
from oms.adapters.memory.unit_of_work import InMemoryUnitOfWork
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.shared.relay import OutboxWakeups, SqlEventLog
from oms.adapters.sql.shared.tables import outbox
from oms.application.shared.relay import EventRelay, backoff_seconds
from oms.ports.shared.relay import EventLog, PublishedEvent

from .integration_helpers import Backend, seed_master_data


class Recording:
    def __init__(self, name: str = "recording", fail_on: int | None = None) -> None:
        self.name = name
        self.taken: list[PublishedEvent] = []
        self.fail_on = fail_on  # the seq that makes a delivery raise, after taking the events before it

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        for event in events:
            if event.seq == self.fail_on:
                raise RuntimeError(f"subscriber {self.name} down at {event.seq}")
            self.taken.append(event)


def _log(backend: Backend, clock: FixedClock) -> EventLog:
    if backend.url is None:
        uow = backend.uow_factory()
        assert isinstance(uow, InMemoryUnitOfWork)
        return InMemoryEventLog(uow.store)
    engine = create_engine(backend.url)
    return SqlEventLog(engine, clock.now)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))


@pytest.fixture
def log(backend: Backend, clock: FixedClock) -> EventLog:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 20})
    for _ in range(3):
        order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                      lines=(oms.LineInput(sku="WIDGET", quantity="2"),)))
        system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    return _log(backend, clock)


def _all(log: EventLog) -> list[PublishedEvent]:
    return list(log.read(0, 10_000))


def test_every_event_reaches_every_subscriber_once_in_order(log: EventLog, clock: FixedClock) -> None:
    first, second = Recording("first"), Recording("second")
    relay = EventRelay(log, [first, second], clock.now, batch_size=3)

    taken = relay.drain()

    everything = _all(log)
    assert len(everything) > 6
    assert taken == 2 * len(everything)
    assert first.taken == everything
    assert second.taken == everything
    assert [e.seq for e in everything] == list(range(1, len(everything) + 1))
    assert len({e.id for e in everything}) == len(everything)
    assert relay.drain() == 0


def test_a_failing_subscriber_keeps_its_place_and_holds_back_no_other(log: EventLog, clock: FixedClock) -> None:
    failing, healthy = Recording("failing", fail_on=4), Recording("healthy")
    relay = EventRelay(log, [failing, healthy], clock.now, batch_size=3)

    relay.drain()
    relay.drain()  # backing off: not tried again yet

    assert healthy.taken == _all(log)
    assert [e.seq for e in failing.taken] == [1, 2, 3]
    failing.fail_on = None
    clock.advance(timedelta(seconds=backoff_seconds(1)))
    relay.drain()
    # the failed batch (seq 4-6) is handed over again, whole: event 4 was never acknowledged
    assert [e.seq for e in failing.taken] == [e.seq for e in _all(log)]


def test_a_crash_mid_delivery_loses_nothing(log: EventLog, clock: FixedClock) -> None:
    """A relay that dies holding a subscriber (discarded after its claim, before acknowledging) blocks it until the
    lease runs out; a new relay then hands over everything from the last acknowledged event: at least once."""
    subscriber = Recording("crashy")
    EventRelay(log, [subscriber], clock.now, batch_size=2).step()
    dead = EventRelay(log, [subscriber], clock.now, batch_size=2, lease_seconds=30)
    assert log.claim("crashy", dead.owner, clock.now(), 30) == 2  # ... and the process dies here

    restarted = EventRelay(log, [subscriber], clock.now, batch_size=2)
    assert restarted.drain() == 0
    clock.advance(timedelta(seconds=31))
    restarted.drain()

    assert [e.seq for e in subscriber.taken] == [e.seq for e in _all(log)]
    assert not log.advance("crashy", dead.owner, 99)  # the dead relay's lease is gone


def test_events_of_one_document_arrive_in_the_order_they_happened(backend: Backend, log: EventLog,
                                                                   clock: FixedClock) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="2"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    subscriber = Recording()
    EventRelay(log, [subscriber], clock.now, batch_size=4).drain()

    assert [e.type for e in subscriber.taken if e.aggregate_id == order_id] == [
        e.name for e in system.events(order_id)]
    assert next(e.payload for e in subscriber.taken if e.aggregate_id == order_id)["aggregate_id"] == order_id


@pytest.fixture
def pg_log(clean_postgres_url: str, clock: FixedClock) -> Iterator[tuple[str, SqlEventLog]]:
    engine = create_engine(clean_postgres_url)
    yield clean_postgres_url, SqlEventLog(engine, clock.now)
    engine.dispose()


def _row(aggregate_id: str) -> dict[str, object]:
    return {"aggregate_id": aggregate_id, "event_type": "Probe", "occurred_at": datetime(2026, 3, 2, tzinfo=UTC),
            "payload": {"aggregate_id": aggregate_id}}


@pytest.mark.postgres
def test_a_row_committed_after_a_later_seq_is_not_skipped(pg_log: tuple[str, SqlEventLog],
                                                          clock: FixedClock) -> None:
    url, log = pg_log
    engine = create_engine(url)
    subscriber = Recording()
    relay = EventRelay(log, [subscriber], clock.now)
    with engine.connect() as slow:
        slow.execute(insert(outbox).values(_row("early")))  # takes seq 1, commits last
        with engine.begin() as quick:
            quick.execute(insert(outbox).values(_row("late")))  # seq 2, committed first
        relay.drain()
        assert [e.aggregate_id for e in subscriber.taken] == ["late"]
        slow.commit()
    relay.drain()
    engine.dispose()

    assert [e.aggregate_id for e in subscriber.taken] == ["late", "early"]
    assert [e.seq for e in subscriber.taken] == [1, 2]
    assert [e.id for e in subscriber.taken] == ["evt_000000000002", "evt_000000000001"]


@pytest.mark.postgres
def test_relays_side_by_side_deliver_every_event_and_never_at_once(pg_log: tuple[str, SqlEventLog],
                                                                   clock: FixedClock) -> None:
    url, _ = pg_log
    engine = create_engine(url)
    inside, overlaps, lock = [0], [0], threading.Lock()

    class Watching(Recording):
        def deliver(self, events: Sequence[PublishedEvent]) -> None:
            with lock:
                inside[0] += 1
                overlaps[0] += inside[0] > 1
            threading.Event().wait(0.002)
            super().deliver(events)
            with lock:
                inside[0] -= 1

    subscriber = Watching("shared")
    stop = threading.Event()
    relays = [EventRelay(SqlEventLog(engine, clock.now), [subscriber], clock.now, batch_size=7) for _ in range(2)]
    threads = [threading.Thread(target=r.run, args=(stop, 0.001)) for r in relays]
    for thread in threads:
        thread.start()
    for i in range(120):
        with engine.begin() as connection:
            connection.execute(insert(outbox).values(_row(f"doc{i % 5}")))
    deadline = datetime.now(UTC) + timedelta(seconds=30)
    while len(subscriber.taken) < 120 and datetime.now(UTC) < deadline:
        stop.wait(0.01)
    stop.set()
    for thread in threads:
        thread.join()
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    engine.dispose()

    assert count == 120
    assert overlaps[0] == 0
    assert [e.seq for e in subscriber.taken] == list(range(1, 121))


@pytest.mark.postgres
def test_a_commit_with_events_wakes_an_idle_relay_on_postgres_long_before_its_poll(
        pg_log: tuple[str, SqlEventLog], clock: FixedClock) -> None:
    url, log = pg_log
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 5})
    wakeups = log.wakeups()
    assert isinstance(wakeups, OutboxWakeups)
    subscriber, stop = Recording(), threading.Event()
    relay = EventRelay(log, [subscriber], clock.now, wakeups=wakeups)
    thread = threading.Thread(target=relay.run, args=(stop, 60.0))
    thread.start()
    deadline = datetime.now(UTC) + timedelta(seconds=20)
    while not (wakeups.listening.is_set() and subscriber.taken) and datetime.now(UTC) < deadline:
        stop.wait(0.01)
    stop.wait(0.3)  # idle now, in its poll of 60 s
    before = len(subscriber.taken)

    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="1"),)))
    while not any(e.aggregate_id == order_id for e in subscriber.taken) and datetime.now(UTC) < deadline:
        stop.wait(0.01)
    stop.set()
    thread.join(5)
    database.dispose()

    assert len(subscriber.taken) > before
    assert any(e.aggregate_id == order_id for e in subscriber.taken)
    assert not thread.is_alive()
