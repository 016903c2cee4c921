"""Requests already handled (by Idempotency-Key), recorded in the transaction of the command that handled them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String, Table, Text, delete, insert, select
from sqlalchemy.orm import Session

from oms.adapters.sql.tables import metadata
from oms.adapters.sql.types import UtcDateTime

handled_requests = Table(
    "handled_requests", metadata,
    Column("key", String(320), primary_key=True),
    Column("result", Text(), nullable=False),
    Column("handled_at", UtcDateTime(), nullable=False, index=True),
)


class SqlRequestLog:
    """The `RequestLog` port: a row per handled request, inserted with the command's own changes."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def result_of(self, key: str) -> str | None:
        result: str | None = self._session.execute(
            select(handled_requests.c.result).where(handled_requests.c.key == key)).scalar_one_or_none()
        return result

    def record(self, key: str, result: str, at: datetime) -> None:
        # A concurrent transaction that recorded the key first makes this insert fail on the primary key; the unit
        # of work turns that into a ConcurrencyConflict, and the retry finds the recorded result.
        self._session.execute(insert(handled_requests).values(key=key, result=result, handled_at=at))

    def forget_before(self, at: datetime) -> int:
        result = self._session.execute(delete(handled_requests).where(handled_requests.c.handled_at < at))
        return int(result.rowcount)  # type: ignore[attr-defined]
