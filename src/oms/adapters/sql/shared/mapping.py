"""How aggregates are stored: one declaration per aggregate (its class, table, key, natural key, child collections,
audit trail, ledger), which the repositories, the unit of work, the error translation and the start-up check read.

A declared class is stored column by column: an attribute is the column of the same name, a frozen value object
(a discount, an address) spreads over the columns a `Composite` names, a list of child entities is a `Children`
table whose rows point at their parent and keep the list's order (a list of frozen value objects too: a child
without an id of its own is keyed by its parent and position), the audit trail (`history`) is an append-only
table, and a `Ledger` is written only (stock movements). `check` refuses a declaration that leaves an attribute or a
column unaccounted for, so a forgotten piece fails at start-up instead of silently losing data.
"""

from __future__ import annotations

import operator
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property, partial
from typing import Any

import attrs
from attrs import field, frozen
from sqlalchemy import Select, Table, select
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.shared.shapes import shape
from oms.domain.shared.lifecycle import StatusChange

NOT_STORED = frozenset({"events"})  # what aggregates record for the outbox, never a column


@frozen
class Composite:
    """A frozen value object kept in several columns, in the order of its fields; a `nullable` one is None when
    all its columns are NULL."""

    attribute: str
    cls: type[Any]
    columns: tuple[str, ...]
    nullable: bool = False

    def columns_of(self, value: Any) -> Iterator[tuple[str, Any]]:
        if value is None:
            values: tuple[Any, ...] = (None,) * len(self.columns)
        elif hasattr(value, "__composite_values__"):
            values = value.__composite_values__()
        else:  # a value object that does not say: its fields, in order
            values = tuple(getattr(value, f.name) for f in attrs.fields(self.cls))
        return zip(self.columns, values, strict=True)

    def value_of(self, row: Mapping[str, Any]) -> Any:
        values = [row[column] for column in self.columns]
        if self.nullable and all(value is None for value in values):
            return None
        return self.cls(**dict(zip(self._fields, values, strict=True)))

    @cached_property
    def _fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in attrs.fields(self.cls))


