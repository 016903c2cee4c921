"""Requests handled under a key, recorded in the transaction of their command (the RequestLog port).

On PostgreSQL a transaction claims a key with a transaction-scoped advisory lock on a hash of it: a second request
with the key while the first runs waits for the first's answer, or (HTTP) is told at once (RequestInProgress).
On SQLite transactions that write run one at a time (BEGIN IMMEDIATE), so the second simply finds the first's
record once it committed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select

from oms.adapters.sql.shared.tables import handled_requests
from oms.adapters.sql.shared.transaction import Transaction
from oms.ports.shared.repositories import HandledRequest, RequestInProgress


class SqlRequestLog:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def claim(self, key: str, now: datetime, *, wait: bool = True) -> HandledRequest | None:
        transaction, compiler, table = self._transaction, self._transaction.compiler, handled_requests
        find = compiler.get(("requests", "find"), lambda: select(table).where(table.c.key == bindparam("key")))
        if transaction.is_postgres:
            # Sent together, the find runs once the lock is held (its own snapshot: it sees the holder's record).
            lock = func.pg_advisory_xact_lock if wait else func.pg_try_advisory_xact_lock
            locked, rows = transaction.run_together([
                (compiler.get(("requests", "lock", wait), lambda: select(
                    lock(func.hashtextextended(bindparam("key"), 0)).label("locked"))), {"key": key}),
                (find, {"key": key})])
            if not wait and not locked[0]["locked"]:
                raise RequestInProgress(f"a request with the key {key!r} is still being handled; retry shortly")
        else:
            rows = transaction.run(find, {"key": key})
        if not rows:
            return None
        row = rows[0]
        if row["expires_at"] <= now:
            transaction.queue(compiler.get(("requests", "forget"), lambda: delete(table).where(
                table.c.key == bindparam("key"))), [{"key": key}])
            return None
        return HandledRequest(key=row["key"], fingerprint=row["fingerprint"], result=row["result"],
                              handled_at=row["handled_at"], expires_at=row["expires_at"])

    def record(self, request: HandledRequest) -> None:
        statement = self._transaction.compiler.get(("requests", "record"), lambda: insert(handled_requests).values(
            {name: bindparam(name) for name in ("key", "fingerprint", "result", "handled_at", "expires_at")}))
        self._transaction.queue(statement, [{"key": request.key, "fingerprint": request.fingerprint,
                                             "result": request.result, "handled_at": request.handled_at,
                                             "expires_at": request.expires_at}])

    def forget_expired(self, now: datetime) -> int:
        table = handled_requests
        statement = self._transaction.compiler.get(("requests", "forget_expired"), lambda: delete(table).where(
            table.c.expires_at <= bindparam("now", type_=table.c.expires_at.type)))
        return self._transaction.run_many(statement, [{"now": now}])
