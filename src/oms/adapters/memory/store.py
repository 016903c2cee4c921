"""The committed state of the in-memory adapter: pickled aggregates, so every transaction works on copies.

A transaction loads copies, and at commit writes back those whose pickled form changed, after checking that
nobody committed a newer version meanwhile (optimistic locking, as the SQL adapter does).
"""

from __future__ import annotations

import itertools
import pickle
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from attrs import define, field

from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType
from oms.domain.stock.levels import StockMovement


@define
class InMemoryStore:
    """Shared by every unit of work of one in-memory system; thread-safe."""

    rows: dict[str, dict[str, bytes]] = field(factory=lambda: defaultdict(dict))
    natural_keys: dict[str, dict[str, str]] = field(factory=lambda: defaultdict(dict))
    movements: list[StockMovement] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    requests: dict[str, tuple[str, datetime]] = field(factory=dict)
    sequences: dict[DocumentType, Iterator[int]] = field(factory=dict)
    lock: threading.RLock = field(factory=threading.RLock)

    def load(self, kind: str, key: str) -> tuple[Any, bytes] | None:
        data = self.rows[kind].get(key)
        return None if data is None else (pickle.loads(data), data)

    def load_all(self, kind: str) -> list[Any]:
        return [pickle.loads(data) for data in list(self.rows[kind].values())]

    def key_for(self, kind: str, natural_key: str) -> str | None:
        return self.natural_keys[kind].get(natural_key)

    def next_value(self, kind: DocumentType) -> int:
        with self.lock:
            counter = self.sequences.setdefault(kind, itertools.count(1))
            return next(counter)


@define
class Tracked:
    kind: str
    key: str
    obj: Any
    loaded: bytes | None
    natural_key: Callable[[Any], str] | None


def write_back(store: InMemoryStore, tracked: list[Tracked], movements: list[StockMovement],
               events: list[DomainEvent], requests: dict[str, tuple[str, datetime]]) -> None:
    """Commit: check versions and natural keys, then write every changed aggregate, all under one lock."""
    with store.lock:
        if any(key in store.requests for key in requests):
            raise ConcurrencyConflict("a request with the same key was handled meanwhile")
        changed: list[tuple[Tracked, bytes]] = []
        for item in tracked:
            data = pickle.dumps(item.obj)
            if data == item.loaded:
                continue
            current = store.rows[item.kind].get(item.key)
            if current != item.loaded:
                # Someone committed this key since we read it (or created it while we did): retryable.
                raise ConcurrencyConflict(f"{item.kind} {item.key} was changed by another transaction")
            if item.natural_key is not None:
                owner = store.natural_keys[item.kind].get(item.natural_key(item.obj))
                if owner is not None and owner != item.key:
                    raise AlreadyExists(item.kind, item.natural_key(item.obj))
            changed.append((item, data))
        for item, _ in changed:
            item.obj.version += 1
            store.rows[item.kind][item.key] = pickle.dumps(item.obj)
            if item.natural_key is not None:
                store.natural_keys[item.kind][item.natural_key(item.obj)] = item.key
        store.movements.extend(movements)
        store.events.extend(events)
        store.requests.update(requests)
