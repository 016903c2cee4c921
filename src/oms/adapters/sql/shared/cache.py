"""What a process keeps of the aggregates declared `cached` (master data): their rows, and the answers of their
queries, valid while the topic's change counter stands at the value they were read under.

A unit of work asks the cache only while it has not changed the topic itself; it builds fresh objects from the kept
rows (never shares objects between units of work), and tracks them like any it loaded, so a change to one is written
back, checked against its version, and raises the counter.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Mapping
from typing import Any

Row = Mapping[str, Any]
CAPACITY = 20_000  # rows kept at most; past it the cache starts again empty


class AggregateCache:
    def __init__(self, topic: str, capacity: int = CAPACITY) -> None:
        self.topic = topic
        self._capacity = capacity
        self._lock = threading.Lock()
        self._version = -1
        self._rows: dict[tuple[str, tuple[Any, ...]], Row] = {}
        self._natural: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._queries: dict[tuple[str, Hashable], list[tuple[Any, ...]]] = {}
        self._shared: dict[tuple[str, tuple[Any, ...]], tuple[Row, Any]] = {}  # what objects of a row share

    def at(self, version: int) -> None:
        """Forget everything kept under another value of the counter."""
        if version != self._version:
            with self._lock:
                self._rows, self._natural, self._queries, self._shared = {}, {}, {}, {}
                self._version = version

    def row(self, kind: str, key: tuple[Any, ...]) -> Row | None:
        return self._rows.get((kind, key))

    def shared(self, kind: str, key: tuple[Any, ...], row: Row) -> Any | None:
        """What the session kept with `row` (`keep_shared`), unless the row was kept again since."""
        found = self._shared.get((kind, key))
        return found[1] if found is not None and found[0] is row else None

    def keep_shared(self, kind: str, key: tuple[Any, ...], row: Row, value: Any) -> None:
        """Keep, with the row as kept now, what every object built from it may share (its values, taken once)."""
        with self._lock:
            if self._rows.get((kind, key)) is row:
                self._shared[(kind, key)] = (row, value)

    def key_by_natural(self, kind: str, natural: str) -> tuple[Any, ...] | None:
        return self._natural.get((kind, natural))

    def query(self, kind: str, name: Hashable) -> list[tuple[Any, ...]] | None:
        return self._queries.get((kind, name))

    def keep(self, version: int, kind: str, key: tuple[Any, ...], row: Row, natural: str | None) -> None:
        with self._lock:
            if version != self._version:
                return
            if len(self._rows) >= self._capacity:
                self._rows, self._natural, self._queries, self._shared = {}, {}, {}, {}
            self._rows[(kind, key)] = dict(row)
            if natural is not None:
                self._natural[(kind, natural)] = key

    def keep_query(self, version: int, kind: str, name: Hashable, keys: list[tuple[Any, ...]]) -> None:
        with self._lock:
            if version == self._version and all((kind, key) in self._rows for key in keys):
                self._queries[(kind, name)] = list(keys)
