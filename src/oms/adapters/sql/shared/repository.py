"""The repository every aggregate gets from its declaration: add, get by id, find by natural key, list."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Table, bindparam, select
from sqlalchemy.sql import Select

from oms.adapters.sql.shared.mapping import Aggregate
from oms.adapters.sql.shared.session import Session
from oms.domain.shared.errors import NotFound

T = TypeVar("T")


class SqlRepository(Generic[T]):
    """Aggregates of one declaration, in one unit of work's session."""

    aggregate: ClassVar[Aggregate]

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, obj: T) -> None:
        self._session.add(self.aggregate, obj)

    def get(self, key: str) -> T:
        found: T | None = self._session.get(self.aggregate, (key,))
        if found is None:
            raise NotFound(self.aggregate.kind, key)
        return found

    def by_ids(self, keys: Collection[str]) -> Mapping[str, T]:
        """Those of `keys` that exist, by id, in one round trip (the ones this unit of work or the cache holds in
        none)."""
        found: Mapping[str, T] = self._session.by_ids(self.aggregate, keys)
        return found

    def _by_natural_key(self, value: str) -> T | None:
        found: Mapping[str, T] = self._session.by_natural_keys(self.aggregate, [value])
        return found.get(value)

    def _by_natural_keys(self, values: Collection[str]) -> Mapping[str, T]:
        return self._session.by_natural_keys(self.aggregate, values)

    def _select(self, name: str, build: Callable[[Any], Select[Any]], **values: Any) -> list[T]:
        """The aggregates a query of the root table selects (`build` gets the table; parameters by name)."""
        table = self.aggregate.root.table
        found: list[T] = self._session.load(self.aggregate, name, lambda: build(table), values)
        return found

    def _select_unlocked(self, name: str, build: Callable[[Any], Select[Any]], **values: Any) -> list[T]:
        """As `_select`, leaving out the rows another transaction holds locked (see Session.load)."""
        table = self.aggregate.root.table
        found: list[T] = self._session.load(self.aggregate, name, lambda: build(table), values, skip_locked=True)
        return found

    def list(self) -> Sequence[T]:
        return self._select("list", self._all)

    def list_ahead(self) -> None:
        """Read what `list` answers with the unit of work's next statement (see Session.load_ahead)."""
        table = self.aggregate.root.table
        self._session.load_ahead(self.aggregate, "list", lambda: self._all(table))

    def _all(self, table: Table) -> Select[Any]:
        column = self.aggregate.natural_key or self.aggregate.root.key[0]
        return select(table).order_by(table.c[column])


def status_in(table: Table, statuses: Collection[str]) -> ColumnElement[bool]:
    """`status IN (...)` with the statuses bound in the statement itself, so that it is compiled once under its
    name and run without parameters."""
    return table.c.status.in_([bindparam(f"s{i}", status, type_=table.c.status.type)
                               for i, status in enumerate(sorted(statuses))])
