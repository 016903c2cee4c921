"""The global event feed and `oms relay --once` on SQLite and PostgreSQL, through the CLI, HTTP and the Python API."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.access.tokens import Role
from oms.entrypoints import relay as relay_entrypoint
from oms.entrypoints.cli import main
from oms.entrypoints.http.testing import Caller, app_with_tokens
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


def test_the_http_feed_pages_after_a_cursor_by_type_and_each_payload_fits_its_published_schema(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 3, "BER-B": 2})
    app, secrets = app_with_tokens(system, listings=database.listings())
    viewer, clerk = Caller(app.test_client(), secrets[Role.VIEWER]), Caller(app.test_client(), secrets[Role.CLERK])
    for quantity in ("2", "2"):  # the second takes from both warehouses: two StockReserved
        created = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                                    "lines": [{"sku": "WIDGET", "quantity": quantity}]})
        assert created.status_code == 201, created.get_json()
    document = viewer.get("/openapi.json").get_json()

    everything = viewer.get("/events?limit=500").get_json()["items"]
    pages, cursor = [], "0"
    while True:
        page = viewer.get(f"/events?limit=2&after={cursor}&type=StockReserved&type=StatusChanged").get_json()
        if not page["items"]:
            break
        pages.append(page["items"])
        cursor = page["next_cursor"]
    database.dispose()

    wanted = [e for e in everything if e["type"] in ("StockReserved", "StatusChanged")]
    assert [e["type"] for e in everything].count("StockReserved") == 3
    assert [e for items in pages for e in items] == wanted
    assert [len(items) for items in pages] == [2, 2, 1]
    assert [e["seq"] for e in everything] == list(range(1, len(everything) + 1))
    schemas = document["components"]["schemas"]
    for event in everything:
        assert event["version"] == 1
        schema = schemas[f"{event['type']}.v{event['version']}"]
        Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(event["payload"])
        assert event["type"] in document["webhooks"]