@frozen
class Entity:
    """A class stored as rows of `table`; its other attributes are children, composites or `not_stored`. `key`:
    the columns of its primary key (a child's may be its parent column and position). A frozen (slotted) class is
    stored too: a list of value objects."""

    cls: type[Any]
    table: Table
    key: tuple[str, ...] = ("id",)
    composites: tuple[Composite, ...] = ()
    children: tuple[Children, ...] = ()
    not_stored: frozenset[str] = frozenset()
    kept_by_database: frozenset[str] = frozenset()
    """A child's columns the database keeps itself (by triggers): the mapping never writes them, and the session
    leaves them out of what it compares; refused on a root, whose row the session compares whole."""

    @cached_property
    def columns(self) -> list[str]:
        return [column.name for column in self.table.columns]

    @cached_property
    def plain(self) -> list[str]:
        """The attributes stored in the column of the same name."""
        taken = ({c.attribute for c in self.composites} | {c.attribute for c in self.children} | self.not_stored
                 | NOT_STORED)
        return [f.name for f in attrs.fields(self.cls) if f.name not in taken]

    @cached_property
    def stored(self) -> list[str]:
        """The attributes kept in the entity's own row: the plain ones and the composites."""
        return self.plain + [composite.attribute for composite in self.composites]

    @cached_property
    def slotted(self) -> bool:
        """Whether its objects have no __dict__ (attrs' frozen value objects)."""
        return "__slots__" in vars(self.cls)

    @cached_property
    def stored_values(self) -> Callable[[dict[str, Any]], tuple[Any, ...]] | None:
        """The stored attributes' values from an object's __dict__, as a tuple (the items of its lists as tuples,
        after the other values: two takes are equal when the values are); None unless every one is of an immutable
        type or a list of immutable items (so that equal values taken twice mean an unchanged row), or when objects
        have no __dict__."""
        if self.slotted:
            return None
        hints = typing.get_type_hints(self.cls)
        shapes = {name: shape(hints[name]) for name in self.stored}
        if None in shapes.values():
            return None
        fixed = [name for name, kind in shapes.items() if kind != "list"]
        listed = [name for name, kind in shapes.items() if kind == "list"]
        values = _taker(fixed)
        if not listed:
            return values
        lists = _taker(listed)  # a list appended to or changed in place takes another tuple of items
        return lambda own: (values(own), tuple(map(tuple, lists(own))))

    @cached_property
    def values_unchangeable(self) -> bool:
        """Whether every stored attribute holds a value that cannot change once made (no list): objects built from
        one row may then share their values (`copy_of`)."""
        if self.slotted:
            return False
        hints = typing.get_type_hints(self.cls)
        return all(shape(hints[name]) == "value" for name in self.stored)

    def copy_of(self, stored: Mapping[str, Any]) -> Any:
        """A new object whose stored attributes are those given (another object's, of values that cannot change:
        see `values_unchangeable`), its children lists empty and what is not stored at its default, as `build`
        makes them."""
        obj = object.__new__(self.cls)
        own = obj.__dict__
        own.update(stored)
        for name, make in self._build_plan[3]:
            own[name] = make()
        return obj

    @cached_property
    def defaults(self) -> dict[str, Any]:
        """What a loaded object starts with in the attributes that are not stored: a list factory or a value."""
        fields = attrs.fields_dict(self.cls)
        return {name: fields[name].default for name in (self.not_stored | NOT_STORED) & fields.keys()}

    def values(self, obj: Any) -> dict[str, Any]:
        """The columns of the object's own row (without the parent and position columns of a child)."""
        if self.slotted:
            row = {name: getattr(obj, name) for name in self.plain}
            for composite in self.composites:
                row.update(composite.columns_of(getattr(obj, composite.attribute)))
            return row
        own = obj.__dict__
        row = {name: own[name] for name in self.plain}
        for composite in self.composites:
            row.update(composite.columns_of(own[composite.attribute]))
        return row

    def build(self, row: Mapping[str, Any]) -> Any:
        """The object of a row, made as it was stored: no __init__, so no validation runs and no event is raised
        again; the children lists start empty and what is not stored starts as its default."""
        obj = object.__new__(self.cls)
        if self.slotted:
            return self._build_slotted(obj, row)
        own = obj.__dict__
        plain, take, composites, fresh = self._build_plan
        own.update(zip(plain, take(row), strict=True))
        for composite in composites:
            own[composite.attribute] = composite.value_of(row)
        for name, make in fresh:
            own[name] = make()
        return obj

    @cached_property
    def _build_plan(self) -> tuple[list[str], Callable[[Mapping[str, Any]], tuple[Any, ...]],
                                   tuple[Composite, ...], tuple[tuple[str, Callable[[], Any]], ...]]:
        """What `build` does for each row, worked out once: the plain attributes and how their values are taken
        from a row (in one call), the composites, and what each of the other attributes starts as (a new empty
        list for a child collection, the default's factory or its value otherwise)."""
        fresh: list[tuple[str, Callable[[], Any]]] = [(children.attribute, list) for children in self.children]
        for name, default in self.defaults.items():
            # attrs' stubs type Factory as a function, which isinstance cannot take; it is a class at run time
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                fresh.append((name, default.factory))
            else:
                fresh.append((name, partial(_same, default)))
        return self.plain, _taker(self.plain), self.composites, tuple(fresh)

    def _build_slotted(self, obj: Any, row: Mapping[str, Any]) -> Any:
        """A frozen value object of a row: its attributes set past the frozen guard, as attrs' __init__ does."""
        for name in self.plain:
            object.__setattr__(obj, name, row[name])
        for composite in self.composites:
            object.__setattr__(obj, composite.attribute, composite.value_of(row))
        for children in self.children:
            object.__setattr__(obj, children.attribute, [])
        for name, default in self.defaults.items():
            object.__setattr__(obj, name, default.factory() if isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                               else default)
        return obj


@frozen
class Children:
    """A list attribute of owned entities, stored in their table with a column pointing at the parent; the list's
    order is kept in `position` (the entity's own attribute of that name if it has one, else a hidden column)."""

    attribute: str
    entity: Entity
    parent_column: str
    position: str = "position"

    @property
    def hidden_position(self) -> bool:
        return self.position not in self.entity.plain


