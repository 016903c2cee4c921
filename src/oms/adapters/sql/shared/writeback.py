"""Writing back what changed in the aggregates a unit of work holds: the declarations say which rows each is.

Each aggregate's rows are compared with the snapshot taken when it was loaded (or last written), and the difference
goes into batches per table: new rows, changed columns, removed children, the entries appended to audit trails and
ledgers. An aggregate that changed at all gets version + 1, once per transaction, and its root's UPDATE says
WHERE version = <as read>: a transaction that read an older version changes nothing and gets ConcurrencyConflict,
which the bus retries. The batches are queued on the transaction, which sends them together at the commit.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from sqlalchemy import Table, bindparam, delete
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.shared.inserts import queue_inserts
from oms.adapters.sql.shared.mapping import Aggregate, Entity
from oms.adapters.sql.shared.transaction import Transaction
from oms.adapters.sql.shared.updates import queue_updates
from oms.domain.shared.errors import ConcurrencyConflict

RowKey = tuple[str, tuple[Any, ...]]  # (table, primary key)


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
        self.seen: list[Any] | None = None  # its stored values when last loaded or written (see stored_values)
        trail = aggregate.audit_trail
        self.history_saved = 0 if trail is None or rows is None else len(getattr(obj, trail.attribute))


class WriteBack:
    """The writes of one flush, batched by table and columns."""

    def __init__(self) -> None:
        self._inserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._updates: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
        self._roots: dict[tuple[str, frozenset[str], bool], list[dict[str, Any]]] = defaultdict(list)
        self._deletes: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self._appended: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._tables: dict[str, tuple[Table, Entity]] = {}

    def queue(self, transaction: Transaction) -> None:
        """Queue the batches on the transaction: deletes (children first), inserts, updates, versioned roots, the
        entries appended to audit trails and ledgers."""
        tables = self._tables
        for name in sorted(self._deletes, key=lambda n: -_depth(n, tables)):
            table, entity = tables[name]
            transaction.queue(transaction.compiler.get(("delete", name), partial(_delete_by_key, table, entity)),
                              [dict(zip(entity.key, key, strict=True)) for key in self._deletes[name]])
        for name, rows in self._inserts.items():
            queue_inserts(transaction, tables[name][0], rows)
        for (name, columns), rows in self._updates.items():
            table, entity = tables[name]
            queue_updates(transaction, table, entity.key, columns, rows)
        for (name, columns, locked), rows in self._roots.items():
            table, entity = tables[name]
            # A root row this transaction locked is as it was read: only the others' versions need checking.
            queue_updates(transaction, table, entity.key, columns, rows, versioned=True,
                          check=None if locked else partial(_all_changed, name, len(rows)))
        for name, rows in self._appended.items():
            queue_inserts(transaction, tables[name][0], rows)

    def remove(self, tracked: Tracked) -> None:
        """Delete every row the aggregate was stored in (`queue` deletes children first)."""
        aggregate = tracked.aggregate
        for entity in (aggregate.root, *(part.entity for part in aggregate.parts)):
            self._tables[entity.table.name] = (entity.table, entity)
        for table, key in tracked.rows:
            self._deletes[table].append(key)

    def add(self, tracked: Tracked) -> bool:
        """Add what changed in the aggregate since it was loaded (or last written) to the batches, and take that
        as its new snapshot; whether it has anything to write."""
        inserts, updates, roots, deletes = self._inserts, self._updates, self._roots, self._deletes
        appended, tables = self._appended, self._tables
        aggregate, obj = tracked.aggregate, tracked.obj
        writes = tracked.new
        trail, ledger = aggregate.audit_trail, aggregate.ledger
        history = getattr(obj, trail.attribute) if trail else []
        if (not tracked.new and tracked.seen is not None and len(history) == tracked.history_saved
                and not (ledger and getattr(obj, ledger.attribute)) and stored_values(aggregate, obj) == tracked.seen):
            return False  # unchanged: no row of it needs building
        rows = rows_of(aggregate, obj, tables)
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
        tracked.seen = stored_values(aggregate, obj)
        return writes



def stored_values(aggregate: Aggregate, obj: Any) -> list[Any] | None:
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


def rows_of(aggregate: Aggregate, obj: Any, tables: dict[str, tuple[Table, Entity]]) -> dict[RowKey, dict[str, Any]]:
    """Every row the aggregate is stored in, by (table, primary key), parents before their children."""
    root = aggregate.root
    tables[root.table.name] = (root.table, root)
    root_row = root.values(obj)
    rows: dict[RowKey, dict[str, Any]] = {(root.table.name, key_of_row(root, root_row)): root_row}
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
                rows[(child_entity.table.name, key_of_row(child_entity, row))] = row
                todo.append((child_entity, child))
    return rows


def key_of_row(entity: Entity, row: dict[str, Any]) -> tuple[Any, ...]:
    """The primary key of an entity's row (a child's may be its parent column and position)."""
    return tuple(row[name] for name in entity.key)


def _all_changed(table: str, expected: int, changed: int) -> None:
    if changed != expected:
        raise ConcurrencyConflict(f"a {table} row was changed by another transaction meanwhile")


def _set_values(row: dict[str, Any], columns: frozenset[str]) -> dict[str, Any]:
    return {f"v_{name}": row[name] for name in columns}


def _key_values(entity: Entity, obj: Any) -> dict[str, Any]:
    return {f"k_{name}": obj.__dict__[name] for name in entity.key}


def _depth(name: str, tables: dict[str, tuple[Table, Entity]]) -> int:
    """How deep a table is among its foreign keys (children after parents)."""
    table = tables[name][0]
    return max((_depth(fk.column.table.name, tables) + 1 for fk in table.foreign_keys
                if fk.column.table.name in tables and fk.column.table.name != name), default=0)


def _delete_by_key(table: Table, entity: Entity) -> ClauseElement:
    return delete(table).where(*(table.c[name] == bindparam(name) for name in entity.key))
