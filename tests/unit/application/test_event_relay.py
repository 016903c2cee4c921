"""The relay and the feed through the Python API, on memory: idling, a lease that runs out, the backoff, the relay
thread of `oms serve`."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

import oms
from oms.application.shared.relay import backoff_seconds
from oms.entrypoints.relay import BackgroundRelay
from oms.entrypoints.runtime import Runtime


class Recording:
    def __init__(self, name: str = "recording") -> None:
        self.name = name
        self.taken: list[oms.PublishedEvent] = []

    def deliver(self, events: Sequence[oms.PublishedEvent]) -> None:
        self.taken.extend(events)


def _system_with_events() -> tuple[oms.OrderManagement, oms.InMemoryEventLog]:
    store = oms.InMemoryStore()
    system = oms.bootstrap(uow_factory=lambda: oms.InMemoryUnitOfWork(store))
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    system.handle(oms.CreateWarehouse(code="BER-A", name="Berlin A", branch_code="BER", priority=10))
    system.handle(oms.CreateProduct(sku="DESK", name="Desk", price="100", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-A", quantity="5"))
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-A", quantity="5"))
    return system, oms.InMemoryEventLog(store)


def test_the_feed_answers_pages_and_refuses_a_bad_cursor_or_limit() -> None:
    _, log = _system_with_events()

    first = oms.event_feed(log, limit=1)
    second = oms.event_feed(log, after=first.next_cursor)

    assert [e.seq for e in first.items] == [1]
    assert [e.seq for e in second.items] == [2]
    assert oms.event_feed(log, after=second.next_cursor).next_cursor == second.next_cursor
    with pytest.raises(oms.InvalidValue, match="after"):
        oms.event_feed(log, after="-1")
    with pytest.raises(oms.InvalidValue, match="limit"):
        oms.event_feed(log, limit=501)


class Refusing:
    def __getattr__(self, name: str) -> None:
        raise AssertionError(f"an idle relay asked the log for {name}")


def test_a_relay_with_no_subscriber_never_asks_the_store() -> None:
    relay = oms.EventRelay(Refusing(), [], lambda: datetime.now(UTC))  # type: ignore[arg-type]

    assert relay.step() == 0
    assert relay.drain() == 0


def test_a_slow_subscriber_whose_lease_ran_out_is_served_again_by_the_next_relay() -> None:
    _, log = _system_with_events()
    now = [datetime(2026, 3, 2, tzinfo=UTC)]

    class Slow(Recording):
        def deliver(self, events: Sequence[oms.PublishedEvent]) -> None:
            if not self.taken:  # the first delivery takes longer than the lease ...
                now[0] += timedelta(seconds=61)
                super().deliver(events)
                assert other.step() == len(events)  # ... so another relay takes the subscriber over meanwhile
            else:
                super().deliver(events)

    slow = Slow()
    other = oms.EventRelay(log, [slow], lambda: now[0])

    assert oms.EventRelay(log, [slow], lambda: now[0], lease_seconds=60).step() == 2

    assert [e.seq for e in slow.taken] == [1, 2, 1, 2]  # at least once
    assert log.claim("recording", "anyone", now[0], 60) == 2  # the progress the second relay acknowledged


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff_seconds(40) == 300.0


def test_the_background_relay_of_oms_serve_delivers_and_stops() -> None:
    system, _ = _system_with_events()
    runtime = Runtime.of(system)
    subscriber = Recording()
    from oms.entrypoints.relay import relay_of

    background = BackgroundRelay(relay_of(runtime, [subscriber]), poll_seconds=0.01)
    background.start()
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    while len(subscriber.taken) < 2 and datetime.now(UTC) < deadline:
        threading.Event().wait(0.01)
    background.stop()

    assert [e.type for e in subscriber.taken] == ["StockMoved", "StockMoved"]


class Bell:
    """Wake-ups rung by hand: `wait` answers True once per ring."""

    def __init__(self) -> None:
        self.rung = threading.Event()
        self.closed = False

    def wait(self, seconds: float) -> bool:
        if not self.rung.wait(seconds):
            return False
        self.rung.clear()
        return True

    def close(self) -> None:
        self.closed = True


def test_an_idle_relay_woken_by_a_notice_hands_out_new_events_before_its_poll_ends() -> None:
    system, log = _system_with_events()
    subscriber, bell, stop = Recording(), Bell(), threading.Event()
    relay = oms.EventRelay(log, [subscriber], lambda: datetime.now(UTC), wakeups=bell)
    thread = threading.Thread(target=relay.run, args=(stop, 60.0))
    thread.start()
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    while len(subscriber.taken) < 2 and datetime.now(UTC) < deadline:
        threading.Event().wait(0.01)

    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-A", quantity="1"))
    bell.rung.set()
    while len(subscriber.taken) < 3 and datetime.now(UTC) < deadline:
        threading.Event().wait(0.01)
    stop.set()
    thread.join(5)

    assert [e.seq for e in subscriber.taken] == [1, 2, 3]  # the poll of 60 s did not hold it back
    assert not thread.is_alive()  # a stop ends the wait for a notice within STOP_CHECK_SECONDS
    assert bell.closed


def test_the_relay_of_oms_serve_nudges_the_delivery_job_after_each_webhook_batch_and_only_then() -> None:
    system, _ = _system_with_events()
    runtime = Runtime.of(system)
    from oms.application.webhooks.delivery import WebhookSubscriber
    from oms.entrypoints.relay import relay_of

    nudges: list[int] = []
    other = Recording("other")
    relay = relay_of(runtime, [WebhookSubscriber(runtime.webhooks, system.bus.clock), other],
                     after_webhooks=lambda: nudges.append(len(other.taken)))

    relay.drain()
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-A", quantity="1"))
    relay.drain()

    assert nudges == [0, 2]  # after the webhook subscriber's batches (it comes first), never after the other's
    assert len(other.taken) == 3
