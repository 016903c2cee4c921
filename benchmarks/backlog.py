"""A backlog of committed events for benchmarks i and j: N outbox rows of a migrated PostgreSQL database, written
in a few transactions as sales orders' events (created, confirmed: two per order, the payload of a 3-line order),
and the relay's event log over that database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, insert

from benchmarks.servers import fresh_postgres, oms_command
from oms.adapters.sql.shared.relay import SqlEventLog
from oms.adapters.sql.shared.tables import outbox

CHUNK = 5_000
LINES = [{"sku": f"P-{n:03}", "quantity": "1", "unit_price": "12.34", "net": "12.34"} for n in (1, 2, 3)]


def payload(order: int, event_type: str) -> dict[str, object]:
    return {"order_id": f"so_{order:012d}", "number": f"SO-{order:06d}", "customer_code": "ACME",
            "branch_code": "BER", "status": "confirmed" if event_type == "SalesOrderConfirmed" else "draft",
            "currency": "EUR", "net": "37.02", "tax": "7.03", "total": "44.05", "lines": LINES}


def add_backlog(engine: Engine, count: int) -> None:
    """`count` committed events in the outbox, in transactions of CHUNK rows."""
    at = datetime.now(UTC)
    kinds = ("SalesOrderCreated", "SalesOrderConfirmed")
    rows = [{"aggregate_id": f"so_{n // 2:012d}", "event_type": kinds[n % 2], "occurred_at": at,
             "payload": payload(n // 2, kinds[n % 2])} for n in range(count)]
    for start in range(0, count, CHUNK):
        with engine.begin() as connection:
            connection.execute(insert(outbox), rows[start:start + CHUNK])


@contextmanager
def migrated_postgres() -> Iterator[tuple[str, Engine]]:
    """A fresh PostgreSQL database migrated with `oms db upgrade`, and an engine on it (disposed on the way out)."""
    with fresh_postgres("oms_bench_events") as url:
        oms_command(url, "db", "upgrade")
        engine = create_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


def event_log(engine: Engine) -> SqlEventLog:
    return SqlEventLog(engine, lambda: datetime.now(UTC))
