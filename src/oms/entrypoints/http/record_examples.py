"""Records the API's examples: runs the example scenario through the API on the demo data, in memory with a fixed
clock, and writes each operation's first request and response to `examples.json` (run this module to do it)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from attrs import define, field
from flask.testing import FlaskClient

from oms.adapters.clock import FixedClock
from oms.application.service import OrderManagement
from oms.application.webhooks.delivery import WebhookSubscriber
from oms.application.webhooks.subscriptions import CreateWebhook
from oms.domain.access.tokens import Role
from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.demo import load_demo_data
from oms.entrypoints.http.app import BLUEPRINTS
from oms.entrypoints.http.endpoints import Operation
from oms.entrypoints.http.example_scenario import scenario
from oms.entrypoints.http.examples import EXAMPLES_FILE
from oms.entrypoints.http.testing import app_with_tokens
from oms.ports.shared.relay import PublishedEvent
from oms.ports.webhooks.store import WebhookStore

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ID = re.compile(r"\b[0-9a-f]{32}\b")
CURSOR = re.compile(r'"next_cursor": "[^"]+"')  # it holds the last id of its page, encoded
SECRET = re.compile(r'"secret": "whsec_[^"]+"')  # a webhook's secret, random when made or rotated
CART_TOKEN = re.compile(r'"(token|X-Cart-Token)": "[A-Za-z0-9_-]{43}"')  # a cart's token, random
ILLUSTRATIVE_VERSION = "1.0.0"  # the index's version of oms, which changes with every release


class ExampleFailed(Exception):
    """A call of the scenario did not answer its operation's success status."""


@define
class Recorder:
    """Runs the scenario's calls with a token of each operation's role; keeps the first call of each."""

    client: FlaskClient
    secrets: dict[Role, str]
    operations: dict[str, Operation]
    recorded: dict[str, dict[str, Any]] = field(factory=dict)

    def __call__(self, operation: str, body: Any = None, *, query: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None, **path: str) -> Any:
        op = self.operations[operation]
        url = op.prefix + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: quote(path[m.group(1)], safe=""), op.rule)
        headers = {**(headers or {}),
                   **({"Authorization": f"Bearer {self.secrets[op.role]}"} if op.role is not None else {})}
        response = self.client.open(url, method=op.method, json=body, query_string=query, headers=headers)
        if response.status_code != op.status:
            raise ExampleFailed(f"{op.method} {url} answered {response.status_code}: {response.get_data(as_text=True)}")
        answer = response.get_json()
        self.recorded.setdefault(operation, {"path": path, "query": query or {}, "request": body,
                                             "status": op.status, "response": answer})
        return answer


def _illustrative(recorded: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Fixed values where a run differs from the next: ids (numbered in order of appearance), cursors, the version,
    and the OpenAPI document, shortened to its head."""
    for index in ("index", "index_with_slash"):
        recorded[index]["response"]["version"] = ILLUSTRATIVE_VERSION
    document = recorded["openapi"]["response"]
    recorded["openapi"]["response"] = {"openapi": document["openapi"], "info": {
        "title": document["info"]["title"], "version": document["info"]["version"]}, "paths": {"...": {}}}
    text = CURSOR.sub('"next_cursor": "WyJleGFtcGxlIl0"', json.dumps(recorded, indent=1, sort_keys=True,
                                                                    ensure_ascii=False))
    text = SECRET.sub('"secret": "whsec_shown-once-Xq3v9LrT2mK8pW4zN6bY1cA5dE7fG0hJ"', text)
    text = CART_TOKEN.sub(lambda m: f'"{m.group(1)}": "shown-once-kf7UVk7nbW2RspfFGGGC2e9lBpoauRuBrvS2g"', text)
    ids: dict[str, str] = {}
    return dict(json.loads(ID.sub(lambda m: ids.setdefault(m.group(0), f"0195a3b0c2d0{len(ids) + 1:04x}"
                                                                         "7e6f5a4b3c2d1e0f"), text)))


def _failed_delivery(system: OrderManagement, webhooks: WebhookStore) -> None:
    """A subscription whose receiver never answered: one delivery failed every attempt, for the scenario to resend."""
    subscription_id = system.handle(CreateWebhook(url="https://erp.example.com/hooks/oms", description="ERP",
                                                  event_types=("SalesOrderConfirmed",)))
    WebhookSubscriber(webhooks, system.bus.clock).deliver([PublishedEvent(
        id="0195a3b0c2d07e6f5a4b3c2d1e0f9a8b", seq=1, type="SalesOrderConfirmed", aggregate_id="SO-000001",
        occurred_at=START, payload={"number": "SO-000001"})])
    [delivery] = webhooks.deliveries(subscription_id=subscription_id)
    delivery.attempt_failed(START, None, "ConnectTimeoutError: connection to erp.example.com timed out", 0.5,
                            max_attempts=1)
    webhooks.save_delivery(delivery)


def record() -> dict[str, dict[str, Any]]:
    """The examples of every operation the scenario calls, from a fresh run."""
    system = bootstrap(clock=FixedClock(START))
    load_demo_data(system)
    app, secrets = app_with_tokens(system)
    operations = {op.name: op for blueprint in BLUEPRINTS for op in blueprint.operations}
    recorder = Recorder(app.test_client(), secrets, operations)
    _failed_delivery(system, app.extensions["oms"].webhooks)
    scenario(recorder)
    return _illustrative(recorder.recorded)


def main() -> None:
    EXAMPLES_FILE.write_text(json.dumps(record(), indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    print(f"recorded {EXAMPLES_FILE}")


if __name__ == "__main__":
    main()