@frozen
class AuditTrail:
    """The `history` of a document: StatusChange entries in an append-only table, numbered from 0."""

    table: Table
    attribute: str = "history"

    @staticmethod
    def row(document_id: str, position: int, change: StatusChange) -> dict[str, Any]:
        return {"document_id": document_id, "position": position, "at": change.at, "actor": change.actor,
                "from_status": change.from_status, "to_status": change.to_status, "reason": change.reason}

    @staticmethod
    def entry(row: Mapping[str, Any]) -> StatusChange:
        return StatusChange(at=row["at"], actor=row["actor"], from_status=row["from_status"],
                            to_status=row["to_status"], reason=row["reason"])


@frozen
class Ledger:
    """Entries an aggregate records in a list attribute (stock movements), appended to a table at each flush and
    never read back through the aggregate."""

    attribute: str
    table: Table
    row: Callable[[Any], dict[str, Any]]


RowsBefore = Mapping[tuple[str, tuple[Any, ...]], Mapping[str, Any]]  # an aggregate's rows by (table, key)


@frozen
class KeptRecord:
    """A table the database keeps from the rows of several aggregates (the open items of receivables: an invoice's
    total, what reduced it and when, the day it was settled), brought up to date in the transaction that writes
    them, never by a job of its own. `touched(obj, rows_before)` names the records an aggregate's write may change
    (from its rows as they were, empty for a new one, and as it is now); `refresh(transaction, keys)` queues their
    recomputation from the tables, which runs after the aggregates' own writes.

    A record an aggregate's write determines alone (`whole`) is written as it is, without reading the tables,
    unless another aggregate of the same flush touches it too (it is refreshed then)."""

    name: str
    touched: Callable[[Any, RowsBefore], Iterable[str]]
    refresh: Callable[[Any, list[str]], None]
    whole: WholeRecord | None = None


@frozen
class WholeRecord:
    """`of(obj, rows_before)`: the record an aggregate's write determines alone, as (key, row), or None (it touches
    records as `KeptRecord.touched` says); `write(transaction, rows)` queues such rows."""

    of: Callable[[Any, RowsBefore], tuple[str, dict[str, Any]] | None]
    write: Callable[[Any, list[dict[str, Any]]], None]


@frozen
class Aggregate:
    """Everything the SQL adapter knows about one aggregate. `kind` names it in errors (NotFound, AlreadyExists);
    `natural_key` is the unique attribute it is also found by (SKU, code, number); `lock` takes the root's row lock
    when a changing transaction loads it, so commands on one document take turns instead of conflicting."""

    kind: str
    root: Entity
    natural_key: str | None = None
    audit_trail: AuditTrail | None = None
    ledger: Ledger | None = None
    lock: bool = False
    versioned: bool = True
    cached: bool = False  # kept in memory between units of work (master data: read by every command, rarely changed)
    # A query of it run again in one unit of work answers as the first time did, with what that unit of work added
    # or removed since (its rows are locked: nobody else changed them); for what every posting reads, the chart.
    repeatable: bool = False
    kept: tuple[KeptRecord, ...] = ()  # the records kept from its rows (see KeptRecord)
    parts: tuple[Children, ...] = field(init=False)

    def __attrs_post_init__(self) -> None:
        found: list[Children] = []
        todo = list(self.root.children)
        while todo:
            child = todo.pop(0)
            found.append(child)
            todo.extend(child.entity.children)
        object.__setattr__(self, "parts", tuple(found))

    @property
    def cls(self) -> type[Any]:
        return self.root.cls

    def owner_of(self, children: Children) -> Entity:
        """The entity whose list `children` is."""
        if children in self.root.children:
            return self.root
        return next(part.entity for part in self.parts if children in part.entity.children)

    @cached_property
    def part_tables(self) -> list[str]:
        """The tables of the parts, then of the audit trail."""
        return [table.name for table, _ in self.part_queries]

    @cached_property
    def part_orders(self) -> list[tuple[str, str]]:
        """The columns each part query orders its rows by (the parent's, then the position), as `part_queries`."""
        orders = [(children.parent_column, children.position) for children in self.parts]
        return orders + ([("document_id", "position")] if self.audit_trail is not None else [])

    @cached_property
    def part_queries(self) -> list[tuple[Table, Callable[[Callable[[], Any]], Select[Any]]]]:
        """For each table of the parts (and of the audit trail), how to select the rows that belong to the roots
        a query selects, given the function building that query: by the parent's id, in a subquery repeating the
        parent's own selection."""
        root = self.root.table
        ids: dict[str, Callable[[Callable[[], Any]], Any]] = {
            root.name: lambda build: build().with_only_columns(root.c.id)}
        queries: list[tuple[Table, Callable[[Callable[[], Any]], Select[Any]]]] = []
        for children in self.parts:
            table, column = children.entity.table, children.entity.table.c[children.parent_column]
            parent_ids = ids[self.owner_of(children).table.name]
            queries.append((table, partial(_children_of, table, column, children.position, parent_ids)))
            if "id" in table.c:
                ids[table.name] = partial(_child_ids, table, column, parent_ids)
        trail = self.audit_trail
        if trail is not None:
            queries.append((trail.table, partial(_children_of, trail.table, trail.table.c.document_id, "position",
                                                 ids[root.name])))
        return queries

    def key_of(self, obj: Any) -> tuple[Any, ...]:
        return tuple(obj.__dict__[name] for name in self.root.key)

    def natural_key_of(self, obj: Any) -> str | None:
        """Its natural key; None when it has none (yet: a draft invoice is numbered when posted)."""
        value = None if self.natural_key is None else obj.__dict__[self.natural_key]
        return None if value is None else str(value)


