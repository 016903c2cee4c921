"""The scenario's payment provider, shared by processes: every call is written to a table of the target's database
(`test_provider_calls`, made by `create_table`), in a transaction of its own before the answer, and a key asked
again gets the first answer back, as a real provider's idempotency does; every authorisation and capture succeeds.
What was charged is then read from the table: a charge is an authorisation under a key of its own."""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy.engine import make_url

from oms.domain.shared.money import Money
from oms.ports.invoicing.payment_provider import ProviderOutcome, ProviderResult

TABLE = "test_provider_calls"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, operation TEXT NOT NULL, target TEXT NOT NULL)"


class RecordingProvider:
    def __init__(self, database_url: str) -> None:
        url = make_url(database_url)
        self._sqlite = url.get_backend_name() == "sqlite"
        self._target = (url.database or "") if self._sqlite else \
            url.set(drivername="postgresql").render_as_string(hide_password=False)

    def create_table(self) -> None:
        """Make the table of calls (once, before processes share the provider: PostgreSQL's IF NOT EXISTS races)."""
        self._run(CREATE, ())

    def _run(self, sql: str, parameters: tuple[str, ...]) -> None:
        if self._sqlite:
            with sqlite3.connect(self._target, timeout=30) as connection:
                connection.execute(sql, parameters)
        else:
            with psycopg.connect(self._target, autocommit=True) as connection:
                connection.execute(sql.replace("?", "%s"), parameters)

    def _call(self, operation: str, key: str, target: str) -> ProviderResult:
        self._run(f"INSERT INTO {TABLE} (key, operation, target) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                  (key, operation, target))
        return ProviderResult(outcome=ProviderOutcome.SUCCEEDED, reference=f"ref-{key}")

    def authorise(self, *, idempotency_key: str, amount: Money, payer: str) -> ProviderResult:
        return self._call("authorise", idempotency_key, payer)

    def capture(self, *, idempotency_key: str, authorisation: str, amount: Money) -> ProviderResult:
        return self._call("capture", idempotency_key, authorisation)

    def refund(self, *, idempotency_key: str, capture: str, amount: Money) -> ProviderResult:
        return self._call("refund", idempotency_key, capture)
