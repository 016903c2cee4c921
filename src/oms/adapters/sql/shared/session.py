"""What one unit of work loaded and added: its identity map, and loading aggregates as the declarations say.

Every aggregate is loaded with its parts and its audit trail (the root and every part table in one round trip when
a query selects the roots), and remembered with a snapshot of its rows; master data may come from the process's
cache instead. Within a unit of work, a key looked up and not found is not looked up again (until the unit of work
adds it), and the queries of a repeatable aggregate (mapping.Aggregate) are answered as the first time. `flush`
hands what changed to writeback.py, then has the records kept from the aggregates written brought up to date
(mapping.KeptRecord).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.shared.cache import AggregateCache
from oms.adapters.sql.shared.changes import MASTER_DATA, ChangeWatch
from oms.adapters.sql.shared.mapping import Aggregate, Entity, KeptRecord, RowsBefore
from oms.adapters.sql.shared.parts_json import parts_statement, readers_of, rows_of
from oms.adapters.sql.shared.snapshots import DocumentSnapshots
from oms.adapters.sql.shared.statements import Statement
from oms.adapters.sql.shared.transaction import Transaction
from oms.adapters.sql.shared.writeback import RowKey, Tracked, WriteBack, key_of_row, stored_values
from oms.domain.shared.events import DomainEvent

CHUNK = 500  # ids per IN (...) when loading many aggregates' children


class Session:
    def __init__(self, transaction: Transaction, ranks: Mapping[str, int], cache: AggregateCache | None = None,
                 watch: ChangeWatch | None = None, snapshots: DocumentSnapshots | None = None) -> None:
        """`ranks`: each aggregate's place, by kind, in the order their rows are written (see `write_ranks`);
        `snapshots`: what this process remembers of its documents' committed rows (SQLite only: on PostgreSQL the
        root and its parts come in one round trip anyway)."""
        self.transaction = transaction
        self._order = ranks
        self._identity: dict[tuple[str, tuple[Any, ...]], Tracked] = {}
        self._natural: dict[tuple[str, str], Tracked] = {}
        self.tracked: list[Tracked] = []
        self._removed: list[Tracked] = []  # aggregates whose rows the next flush deletes
        self._cache = cache
        self._watch = watch
        self._snapshots = snapshots
        self._version: int | None = None
        self._wrote_cached = False
        self.raised: tuple[str, int] | None = None  # the change counter this unit of work raised, and to what
        self._absent: set[tuple[str, tuple[Any, ...]]] = set()  # keys looked up and not found, until added
        self._answers: dict[tuple[str, Any], list[Any]] = {}  # the queries of repeatable aggregates, answered
        self._awaited: set[tuple[str, Any]] = set()  # those of them read ahead, their answer not back yet

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
        """A new object of the cached row of this key (None if the cache has none). Where its values cannot change,
        they are taken from the row once, with their snapshot, and every later object of the row shares them."""
        cache = self._cache
        assert cache is not None
        row = cache.row(aggregate.kind, key)
        if row is None:
            return None
        entity = aggregate.root
        if entity.values_unchangeable:
            shared = cache.shared(aggregate.kind, key, row)
            if shared is None:
                made = entity.build(row)
                shared = ({name: made.__dict__[name] for name in entity.stored}, stored_values(aggregate, made))
                cache.keep_shared(aggregate.kind, key, row, shared)
            stored, seen = shared
            obj = entity.copy_of(stored)
        else:
            obj = entity.build(row)
            seen = stored_values(aggregate, obj)
        tracked = self._track(aggregate, obj, {(entity.table.name, key): dict(row)})
        tracked.seen = seen
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
        if (aggregate.kind, key) in self._absent:  # not there a moment ago in this unit of work (settings not set)
            return None
        build, values = _by_key(aggregate, key)
        loaded = self.load(aggregate, ("key",), build, values, remember=False)
        if not loaded:
            self._absent.add((aggregate.kind, key))
        return loaded[0] if loaded else None

    def by_ids(self, aggregate: Aggregate, ids: Collection[str]) -> dict[str, Any]:
        """The aggregates (of a one-column key) whose id is one of `ids` and that exist, by id: from this unit of
        work or the cache where they are, the rest read in batches of CHUNK (one round trip for a report's page)."""
        assert len(aggregate.root.key) == 1
        found = {key: obj for key in ids if (obj := self.known(aggregate, (key,))) is not None}
        if self._cached(aggregate) is not None:
            for key in set(ids) - found.keys():
                if (kept := self._from_cache(aggregate, (key,))) is not None:
                    found[key] = kept
        for obj in self._load_in(aggregate, "ids", aggregate.root.key[0], set(ids) - found.keys()):
            found[aggregate.key_of(obj)[0]] = obj
        return found

    def by_natural_keys(self, aggregate: Aggregate, values: Collection[str]) -> dict[str, Any]:
        """The aggregates whose natural key is one of `values`, by that key (in batches of CHUNK)."""
        assert aggregate.natural_key is not None
        found = {value: obj for value in values if (obj := self.known_by_natural_key(aggregate, value)) is not None}
        if self._cached(aggregate) is not None and self._cache is not None:
            for value in set(values) - found.keys():
                key = self._cache.key_by_natural(aggregate.kind, value)
                if key is not None and (kept := self.known(aggregate, key) or self._from_cache(aggregate, key)):
                    found[value] = kept
        for obj in self._load_in(aggregate, "natural", aggregate.natural_key, set(values) - found.keys()):
            found[aggregate.natural_key_of(obj) or ""] = obj
        return found

    def _load_in(self, aggregate: Aggregate, name: str, column: str, values: Collection[str]) -> list[Any]:
        """The aggregates whose `column` holds one of `values`, read in batches of CHUNK (`name` tells the
        statements apart)."""
        todo, loaded = sorted(values), []
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            loaded += self.load(aggregate, (name, len(chunk)), partial(_select_in, aggregate.root.table, column,
                                                                       len(chunk)),
                                {f"n{i}": value for i, value in enumerate(chunk)}, remember=False)
        return loaded

    def load(self, aggregate: Aggregate, name: Any, build: Callable[[], Any],
             values: dict[str, Any] | None = None, *, remember: bool = True, skip_locked: bool = False) -> list[Any]:
        """The aggregates whose root rows `build()` selects (compiled once per `name`), in the order selected, with
        their children and audit trails; the root rows are locked if the aggregate says so and this transaction
        may change them (`skip_locked`: rows another transaction holds locked are left out instead of waited for,
        on PostgreSQL; SQLite has one writer at a time). Aggregates this unit of work holds already are returned
        as they are held."""
        lock = aggregate.lock and not self.transaction.read_only
        version = self._cached(aggregate) if remember else None
        query = (name, tuple(sorted((values or {}).items())))
        repeated = (aggregate.kind, (query, skip_locked)) if aggregate.repeatable and lock else None
        if repeated is not None and (answered := self._answers.get(repeated)) is not None:
            return list(answered)
        if repeated is not None:
            self._awaited.discard(repeated)  # read now: an answer read ahead and not back yet is not needed
        if version is not None and self._cache is not None:
            keys = self._cache.query(aggregate.kind, query)
            if keys is not None:
                kept = [self.known(aggregate, key) or self._from_cache(aggregate, key) for key in keys]
                if all(obj is not None for obj in kept):
                    return kept
        compiler = self.transaction.compiler
        statement = self._roots_statement(aggregate, name, build, lock, skip_locked)
        if (aggregate.parts or aggregate.audit_trail) and (together := self._parts_in_one(aggregate, name, build)):
            # The root rows, then every table of their parts in one statement (see parts_json.py), in one round
            # trip; the parts' statement runs after the root's and its lock.
            root_rows, [row] = self.transaction.run_together([(statement, values or {}), (together, values or {})])
            loaded = self._assemble(aggregate, root_rows, _parts_of(aggregate, row), locked=lock)
        elif aggregate.parts or aggregate.audit_trail:
            # The root rows and every table of their parts in one round trip: each part's rows are selected by a
            # subquery repeating the root's (a statement of its own, run after the root's and its lock).
            parts = [compiler.get((aggregate.kind, name, "part", table.name), partial(query, build))
                     for table, query in aggregate.part_queries]
            remembered = None
            if self._snapshots is not None and aggregate.versioned:
                # The root rows first: their versions tell whether the parts are as this process committed them.
                found = [self.transaction.run(statement, values)]
                remembered = self._remembered_parts(aggregate, found[0])
                if remembered is None:
                    found += self.transaction.run_together([(part, values or {}) for part in parts])
            else:
                found = self.transaction.run_together([(statement, values or {})] + [(part, values or {})
                                                                                       for part in parts])
            given = remembered or dict(zip(aggregate.part_tables, found[1:], strict=True))
            loaded = self._assemble(aggregate, found[0], given, locked=lock)
        else:
            loaded = self.load_rows(aggregate, self.transaction.run(statement, values), locked=lock)
        if version is not None and self._cache is not None and loaded:  # never remember that nothing was found
            self._cache.keep_query(version, aggregate.kind, query, [aggregate.key_of(obj) for obj in loaded])
        if repeated is not None:
            self._answers[repeated] = list(loaded)
        return loaded

    def _remembered_parts(self, aggregate: Aggregate, roots: list[dict[str, Any]]) -> dict[str, list[Any]] | None:
        """The part rows of these roots as this process committed them at the versions read (snapshots.py), by
        table; None unless every root's are remembered."""
        assert self._snapshots is not None
        given: dict[str, list[Any]] = {table: [] for table in aggregate.part_tables}
        root_table, trail = aggregate.root.table.name, aggregate.audit_trail
        for row in roots:
            key = tuple(row[column] for column in aggregate.root.key)
            kept = self._snapshots.kept(aggregate.kind, key, row["version"])
            if kept is None:
                return None
            rows, history = kept
            for (table, _), part in rows.items():
                if table != root_table:
                    given[table].append(part)
            if trail is not None:
                given[trail.table.name] += [trail.row(row["id"], position, change)
                                            for position, change in enumerate(history)]
        return given

    def remember_committed(self) -> None:
        """Tell the snapshots the rows of every versioned document in hand, as this unit of work's commit left them
        (call after the commit): its snapshot of them, which the next flush would replace and nothing changes in
        place, and its audit trail's entries."""
        snapshots = self._snapshots
        if snapshots is None:
            return
        for tracked in self.tracked:
            aggregate = tracked.aggregate
            if aggregate.versioned and (aggregate.parts or aggregate.audit_trail):
                obj, trail = tracked.obj, aggregate.audit_trail
                history = () if trail is None else tuple(getattr(obj, trail.attribute))
                snapshots.keep(aggregate.kind, aggregate.key_of(obj), obj.version, (tracked.rows, history),
                               len(tracked.rows) + len(history))

    def load_ahead(self, aggregate: Aggregate, name: Any, build: Callable[[], Any],
                   values: dict[str, Any] | None = None) -> None:
        """Read what `load` of the same query would, with the transaction's next round trip (Transaction.read_ahead),
        so that `load` answers from it then. Only for a repeatable aggregate without parts that this transaction
        locks and the cache does not hold; of another, nothing is read ahead (`load` reads it when asked)."""
        lock = aggregate.lock and not self.transaction.read_only
        if not (aggregate.repeatable and lock) or aggregate.parts or aggregate.audit_trail \
                or self._cached(aggregate) is not None:
            return
        repeated = (aggregate.kind, ((name, tuple(sorted((values or {}).items()))), False))
        if repeated in self._answers or repeated in self._awaited:
            return
        statement = self._roots_statement(aggregate, name, build, lock)

        def receive(rows: list[dict[str, Any]]) -> None:
            if repeated in self._awaited:  # not added to or removed from meanwhile
                self._awaited.discard(repeated)
                self._answers[repeated] = self.load_rows(aggregate, rows, locked=True)

        self._awaited.add(repeated)
        self.transaction.read_ahead(statement, values or {}, receive)

    def get_ahead(self, aggregate: Aggregate, key: tuple[Any, ...]) -> None:
        """Read the aggregate of this key (of an aggregate without parts) with the transaction's next round trip,
        so that `get` finds it then, or knows it is not there; nothing when this unit of work or the cache has it."""
        if aggregate.parts or aggregate.audit_trail or self.known(aggregate, key) is not None \
                or self._cached(aggregate) is not None or (aggregate.kind, key) in self._absent:
            return
        lock = aggregate.lock and not self.transaction.read_only
        build, values = _by_key(aggregate, key)
        statement = self._roots_statement(aggregate, ("key",), build, lock)

        def receive(rows: list[dict[str, Any]]) -> None:
            if rows:
                self.load_rows(aggregate, rows, locked=lock)
            elif self.known(aggregate, key) is None:
                self._absent.add((aggregate.kind, key))

        self.transaction.read_ahead(statement, values, receive)

    def _roots_statement(self, aggregate: Aggregate, name: Any, build: Callable[[], Any], lock: bool,
                         skip_locked: bool = False) -> Statement:
        """The statement of the root rows `build()` selects, compiled once per name (locked if `lock`)."""
        return self.transaction.compiler.get((aggregate.kind, name, lock, skip_locked), lambda: build().with_for_update(
            skip_locked=skip_locked) if lock else build())

    def _parts_in_one(self, aggregate: Aggregate, name: Any, build: Callable[[], Any]) -> Statement | None:
        """On PostgreSQL, the statement reading every part table of the roots `build()` selects, as JSON; None
        elsewhere, or when a column of a part cannot be read back from JSON."""
        if not self.transaction.is_postgres or any(readers_of(table) is None for table, _ in aggregate.part_queries):
            return None
        return self.transaction.compiler.get((aggregate.kind, name, "parts as JSON"), lambda: parts_statement(
            [(query(build), order) for (_, query), order in zip(aggregate.part_queries, aggregate.part_orders,
                                                                 strict=True)]))

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
            tracked.seen = stored_values(aggregate, tracked.obj)
        return result

    def _load_parts(self, aggregate: Aggregate, fresh: list[Tracked],
                    given: dict[str, list[dict[str, Any]]] | None) -> None:
        def rows_of(table: Table, parent_column: str, parent_ids: list[str], order: str) -> list[dict[str, Any]]:
            return given[table.name] if given is not None else self._rows_of(table, parent_column, parent_ids,
                                                                             order)

        parents: dict[str, list[tuple[Tracked, Any]]] = {aggregate.root.table.name: [(t, t.obj) for t in fresh]}
        for children in aggregate.parts:
            kept = children.entity.kept_by_database
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
                if kept:  # the snapshot holds what the mapping writes, to compare with the rows it builds
                    row = {name: value for name, value in row.items() if name not in kept}
                tracked.rows[(children.entity.table.name, key_of_row(children.entity, row))] = row
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
            self._absent.discard((aggregate.kind, aggregate.key_of(obj)))
            self._forget_answers(aggregate)

    def remove(self, aggregate: Aggregate, obj: Any) -> None:
        """Forget the aggregate and delete its rows at the next flush; one never written is only forgotten. Only
        for aggregates whose root row a changing transaction locks when it loads them (so nobody changed the rows
        meanwhile), and that keep no audit trail or ledger (which are never deleted)."""
        if not aggregate.lock or aggregate.audit_trail is not None or aggregate.ledger is not None:
            raise TypeError(f"a {aggregate.kind} is never removed")
        tracked = self._identity.pop((aggregate.kind, aggregate.key_of(obj)), None)
        if tracked is None:
            return
        self._forget_answers(aggregate)
        natural = aggregate.natural_key_of(obj)
        if natural is not None:
            self._natural.pop((aggregate.kind, natural), None)
        self.tracked.remove(tracked)
        if not tracked.new:
            self._removed.append(tracked)

    def _forget_answers(self, aggregate: Aggregate) -> None:
        """What this unit of work added or removed of a repeatable aggregate changes the answers of its queries."""
        if aggregate.repeatable:
            self._answers = {key: found for key, found in self._answers.items() if key[0] != aggregate.kind}
            self._awaited = {key for key in self._awaited if key[0] != aggregate.kind}

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

    def peek_events(self) -> list[DomainEvent]:
        """The events the aggregates in hand recorded so far, left in place for the commit."""
        return [event for tracked in self.tracked for event in tracked.obj.__dict__.get("events") or ()]

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
        """Queue what changed on the transaction (see writeback.py), which sends it at the commit."""
        batch = WriteBack()
        touched: dict[str, tuple[KeptRecord, set[str], dict[str, dict[str, Any]]]] = {}

        def touching(tracked: Tracked, before: RowsBefore) -> None:
            for record in tracked.aggregate.kept:
                _, keys, wholes = touched.setdefault(record.name, (record, set(), {}))
                whole = None if record.whole is None else record.whole.of(tracked.obj, before)
                if whole is None:
                    keys.update(record.touched(tracked.obj, before))
                else:
                    wholes[whole[0]] = whole[1]

        for removed in self._removed:
            batch.remove(removed)
            touching(removed, removed.rows)
        self._removed.clear()
        cached_writes = False
        for tracked in sorted(self.tracked, key=lambda t: self._order[t.aggregate.kind]):
            before = tracked.rows  # `add` takes the rows written as the new snapshot
            if batch.add(tracked):
                cached_writes = cached_writes or tracked.aggregate.cached
                touching(tracked, before)
        if cached_writes and not self._wrote_cached:
            # What processes keep of master data is stale from this commit on; this one knows it at once.
            self.raised = (MASTER_DATA, ChangeWatch.bump(self.transaction, MASTER_DATA))
            self._wrote_cached = True
        batch.queue(self.transaction)
        for record, keys, wholes in touched.values():  # after the writes they are computed from
            rows = [row for key, row in sorted(wholes.items()) if key not in keys]
            if rows and record.whole is not None:
                record.whole.write(self.transaction, rows)
            if keys:
                record.refresh(self.transaction, sorted(keys))


def write_ranks(order: Sequence[Aggregate]) -> dict[str, int]:
    """Each aggregate's place in `order`, by kind: a flush writes their rows in that order."""
    return {aggregate.kind: index for index, aggregate in enumerate(order)}


def _parts_of(aggregate: Aggregate, row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each part table, from the row of the statement that read them all as JSON."""
    return {table.name: rows_of(row[f"part{index}"], readers_of(table) or ())
            for index, (table, _) in enumerate(aggregate.part_queries)}


def _own(entity: Entity, row: dict[str, Any]) -> dict[str, Any]:
    names = set(entity.plain) | {c for composite in entity.composites for c in composite.columns}
    return {name: value for name, value in row.items() if name in names}


def _by_key(aggregate: Aggregate, key: tuple[Any, ...]) -> tuple[Callable[[], Any], dict[str, Any]]:
    """How to select the root row of this key (its key columns as the parameters k_<column>), and their values."""
    table = aggregate.root.table
    columns = [table.c[name] for name in aggregate.root.key]
    return (lambda: select(table).where(*(column == bindparam(f"k_{column.name}") for column in columns)),
            {f"k_{column.name}": value for column, value in zip(columns, key, strict=True)})


def _select_in(table: Table, column: str, count: int, order_by: tuple[str, ...] = ()) -> ClauseElement:
    """The rows whose `column` is one of `count` parameters named n0, n1, ..."""
    return select(table).where(table.c[column].in_([bindparam(f"n{i}") for i in range(count)])).order_by(
        *(table.c[name] for name in order_by))