def _same(value: Any) -> Any:
    return value


def _taker(names: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """The values of `names` from a row or an object's __dict__, as a tuple (in one call of C where there are
    several)."""
    if not names:
        return lambda own: ()
    if len(names) == 1:
        name = names[0]
        return lambda own: (own[name],)
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]] = operator.itemgetter(*names)
    return getter


def _child_ids(table: Table, column: ColumnElement[Any], parent_ids: Callable[[Callable[[], Any]], Any],
               build: Callable[[], Any]) -> Any:
    return select(table.c.id).where(column.in_(parent_ids(build)))


def _children_of(table: Table, column: ColumnElement[Any], position: str,
                 parent_ids: Callable[[Callable[[], Any]], Any], build: Callable[[], Any]) -> Select[Any]:
    return select(table).where(column.in_(parent_ids(build))).order_by(column, table.c[position])


def check(aggregate: Aggregate) -> None:
    """Refuse a declaration that does not account for every attribute of its classes and every column of its
    tables (each is stored, a child collection, a composite, or declared as not stored)."""
    for special in (aggregate.audit_trail, aggregate.ledger):
        if special is not None and special.attribute not in aggregate.root.not_stored:
            raise TypeError(f"{aggregate.cls.__name__}.{special.attribute} is kept in a table of its own: "
                            "declare it as not stored in the root's row")
    if aggregate.cached and (aggregate.parts or aggregate.audit_trail or aggregate.ledger or aggregate.lock):
        raise TypeError(f"only aggregates of one row are cached: {aggregate.kind} is not")
    if aggregate.repeatable and not aggregate.lock:
        raise TypeError(f"{aggregate.kind}: only an aggregate whose rows are locked when loaded is repeatable")
    if aggregate.root.kept_by_database:
        raise TypeError(f"{aggregate.kind}: only a child's columns may be kept by the database")
    _check_entity(aggregate.root, extra_columns=set())
    for child in aggregate.parts:
        _check_entity(child.entity, extra_columns={child.parent_column, *([child.position] if child.hidden_position
                                                                          else [])})


def _check_entity(entity: Entity, *, extra_columns: set[str]) -> None:
    name = entity.cls.__name__
    attributes = {f.name for f in attrs.fields(entity.cls)}
    declared = {c.attribute for c in entity.composites} | {c.attribute for c in entity.children} | entity.not_stored
    unknown = declared - attributes
    if unknown:
        raise TypeError(f"the declaration of {name} names attributes it does not have: {sorted(unknown)}")
    columns = set(entity.columns)
    if not set(entity.key) <= columns:
        raise TypeError(f"the key {entity.key} of {name} names columns {entity.table.name} does not have")
    stored = set(entity.plain)
    missing = stored - columns
    if missing:
        raise TypeError(f"{name} has attributes without a column in {entity.table.name}: {sorted(missing)}")
    composite_columns = {column for c in entity.composites for column in c.columns}
    unmapped = columns - stored - composite_columns - extra_columns - entity.kept_by_database
    if unmapped:
        raise TypeError(f"{entity.table.name} has columns no attribute of {name} fills: {sorted(unmapped)}")
