"""What one unit of work loaded and added, and writing back what changed: the declarations drive both.

Every aggregate is loaded with its children (one query per child table) and its audit trail, and remembered with a
snapshot of its rows. `flush` compares each aggregate's rows with its snapshot and writes the difference in batches
(inserts and updates grouped by table, one round trip each): new rows, changed columns, removed children, the
entries appended to audit trails and ledgers. An aggregate that changed at all gets version + 1, once per
transaction, and its root's UPDATE says WHERE version = <as read>: a transaction that read an older version changes
nothing and gets ConcurrencyConflict, which the bus retries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.shared.cache import AggregateCache
from oms.adapters.sql.shared.changes import MASTER_DATA, ChangeWatch
from oms.adapters.sql.shared.inserts import queue_inserts
from oms.adapters.sql.shared.mapping import Aggregate, Entity
from oms.adapters.sql.shared.transaction import Transaction
from oms.adapters.sql.shared.updates import queue_updates
from oms.domain.shared.errors import ConcurrencyConflict
from oms.domain.shared.events import DomainEvent

RowKey = tuple[str, tuple[Any, ...]]  # (table, primary key)
CHUNK = 500  # ids per IN (...) when loading many aggregates' children


class Tracked:
    """An aggregate this unit of work holds, with the rows it had when loaded (or last flushed)."""

    __slots__ = ("aggregate", "bumped", "created", "history_saved", "locked", "new", "obj", "rows", "seen")

    def __init__(self, aggregate: Aggregate, obj: Any, rows: dict[RowKey, dict[str, Any]] | None) -> None:
        self.aggregate = aggregate
        self.obj = obj
        self.rows = rows or {}
        self.new = rows is None  # not written yet
        self.created = rows is None  # made by this unit of work
        self.bumped = False
        self.locked = False  # its root row is locked by this transaction (as read = as stored, until the commit)
        self.seen: list[Any] | None = None  # its stored values when last loaded or written (see _stored_values)
        trail = aggregate.audit_trail
        self.history_saved = 0 if trail is None or rows is None else len(getattr(obj, trail.attribute))


class Session:
    def __init__(self, transaction: Transaction, order: Sequence[Aggregate], cache: AggregateCache | None = None,
                 watch: ChangeWatch | None = None) -> None:
        self.transaction = transaction
        self._order = {aggregate.kind: index for index, aggregate in enumerate(order)}
        self._identity: dict[tuple[str, tuple[Any, ...]], Tracked] = {}
        self._natural: dict[tuple[str, str], Tracked] = {}
        self.tracked: list[Tracked] = []
        self._cache = cache
        self._watch = watch
        self._version: int | None = None
        self._wrote_cached = False
        self.raised: tuple[str, int] | None = None  # the change counter this unit of work raised, and to what

    def _cached(self, aggregate: Aggregate) -> int | None:
        """The counter value this unit of work may use the cache under for the aggregate, or None when it may not
        (not a cached aggregate, or this unit of work changed the topic itself)."""
        if not aggregate.cached or self._cache is None or self._watch is None or self._wrote_cached:
            return None
        if self._version is None:
            self._version = self._watch.current(self.transaction, self._cache.topic)
            self._cache.at(self._version)
        return self._version

    def _from_cache(self, aggregate: Aggregate, key: tuple[Any, ...]) -> Any | None:
        assert self._cache is not None
        row = self._cache.row(aggregate.kind, key)
        if row is None:
            return None
        obj = aggregate.root.build(row)
        tracked = self._track(aggregate, obj, {(aggregate.root.table.name, key): dict(row)})
        tracked.seen = _stored_values(aggregate, obj)
        return obj

    # -- finding ----------------------------------------------------------------------------------------------
    def known(self, aggregate: Aggregate, key: tuple[Any, ...]) -> Any | None:
        found = self._identity.get((aggregate.kind, key))
        return None if found is None else found.obj

    def known_by_natural_key(self, aggregate: Aggregate, value: str) -> Any | None:
        found = self._natural.get((aggregate.kind, value))
        return None if found is None else found.obj

    def get(self, aggregate: Aggregate, key: tuple[Any, ...]) -> Any | None:
        """The aggregate with this primary key, from this unit of work if it has it, else from the database."""
        found = self.known(aggregate, key)
        if found is not None:
            return found
        if self._cached(aggregate) is not None and (kept := self._from_cache(aggregate, key)) is not None:
            return kept
        table = aggregate.root.table
        columns = [table.c[name] for name in aggregate.root.key]
        loaded = self.load(aggregate, ("key",), lambda: select(table).where(
            *(column == bindparam(f"k_{column.name}") for column in columns)),
            {f"k_{column.name}": value for column, value in zip(columns, key, strict=True)}, remember=False)
        return loaded[0] if loaded else None

    def by_natural_keys(self, aggregate: Aggregate, values: Collection[str]) -> dict[str, Any]:
        """The aggregates whose natural key is one of `values`, by that key (in batches of CHUNK)."""
        assert aggregate.natural_key is not None
        found = {value: obj for value in values if (obj := self.known_by_natural_key(aggregate, value)) is not None}
        if self._cached(aggregate) is not None and self._cache is not None:
            for value in set(values) - found.keys():
                key = self._cache.key_by_natural(aggregate.kind, value)
                if key is not None and (kept := self.known(aggregate, key) or self._from_cache(aggregate, key)):
                    found[value] = kept
        todo = sorted(set(values) - found.keys())
        column = aggregate.root.table.c[aggregate.natural_key]
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            for obj in self.load(aggregate, ("natural", len(chunk)),
                                 partial(_select_in, aggregate.root.table, column.name, len(chunk)),
                                 {f"n{i}": value for i, value in enumerate(chunk)}, remember=False):
                found[aggregate.natural_key_of(obj) or ""] = obj
        return found

    def load(self, aggregate: Aggregate, name: Any, build: Callable[[], Any],
             values: dict[str, Any] | None = None, *, remember: bool = True) -> list[Any]:
        """The aggregates whose root rows `build()` selects (compiled once per `name`), in the order selected, with
        their children and audit trails; the root rows are locked if the aggregate says so and this transaction
        may change them. Aggregates this unit of work holds already are returned as they are held."""
        lock = aggregate.lock and not self.transaction.read_only
        version = self._cached(aggregate) if remember else None
        query = (name, tuple(sorted((values or {}).items())))
        if version is not None and self._cache is not None:
            keys = self._cache.query(aggregate.kind, query)
            if keys is not None:
                kept = [self.known(aggregate, key) or self._from_cache(aggregate, key) for key in keys]
                if all(obj is not None for obj in kept):
                    return kept
        compiler = self.transaction.compiler
        statement = compiler.get((aggregate.kind, name, lock), lambda: build().with_for_update() if lock else build())
        if aggregate.parts or aggregate.audit_trail:
            # The root rows and every table of their parts in one round trip: each part's rows are selected by a
            # subquery repeating the root's (a statement of its own, run after the root's and its lock).
            parts = [compiler.get((aggregate.kind, name, "part", table.name), partial(query, build))
                     for table, query in aggregate.part_queries]
            found = self.transaction.run_together([(statement, values or {})] + [(part, values or {})
                                                                                   for part in parts])
            loaded = self._assemble(aggregate, found[0], dict(zip(aggregate.part_tables, found[1:], strict=True)),
                                    locked=lock)
        else:
            loaded = self.load_rows(aggregate, self.transaction.run(statement, values), locked=lock)
        if version is not None and self._cache is not None and loaded:  # never remember that nothing was found
            self._cache.keep_query(version, aggregate.kind, query, [aggregate.key_of(obj) for obj in loaded])
        return loaded

    def load_rows(self, aggregate: Aggregate, rows: list[dict[str, Any]], *, locked: bool = False) -> list[Any]:
        """The aggregates of root rows already read (`locked`: under a row lock), with their children and audit
        trails."""
        return self._assemble(aggregate, rows, None, locked=locked)

    def _assemble(self, aggregate: Aggregate, rows: list[dict[str, Any]],
                  parts: dict[str, list[dict[str, Any]]] | None, *, locked: bool) -> list[Any]:
        """The aggregates of root rows, with their parts' rows given by table (`parts`) or read here."""
        result: list[Any] = []
        fresh: list[Tracked] = []
        version = self._cached(aggregate)
        for row in rows:
            key = tuple(row[column] for column in aggregate.root.key)
            held = self._identity.get((aggregate.kind, key))
            if held is not None:
                result.append(held.obj)
                continue
            obj = aggregate.root.build(row)
            tracked = self._track(aggregate, obj, {(aggregate.root.table.name, key): row})
            tracked.locked = locked
            fresh.append(tracked)
            result.append(obj)
            if version is not None and self._cache is not None:
                self._cache.keep(version, aggregate.kind, key, row, aggregate.natural_key_of(obj))
        if fresh and (aggregate.parts or aggregate.audit_trail):
            self._load_parts(aggregate, fresh, parts)
        for tracked in fresh:
            tracked.seen = _stored_values(aggregate, tracked.obj)
        return result

    def _load_parts(self, aggregate: Aggregate, fresh: list[Tracked],
                    given: dict[str, list[dict[str, Any]]] | None) -> None:
        def rows_of(table: Table, parent_column: str, parent_ids: list[str], order: str) -> list[dict[str, Any]]:
            return given[table.name] if given is not None else self._rows_of(table, parent_column, parent_ids,
                                                                             order)

        parents: dict[str, list[tuple[Tracked, Any]]] = {aggregate.root.table.name: [(t, t.obj) for t in fresh]}
        for children in aggregate.parts:
            owners = aggregate.owner_of(children)
            pairs = parents.get(owners.table.name, [])
            by_id = {parent.id: (tracked, parent) for tracked, parent in pairs}
            found: list[tuple[Tracked, Any]] = []
            for row in rows_of(children.entity.table, children.parent_column, list(by_id), children.position):
                owner = by_id.get(row[children.parent_column])
                if owner is None:  # a part of an aggregate this unit of work holds already
                    continue
                tracked, parent = owner
                child = children.entity.build(row)
                getattr(parent, children.attribute).append(child)
                tracked.rows[(children.entity.table.name, _key(children.entity, child))] = row
                found.append((tracked, child))
            parents[children.entity.table.name] = found
        trail = aggregate.audit_trail
        if trail is not None:
            documents = {tracked.obj.id: tracked for tracked in fresh}
            for row in rows_of(trail.table, "document_id", list(documents), "position"):
                if (document := documents.get(row["document_id"])) is not None:
                    getattr(document.obj, trail.attribute).append(trail.entry(row))
            for tracked in fresh:
                tracked.history_saved = len(getattr(tracked.obj, trail.attribute))

    def _rows_of(self, table: Table, parent_column: str, parent_ids: list[str], order: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for start in range(0, len(parent_ids), CHUNK):
            chunk = parent_ids[start:start + CHUNK]
            statement = self.transaction.compiler.get(
                ("children", table.name, len(chunk)),
                partial(_select_in, table, parent_column, len(chunk), (parent_column, order)))
            rows.extend(self.transaction.run(statement, {f"n{i}": value for i, value in enumerate(chunk)}))
        return rows

    # -- tracking ---------------------------------------------------------------------------------------------
    def add(self, aggregate: Aggregate, obj: Any) -> None:
        if self.known(aggregate, aggregate.key_of(obj)) is None:
            self._track(aggregate, obj, None)

    def _track(self, aggregate: Aggregate, obj: Any, rows: dict[RowKey, dict[str, Any]] | None) -> Tracked:
        tracked = Tracked(aggregate, obj, rows)
        self._identity[(aggregate.kind, aggregate.key_of(obj))] = tracked
        natural = aggregate.natural_key_of(obj)
        if natural is not None:
            self._natural[(aggregate.kind, natural)] = tracked
        self.tracked.append(tracked)
        return tracked

    def refresh(self, aggregate: Aggregate, obj: Any, row: dict[str, Any], *, locked: bool) -> Any:
        """Take the row just read (`locked`: under a row lock) for an aggregate without children this unit of work
        holds unchanged, so it works on the latest values; one it changed already is kept as it is."""
        tracked = self._identity[(aggregate.kind, aggregate.key_of(obj))]
        key = (aggregate.root.table.name, aggregate.key_of(obj))
        if not tracked.new and aggregate.root.values(obj) == _own(aggregate.root, tracked.rows[key]):
            fresh = aggregate.root.build(row)
            for name in aggregate.root.plain:
                obj.__dict__[name] = fresh.__dict__[name]
            tracked.rows[key] = row
            tracked.locked = locked
        return obj

    def take_events(self) -> list[DomainEvent]:
        events: list[DomainEvent] = []
        for tracked in self.tracked:
            recorded = tracked.obj.__dict__.get("events")
            if recorded:
                events.extend(recorded)
                recorded.clear()
        return events

    # -- writing back -----------------------------------------------------------------------------------------
    def flush(self) -> None:
        inserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        updates: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
        roots: dict[tuple[str, frozenset[str], bool], list[dict[str, Any]]] = defaultdict(list)
        deletes: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        appended: dict[str, list[dict[str, Any]]] = defaultdict(list)
        tables: dict[str, tuple[Table, Entity]] = {}
        cached_writes = False
        for tracked in sorted(self.tracked, key=lambda t: self._order[t.aggregate.kind]):
            if self._diff(tracked, inserts, updates, roots, deletes, appended, tables) and tracked.aggregate.cached:
                cached_writes = True
        queue, compiler = self.transaction.queue, self.transaction.compiler
        if cached_writes and not self._wrote_cached:
            # What processes keep of master data is stale from this commit on; this one knows it at once.
            self.raised = (MASTER_DATA, ChangeWatch.bump(self.transaction, MASTER_DATA))
            self._wrote_cached = True
        for name in sorted(deletes, key=lambda n: -_depth(n, tables)):
            table, entity = tables[name]
            queue(compiler.get(("delete", name), partial(_delete_by_key, table, entity)),
                  [dict(zip(entity.key, key, strict=True)) for key in deletes[name]])
        for name, rows in inserts.items():
            queue_inserts(self.transaction, tables[name][0], rows)
        for (name, columns), rows in updates.items():
            table, entity = tables[name]
            queue_updates(self.transaction, table, entity.key, columns, rows)
        for (name, columns, locked), rows in roots.items():
            table, entity = tables[name]
            # A root row this transaction locked is as it was read: only the others' versions need checking.
            queue_updates(self.transaction, table, entity.key, columns, rows, versioned=True,
                          check=None if locked else partial(_all_changed, name, len(rows)))
        for name, rows in appended.items():
            queue_inserts(self.transaction, tables[name][0], rows)

    def _diff(self, tracked: Tracked, inserts: dict[str, list[dict[str, Any]]],
              updates: dict[tuple[str, frozenset[str]], list[dict[str, Any]]],
              roots: dict[tuple[str, frozenset[str], bool], list[dict[str, Any]]],
              deletes: dict[str, list[tuple[Any, ...]]], appended: dict[str, list[dict[str, Any]]],
              tables: dict[str, tuple[Table, Entity]]) -> bool:
        """Add the aggregate's writes to the batches; whether it has any."""
        aggregate, obj = tracked.aggregate, tracked.obj
        writes = tracked.new
        trail, ledger = aggregate.audit_trail, aggregate.ledger
        history = getattr(obj, trail.attribute) if trail else []
        if (not tracked.new and tracked.seen is not None and len(history) == tracked.history_saved
                and not (ledger and getattr(obj, ledger.attribute)) and _stored_values(aggregate, obj) == tracked.seen):
            return False  # unchanged: no row of it needs building
        rows = _rows(aggregate, obj, tables)
        root_key = (aggregate.root.table.name, aggregate.key_of(obj))
        if tracked.new:
            if aggregate.versioned and obj.version == 0:
                obj.version = 1
                rows[root_key]["version"] = 1
            for (name, _), row in rows.items():
                inserts[name].append(row)
            tracked.bumped = True  # a new aggregate is at version 1 until its transaction ends
        else:
            before = tracked.rows
            added = [key for key in rows if key not in before]
            removed = [key for key in before if key not in rows]
            changed = [key for key in rows if key in before and rows[key] != before[key] and key != root_key]
            root_changed = {c for c, v in rows[root_key].items() if v != before[root_key].get(c)}
            if added or removed or changed or root_changed or len(history) > tracked.history_saved:
                writes = True
                if aggregate.versioned and not tracked.bumped:
                    old = obj.version
                    obj.version += 1
                    rows[root_key]["version"] = obj.version
                    root_changed.add("version")
                    columns = frozenset(root_changed)
                    roots[(root_key[0], columns, tracked.locked)].append(
                        {**_set_values(rows[root_key], columns), **_key_values(aggregate.root, obj),
                         "old_version": old})
                    tracked.bumped = True
                elif root_changed:
                    columns = frozenset(root_changed)
                    updates[(root_key[0], columns)].append(
                        {**_set_values(rows[root_key], columns), **_key_values(aggregate.root, obj)})
            for key in removed:
                deletes[key[0]].append(key[1])
            for key in added:
                inserts[key[0]].append(rows[key])
            for key in changed:
                columns = frozenset(c for c, v in rows[key].items() if v != before[key].get(c))
                entity = tables[key[0]][1]
                updates[(key[0], columns)].append(
                    {**_set_values(rows[key], columns), **{f"k_{c}": v for c, v in zip(entity.key, key[1],
                                                                                         strict=True)}})
        if trail is not None:
            for position in range(tracked.history_saved, len(history)):
                appended[trail.table.name].append(trail.row(obj.id, position, history[position]))
            tables[trail.table.name] = (trail.table, aggregate.root)
            tracked.history_saved = len(history)
        if ledger is not None:
            entries = getattr(obj, ledger.attribute)
            appended[ledger.table.name].extend(ledger.row(entry) for entry in entries)
            tables[ledger.table.name] = (ledger.table, aggregate.root)
            entries.clear()
        tracked.rows = rows
        tracked.new = False
        tracked.seen = _stored_values(aggregate, obj)
        return writes


def _stored_values(aggregate: Aggregate, obj: Any) -> list[Any] | None:
    """The values the aggregate's rows are made of (each entity's stored attributes, and how many children each
    list has), to tell cheaply that nothing changed since they were taken: equal values make equal rows. None when
    an entity has a value that could change in place, which only building the rows would tell."""
    found: list[Any] = []
    todo: list[tuple[Entity, Any]] = [(aggregate.root, obj)]
    while todo:
        entity, item = todo.pop()
        values = entity.stored_values
        if values is None:
            return None
        own = item.__dict__
        found.extend(values(own))
        for children in entity.children:
            items = own[children.attribute]
            found.append(len(items))
            todo.extend((children.entity, child) for child in items)
    return found


def _all_changed(table: str, expected: int, changed: int) -> None:
    if changed != expected:
        raise ConcurrencyConflict(f"a {table} row was changed by another transaction meanwhile")


def _own(entity: Entity, row: dict[str, Any]) -> dict[str, Any]:
    names = set(entity.plain) | {c for composite in entity.composites for c in composite.columns}
    return {name: value for name, value in row.items() if name in names}


def _key(entity: Entity, obj: Any) -> tuple[Any, ...]:
    return tuple(obj.__dict__[name] for name in entity.key)


def _set_values(row: dict[str, Any], columns: frozenset[str]) -> dict[str, Any]:
    return {f"v_{name}": row[name] for name in columns}


def _key_values(entity: Entity, obj: Any) -> dict[str, Any]:
    return {f"k_{name}": obj.__dict__[name] for name in entity.key}


def _rows(aggregate: Aggregate, obj: Any, tables: dict[str, tuple[Table, Entity]]) -> dict[RowKey, dict[str, Any]]:
    """Every row the aggregate is stored in, by (table, primary key), parents before their children."""
    root = aggregate.root
    tables[root.table.name] = (root.table, root)
    rows: dict[RowKey, dict[str, Any]] = {(root.table.name, _key(root, obj)): root.values(obj)}
    todo: list[tuple[Entity, Any]] = [(root, obj)]
    while todo:
        entity, parent = todo.pop(0)
        for children in entity.children:
            child_entity = children.entity
            tables[child_entity.table.name] = (child_entity.table, child_entity)
            for index, child in enumerate(getattr(parent, children.attribute)):
                row = child_entity.values(child)
                row[children.parent_column] = parent.id
                if children.hidden_position:
                    row[children.position] = index
                rows[(child_entity.table.name, _key(child_entity, child))] = row
                todo.append((child_entity, child))
    return rows


def _depth(name: str, tables: dict[str, tuple[Table, Entity]]) -> int:
    """How deep a table is among its foreign keys (children after parents)."""
    table = tables[name][0]
    return max((_depth(fk.column.table.name, tables) + 1 for fk in table.foreign_keys
                if fk.column.table.name in tables and fk.column.table.name != name), default=0)


def _select_in(table: Table, column: str, count: int, order_by: tuple[str, ...] = ()) -> ClauseElement:
    """The rows whose `column` is one of `count` parameters named n0, n1, ..."""
    return select(table).where(table.c[column].in_([bindparam(f"n{i}") for i in range(count)])).order_by(
        *(table.c[name] for name in order_by))


def _delete_by_key(table: Table, entity: Entity) -> ClauseElement:
    return delete(table).where(*(table.c[name] == bindparam(name) for name in entity.key))
