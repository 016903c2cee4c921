"""Stock levels, taken under lock so that no interleaving of orders can oversell; movements; number sequences.

`levels` first inserts the missing (product, warehouse) rows with ON CONFLICT DO NOTHING, then selects all of them
FOR UPDATE in (product_id, warehouse_id) order: every transaction that touches stock locks its rows in the same
order, so two orders competing for the same units run one after the other and never deadlock. On SQLite FOR UPDATE
is not needed (and not rendered): BEGIN IMMEDIATE already holds the database's write lock. The version column of
stock_levels stays as a second guard.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Insert, Table, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from oms.adapters.sql.tables import sequences, stock_levels, stock_movements
from oms.domain.shared.ids import DocumentType
from oms.domain.stock.levels import StockLevel, StockMovement


def insert_missing(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: rows that exist already (or are being inserted concurrently) are kept."""
    statement: Insert
    if session.get_bind().dialect.name == "postgresql":
        statement = postgresql.insert(table).values(rows).on_conflict_do_nothing()
    elif session.get_bind().dialect.name == "sqlite":
        statement = sqlite.insert(table).values(rows).on_conflict_do_nothing()
    else:  # pragma: no cover - only the two databases above are supported
        raise NotImplementedError(session.get_bind().dialect.name)
    session.execute(statement)


class SqlStockRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def levels(self, product_ids: Sequence[str], warehouse_ids: Sequence[str]) -> list[StockLevel]:
        pairs = sorted({(p, w) for p in product_ids for w in warehouse_ids})
        if not pairs:
            return []
        insert_missing(self._session, stock_levels, [
            {"product_id": p, "warehouse_id": w, "on_hand": Decimal(0), "reserved": Decimal(0), "version": 1}
            for p, w in pairs
        ])
        c = stock_levels.c
        statement = (
            select(StockLevel).where(tuple_(c.product_id, c.warehouse_id).in_(pairs))
            .order_by(c.product_id, c.warehouse_id)
            .with_for_update()
            .execution_options(populate_existing=True)  # the locked, latest values, not what was read earlier
        )
        return list(self._session.scalars(statement).all())

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        return self.levels([product_id], [warehouse_id])[0]

    def for_product(self, product_id: str) -> Sequence[StockLevel]:
        c = stock_levels.c
        return self._session.scalars(
            select(StockLevel).where(c.product_id == product_id).order_by(c.warehouse_id)
        ).all()

    def movements(self, product_id: str | None = None, warehouse_id: str | None = None) -> Sequence[StockMovement]:
        c = stock_movements.c
        statement = select(stock_movements).order_by(c.seq)
        if product_id is not None:
            statement = statement.where(c.product_id == product_id)
        if warehouse_id is not None:
            statement = statement.where(c.warehouse_id == warehouse_id)
        return [
            StockMovement(id=row.id, product_id=row.product_id, warehouse_id=row.warehouse_id, kind=row.kind,
                          quantity=row.quantity, reference=row.reference, at=row.at, actor=row.actor,
                          reason=row.reason)
            for row in self._session.execute(statement)
        ]


def write_movements(session: Session, movements: Sequence[StockMovement]) -> None:
    """Append movements to the immutable stock_movements table."""
    if movements:
        session.execute(insert(stock_movements), [
            {"id": m.id, "product_id": m.product_id, "warehouse_id": m.warehouse_id, "kind": m.kind,
             "quantity": m.quantity, "reference": m.reference, "at": m.at, "actor": m.actor, "reason": m.reason}
            for m in movements
        ])


class SqlSequenceRepository:
    """One row per document type; UPDATE ... RETURNING increments it under a row lock held to the commit, so two
    transactions never get the same number (and a rolled back one gives its number back)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next_value(self, kind: DocumentType) -> int:
        insert_missing(self._session, sequences, [{"kind": kind.value, "value": 0}])
        value = self._session.execute(
            update(sequences).where(sequences.c.kind == kind.value)
            .values(value=sequences.c.value + 1).returning(sequences.c.value)
        ).scalar_one()
        return int(value)
