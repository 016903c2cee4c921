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
from typing import Any

from attrs import define, field

from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType
from oms.domain.stock.levels import StockMovement
from oms.ports.shared.repositories import HandledRequest


@define
class InMemoryStore:
    """Shared by every unit of work of one in-memory system; thread-safe."""

    rows: dict[str, dict[str, bytes]] = field(factory=lambda: defaultdict(dict))
    natural_keys: dict[str, dict[str, str]] = field(factory=lambda: defaultdict(dict))
    movements: list[StockMovement] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    requests: dict[str, HandledRequest] = field(factory=dict)
    claimed: set[str] = field(factory=set)  # request keys a running transaction holds
    sequences: dict[DocumentType, Iterator[int]] = field(factory=dict)
    counters: dict[tuple[DocumentType, str], int] = field(factory=dict)  # gapless series: the last number committed
    counter_locks: dict[tuple[DocumentType, str], threading.Lock] = field(factory=dict)
    lock: threading.RLock = field(factory=threading.RLock)
    relay_progress: dict[str, Any] = field(factory=dict)  # per subscriber: see oms.adapters.memory.relay
    claims_changed: threading.Condition = field(init=False)

    def __attrs_post_init__(self) -> None:
        self.claims_changed = threading.Condition(self.lock)

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

    def counter_lock(self, series: tuple[DocumentType, str]) -> threading.Lock:
        """The lock a transaction holds on a gapless series from its first number until it ends."""
        with self.lock:
            return self.counter_locks.setdefault(series, threading.Lock())


@define
class Tracked:
    """An aggregate a transaction holds: its pickled form when loaded (None if new), and whether its version was
    raised in this transaction."""

    kind: str
    key: str
    obj: Any
    loaded: bytes | None
    natural_key: Callable[[Any], str | None]
    bumped: bool = False
    removed: bool = False  # deleted at commit

    def changed(self) -> bool:
        return self.loaded is None or pickle.dumps(self.obj) != self.loaded


def write_back(store: InMemoryStore, tracked: list[Tracked], movements: list[StockMovement],
               events: list[DomainEvent], requests: list[HandledRequest]) -> None:
    """Commit: check versions and natural keys, then write every changed aggregate, all under one lock."""
    with store.lock:
        changed: list[tuple[Tracked, bytes]] = []
        removed: list[Tracked] = []
        for item in tracked:
            data = b"" if item.removed else pickle.dumps(item.obj)
            if data == item.loaded or (item.removed and item.loaded is None):
                continue
            current = store.rows[item.kind].get(item.key)
            if current != item.loaded:
                # Someone committed this key since we read it (or created it while we did): retryable.
                raise ConcurrencyConflict(f"{item.kind} {item.key} was changed by another transaction")
            if item.removed:
                removed.append(item)
                continue
            natural = item.natural_key(item.obj)
            if natural is not None:
                owner = store.natural_keys[item.kind].get(natural)
                if owner is not None and owner != item.key:
                    raise AlreadyExists(item.kind, natural)
            changed.append((item, data))
        for item, data in changed:
            store.rows[item.kind][item.key] = data
            natural = item.natural_key(item.obj)
            if natural is not None:
                store.natural_keys[item.kind][natural] = item.key
        for item in removed:
            assert item.loaded is not None
            del store.rows[item.kind][item.key]
            natural = item.natural_key(pickle.loads(item.loaded))
            if natural is not None and store.natural_keys[item.kind].get(natural) == item.key:
                del store.natural_keys[item.kind][natural]
        store.movements.extend(movements)
        store.events.extend(events)
        store.requests.update((request.key, request) for request in requests)
