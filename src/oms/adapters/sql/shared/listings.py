"""SQL listings: one indexed keyset query per page, on a read-only connection (no write lock on SQLite).

Each context declares how its listings are read (`SqlListing`: the query, the columns it is ordered by, what each
filter adds to the WHERE clause, and how a row becomes the listing's row type); `SqlListings` pages any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from attrs import frozen
from sqlalchemy import ColumnElement, Engine, Numeric, Row, Select, String, bindparam, cast, func, or_, tuple_

from oms.adapters.sql.shared.engine import READ_ONLY
from oms.ports.shared.listings import Listing, ListingQuery, Page, decode_cursor, page_of

T = TypeVar("T")
Filter = Callable[[Any], ColumnElement[bool]]


def escaped(text: str) -> str:
    """The text for a LIKE pattern escaped with a backslash: the user's % and _ are taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def containing(text: str, *columns: ColumnElement[Any]) -> ColumnElement[bool]:
    """Any of the columns has the text as a part, in any case (the `search` filters)."""
    pattern = "%" + escaped(text.lower()) + "%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))


def number(value: ColumnElement[Any] | Decimal) -> ColumnElement[Decimal]:
    """A quantity column (or a value) the database can calculate with. PostgreSQL's NUMERIC is exact; SQLite keeps
    exact decimals as text (see ExactDecimal) and calculates with them as floats, exact to far less than the
    smallest quantity (1e-6) at the quantities stock holds, so comparisons leave that much room (`TOLERANCE`)."""
    if isinstance(value, Decimal):
        return cast(bindparam(None, str(value), String), Numeric)
    return cast(value, Numeric)


TOLERANCE = Decimal("0.0000005")  # half the smallest quantity: what a float's rounding can never reach


@frozen(kw_only=True)
class SqlListing:
    """How one listing is read: `query()` selects its rows, ordered by `order` (time and id, or a key); `filters`
    turn a filter's value into a condition; `row` makes the listing's row of a result row; `position` says where a
    listing row stands, for its cursor."""

    listing: Listing[Any]
    query: Callable[[], Select[Any]]
    order: tuple[ColumnElement[Any], ...]
    filters: Mapping[str, Filter]
    row: Callable[[Row[Any]], Any]
    position: Callable[[Any], Any]


class SqlListings:
    def __init__(self, engine: Engine, listings: Sequence[SqlListing]) -> None:
        self._engine = engine
        self._listings = {declared.listing.name: declared for declared in listings}

    def page(self, listing: Listing[T], query: ListingQuery) -> Page[T]:
        declared = self._listings[listing.name]
        query = query.checked(listing)
        statement = declared.query()
        for name, value in query.filters.items():
            if value is not None and value != ():
                statement = statement.where(declared.filters[name](value))
        after = decode_cursor(listing, query)
        position = tuple_(*declared.order)
        if after is not None:
            statement = statement.where(position < tuple(after) if query.newest_first else position > tuple(after))
        order = [column.desc() for column in declared.order] if query.newest_first else list(declared.order)
        with self._engine.connect() as connection:
            connection.execution_options(**{READ_ONLY: True})
            rows = connection.execute(statement.order_by(*order).limit(query.limit + 1)).all()
        return page_of(listing, [declared.row(row) for row in rows], query, declared.position)
