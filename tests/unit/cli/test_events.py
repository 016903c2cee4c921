"""`oms events` (the global event feed) and `oms relay --once` with a subscriber registered."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from oms.entrypoints import relay as relay_entrypoint
from oms.ports.shared.relay import PublishedEvent

from .conftest import Run


def test_events_lists_the_feed_and_pages_with_the_cursor(run: Run, confirmed_order: str) -> None:
    first = json.loads(run("events", "--limit", "2", "--json").output)
    rest = json.loads(run("events", "--after", first["next_cursor"], "--json").output)
    table = run("events", "--type", "StockReserved")

    assert [e["seq"] for e in first["items"]] == [1, 2]
    assert {e["version"] for e in first["items"]} == {1}  # the payload's version, as the webhooks carry it
    assert rest["items"][0]["seq"] == 3
    assert table.exit_code == 0
    assert "StockReserved" in table.output
    assert " v1 " in table.output
    assert "DocumentCreated" not in table.output
    assert run("events", "--after", "x").exit_code == 2


class Recording:
    name = "recording"

    def __init__(self) -> None:
        self.taken: list[PublishedEvent] = []

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        self.taken.extend(events)


def test_relay_once_hands_every_event_to_the_registered_subscribers(run: Run, confirmed_order: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    subscriber = Recording()
    monkeypatch.setattr(relay_entrypoint, "SUBSCRIBERS", [lambda runtime: subscriber, lambda runtime: None])

    first = run("relay", "--once")
    again = run("relay", "--once")

    assert first.exit_code == 0, first.output
    assert len(subscriber.taken) > 3
    assert f"{len(subscriber.taken)} event deliveries" in first.output
    assert "0 event deliveries" in again.output
