"""The global event feed and `oms relay --once` on SQLite and PostgreSQL, through the CLI and the Python API."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from click.testing import CliRunner

import oms
from oms.adapters.sql import SqlDatabase
from oms.entrypoints import relay as relay_entrypoint
from oms.entrypoints.cli import main
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings

from .integration_helpers import seed_master_data


class Recording:
    name = "recording"

    def __init__(self) -> None:
        self.taken: list[oms.PublishedEvent] = []

    def deliver(self, events: Sequence[oms.PublishedEvent]) -> None:
        self.taken.extend(events)


def test_the_feed_and_the_relay_hand_out_every_event_of_a_database(sql_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    database = SqlDatabase.from_url(sql_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work), stock={"BER-A": 3, "BER-B": 2})
    database.dispose()
    subscriber = Recording()
    monkeypatch.setattr(relay_entrypoint, "SUBSCRIBERS", [lambda runtime: subscriber])
    runner = CliRunner()

    listed = runner.invoke(main, ["--database-url", sql_url, "events", "--json"])
    relayed = runner.invoke(main, ["--database-url", sql_url, "relay", "--once"])
    again = runner.invoke(main, ["--database-url", sql_url, "relay", "--once"])
    runtime = Runtime.from_settings(Settings.from_env({"OMS_DATABASE_URL": sql_url}))

    items = json.loads(listed.output)["items"]
    assert [e["type"] for e in items] == ["StockMoved", "StockMoved"]
    assert [e["seq"] for e in items] == [1, 2]
    assert relayed.exit_code == 0, relayed.output
    assert [e.id for e in subscriber.taken] == [e["id"] for e in items]
    assert "0 event deliveries" in again.output
    assert [e.seq for e in oms.event_feed(runtime.events, after="1").items] == [2]
