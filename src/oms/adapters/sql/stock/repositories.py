"""The SQL stock repository: levels locked in a fixed order so that no interleaving of orders can oversell.

`levels` selects the (product, warehouse) rows FOR UPDATE in (product_id, warehouse_id) order: every transaction
that touches stock locks its rows in the same order, so two orders competing for the same units run one after the
other and never deadlock. A row that does not exist yet is inserted first (ON CONFLICT DO NOTHING, so a concurrent
insert of the same row is harmless), only when the select missed it. On SQLite FOR UPDATE is not needed (and not
rendered): BEGIN IMMEDIATE already holds the database's write lock. The version column stays as a second guard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.mapping import Aggregate, Entity, Ledger
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.stock.tables import stock_levels, stock_movements
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.stock.repositories import StockBalance


def movement_row(movement: StockMovement) -> dict[str, Any]:
    return {"id": movement.id, "product_id": movement.product_id, "warehouse_id": movement.warehouse_id,
            "kind": movement.kind, "quantity": movement.quantity, "reference": movement.reference, "at": movement.at,
            "actor": movement.actor, "reason": movement.reason, "value": movement.value,
            "unit_cost": movement.unit_cost}


def movement_of(row: Any) -> StockMovement:
    """A movement from its row (a mapping of the columns)."""
    return StockMovement(id=row["id"], product_id=row["product_id"], warehouse_id=row["warehouse_id"],
                         kind=row["kind"], quantity=row["quantity"], reference=row["reference"], at=row["at"],
                         actor=row["actor"], reason=row["reason"], value=row["value"], unit_cost=row["unit_cost"])


STOCK_LEVEL = Aggregate("stock_level", Entity(StockLevel, stock_levels, key=("product_id", "warehouse_id"),
                                              not_stored=frozenset({"new_movements"})),
                        ledger=Ledger("new_movements", stock_movements, movement_row))
AGGREGATES = (STOCK_LEVEL,)


class SqlStockRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def levels(self, product_ids: Sequence[str], warehouse_ids: Sequence[str]) -> list[StockLevel]:
        products, warehouses = sorted(set(product_ids)), sorted(set(warehouse_ids))
        pairs = [(p, w) for p in products for w in warehouses]
        if not pairs:
            return []
        found = self._locked(products, warehouses)
        missing = [pair for pair in pairs if pair not in found]
        if missing:
            self._insert_missing(missing)
            found = self._locked(products, warehouses)
        return [found[pair] for pair in pairs]

    def _locked(self, products: list[str], warehouses: list[str]) -> dict[tuple[str, str], StockLevel]:
        """The rows of the products in the warehouses, locked, each the latest committed values unless this unit of
        work changed it already."""
        transaction = self._session.transaction
        lock = not transaction.read_only
        names_p = [f"p{i}" for i in range(len(products))]
        names_w = [f"w{i}" for i in range(len(warehouses))]
        statement = transaction.compiler.get(("stock_levels", len(products), len(warehouses), transaction.read_only),
                                             lambda: _levels_query(names_p, names_w, lock=lock))
        rows = transaction.run(statement, {**dict(zip(names_p, products, strict=True)),
                                           **dict(zip(names_w, warehouses, strict=True))})
        found: dict[tuple[str, str], StockLevel] = {}
        for row in rows:
            key = (row["product_id"], row["warehouse_id"])
            held = self._session.known(STOCK_LEVEL, key)
            if held is None:
                found[key] = self._session.load_rows(STOCK_LEVEL, [row], locked=lock)[0]
            else:
                found[key] = self._session.refresh(STOCK_LEVEL, held, row, locked=lock)
        return found

    def _insert_missing(self, pairs: list[tuple[str, str]]) -> None:
        transaction = self._session.transaction
        dialect = postgresql if transaction.is_postgres else sqlite
        statement = transaction.compiler.get(("stock_levels", "insert_missing"), lambda: dialect.insert(stock_levels)
                                             .values(product_id=bindparam("product_id"),
                                                     warehouse_id=bindparam("warehouse_id"), on_hand=bindparam("zero"),
                                                     reserved=bindparam("zero"), value=bindparam("zero"),
                                                     unit_cost=None, version=1)
                                             .on_conflict_do_nothing())
        transaction.run_many(statement, [{"product_id": p, "warehouse_id": w, "zero": Decimal(0)} for p, w in pairs])

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        return self.levels([product_id], [warehouse_id])[0]

    def for_product(self, product_id: str) -> Sequence[StockLevel]:
        levels: list[StockLevel] = self._session.load(STOCK_LEVEL, "for_product", lambda: select(stock_levels).where(
            stock_levels.c.product_id == bindparam("product_id")).order_by(stock_levels.c.warehouse_id),
            {"product_id": product_id})
        return levels

    def movements(self, product_id: str | None = None, warehouse_id: str | None = None) -> Sequence[StockMovement]:
        c = stock_movements.c
        query = select(stock_movements).order_by(c.seq)
        values = {}
        if product_id is not None:
            query, values["product_id"] = query.where(c.product_id == bindparam("product_id")), product_id
        if warehouse_id is not None:
            query, values["warehouse_id"] = query.where(c.warehouse_id == bindparam("warehouse_id")), warehouse_id
        transaction = self._session.transaction
        rows = transaction.run(transaction.compiler.get(("movements", *sorted(values)), lambda: query), values)
        return [movement_of(row) for row in rows]

    def balances(self, until: datetime | None = None, warehouse_id: str | None = None) -> Sequence[StockBalance]:
        """Summed by PostgreSQL (NUMERIC is exact); SQLite keeps decimals as text and would sum them as floats, so
        there the rows are summed here."""
        c = stock_movements.c
        transaction = self._session.transaction
        summed = transaction.is_postgres
        values: dict[str, Any] = {}
        if until is not None:
            values["until"] = until
        if warehouse_id is not None:
            values["warehouse_id"] = warehouse_id

        def query() -> Any:
            columns = (c.product_id, c.warehouse_id)
            found = (select(*columns, func.sum(c.quantity).label("quantity"), func.sum(c.value).label("value"))
                     .group_by(*columns) if summed else select(*columns, c.quantity, c.value))
            if until is not None:
                found = found.where(c.at < bindparam("until", type_=c.at.type))
            if warehouse_id is not None:
                found = found.where(c.warehouse_id == bindparam("warehouse_id"))
            return found

        rows = transaction.run(transaction.compiler.get(("balances", summed, *sorted(values)), query), values)
        sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for row in rows:
            found = sums[(row["product_id"], row["warehouse_id"])]
            found[0] += Decimal(str(row["quantity"]))
            found[1] += Decimal(str(row["value"]))
        return [StockBalance(product_id=p, warehouse_id=w, quantity=q, value=v) for (p, w), (q, v) in sums.items()]


def _levels_query(products: list[str], warehouses: list[str], *, lock: bool) -> Any:
    c = stock_levels.c
    query = (select(stock_levels)
             .where(c.product_id.in_([bindparam(name) for name in products]),
                    c.warehouse_id.in_([bindparam(name) for name in warehouses]))
             .order_by(c.product_id, c.warehouse_id))
    return query.with_for_update() if lock else query
