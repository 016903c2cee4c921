"""The SQL repository of the stock holds of carts: each owner's rows, and the sum of what others hold unexpired."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, select

from oms.adapters.sql.shared.mapping import Aggregate, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.stock.tables import stock_holds
from oms.domain.stock.holds import StockHold

STOCK_HOLD = Aggregate("stock_hold", Entity(StockHold, stock_holds, key=("owner_id", "product_id")), lock=True)
AGGREGATES = (STOCK_HOLD,)


class SqlStockHoldRepository(SqlRepository[StockHold]):
    aggregate = STOCK_HOLD

    def of_owner(self, owner_id: str) -> Sequence[StockHold]:
        return self._select("of_owner", lambda table: select(table).where(
            table.c.owner_id == bindparam("owner_id")).order_by(table.c.product_id), owner_id=owner_id)

    def held_by_others(self, branch_id: str, product_ids: Collection[str], owner_id: str | None,
                       at: datetime) -> dict[str, Decimal]:
        products = sorted(set(product_ids))
        if not products:
            return {}
        transaction = self._session.transaction
        c = stock_holds.c
        names = [f"p{i}" for i in range(len(products))]
        statement = transaction.compiler.get(("stock_holds", "held_by_others", len(products)), lambda: select(
            c.product_id, func.sum(c.quantity).label("held")).where(
            c.branch_id == bindparam("branch_id"), c.product_id.in_([bindparam(n) for n in names]),
            c.until > bindparam("at", type_=c.until.type), c.owner_id != bindparam("owner_id"))
            .group_by(c.product_id))
        rows = transaction.run(statement, {"branch_id": branch_id, "at": at, "owner_id": owner_id or "",
                                           **dict(zip(names, products, strict=True))})
        return {row["product_id"]: Decimal(row["held"]) for row in rows}

    def remove(self, hold: StockHold) -> None:
        self._session.remove(self.aggregate, hold)
