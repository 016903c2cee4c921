"""The in-memory repository every aggregate gets from its declaration (`kind`, key and natural key): copies of the
committed aggregates, tracked for the commit."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from oms.adapters.memory.store import InMemoryStore, Tracked
from oms.domain.shared.errors import NotFound

T = TypeVar("T")


class Session:
    """What one unit of work loaded or added, by kind and key."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.tracked: dict[tuple[str, str], Tracked] = {}


class InMemoryRepository(Generic[T]):
    kind: ClassVar[str]

    @staticmethod
    def natural_key(obj: Any) -> str | None:
        """The key it is also found by (SKU, code, number), if it has one."""
        return None

    def __init__(self, session: Session) -> None:
        self._session = session
        self._store = session.store

    def _key(self, obj: T) -> str:
        return str(obj.id)  # type: ignore[attr-defined]  # every aggregate but stock levels has an id

    def add(self, obj: T) -> None:
        key = self._key(obj)
        self._session.tracked[(self.kind, key)] = Tracked(self.kind, key, obj, None, type(self).natural_key)

    def _find(self, key: str) -> T | None:
        tracked = self._session.tracked.get((self.kind, key))
        if tracked is not None:
            if tracked.removed:
                return None
            held: T = tracked.obj  # the store keeps every kind, untyped; this repository's kind is a T
            return held
        loaded = self._store.load(self.kind, key)
        if loaded is None:
            return None
        obj: T = loaded[0]
        self._session.tracked[(self.kind, key)] = Tracked(self.kind, key, obj, loaded[1], type(self).natural_key)
        return obj

    def by_ids(self, keys: Collection[str]) -> Mapping[str, T]:
        """Those of `keys` that exist, by id."""
        return {key: found for key in keys if (found := self._find(key)) is not None}

    def get(self, key: str) -> T:
        found = self._find(key)
        if found is None:
            raise NotFound(self.kind, key)
        return found

    def _by_natural_key(self, natural: str) -> T | None:
        for (kind, _), tracked in self._session.tracked.items():
            if kind == self.kind and not tracked.removed and self.natural_key(tracked.obj) == natural:
                held: T = tracked.obj
                return held
        key = self._store.key_for(self.kind, natural)
        return None if key is None else self._find(key)

    def _remove(self, obj: T) -> None:
        """Delete it at commit (a new one is only forgotten)."""
        key = self._key(obj)
        if self._find(key) is not None:
            self._session.tracked[(self.kind, key)].removed = True

    def _by_natural_keys(self, naturals: Collection[str]) -> Mapping[str, T]:
        return {natural: found for natural in naturals if (found := self._by_natural_key(natural)) is not None}

    def list(self) -> Sequence[T]:
        keys = list(self._store.rows[self.kind])
        pending = [t.key for (kind, _), t in self._session.tracked.items() if kind == self.kind and t.loaded is None]
        found = (self._find(key) for key in [*keys, *pending])
        return [obj for obj in found if obj is not None]
