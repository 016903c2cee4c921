"""Running a command once per request key: its result is recorded in the command's own transaction.

The handler's `uow.commit()` is deferred until the bus has recorded the result beside the handler's changes, so the
work and the record of it commit together or not at all. A request whose key is recorded already is not handled
again: its recorded result is returned.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

from oms.domain.shared.events import DomainEvent
from oms.ports.unit_of_work import UnitOfWork


def encode_result(result: object) -> str:
    """JSON text of what a command returned: nothing, a string (an id or number), a decimal, or a list of strings."""
    if result is None or isinstance(result, str):
        return json.dumps({"value": result})
    if isinstance(result, Decimal):
        return json.dumps({"decimal": str(result)})
    if isinstance(result, list) and all(isinstance(item, str) for item in result):
        return json.dumps({"value": result})
    raise TypeError(f"a {type(result).__name__} result cannot be recorded for a request key")


def decode_result(text: str) -> Any:
    data = json.loads(text)
    return Decimal(data["decimal"]) if "decimal" in data else data["value"]


class DeferredCommit:
    """A unit of work whose `commit` only marks the work as done; the bus commits it after recording the result."""

    def __init__(self, inner: UnitOfWork) -> None:
        self.inner = inner
        self.committed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> Self:
        self.inner.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc is not None or not self.committed:
            self.committed = False
            self.inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self.committed = True

    def rollback(self) -> None:
        self.committed = False
        self.inner.rollback()

    def collect_new_events(self) -> Iterator[DomainEvent]:
        return self.inner.collect_new_events()


def commit_with_record(deferred: DeferredCommit, key: str, result: object, at: datetime) -> None:
    """Record the result beside the handler's work and commit both; errors come out as the unit of work's."""
    inner = deferred.inner
    if not deferred.committed:
        return
    try:
        inner.requests.record(key, encode_result(result), at)
        inner.commit()
    except Exception as error:
        inner.__exit__(type(error), error, error.__traceback__)
        raise
    finally:
        inner.rollback()
