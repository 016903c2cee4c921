"""SQL repositories of purchase orders and procurement settings, each from the declaration of its aggregate.

A purchase order's root row is locked when a changing transaction loads it (`lock=True`), so two receipts of one
order take turns: the second sees the first's lines and is checked against them (peers.md X3)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from oms.adapters.sql.procurement import tables as t
from oms.adapters.sql.procurement.rfq_repositories import SqlRfqRepository
from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Children, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository, status_in
from oms.adapters.sql.shared.session import Session
from oms.domain.procurement.purchase_order import STILL_OPEN, PurchaseOrder, PurchaseOrderLine
from oms.domain.procurement.receipts import GoodsReceipt, GoodsReceiptLine, SupplierReturn
from oms.domain.procurement.settings import ProcurementSettings, ProductTolerance
from oms.domain.shared.discounts import Discount


def _discount(prefix: str) -> Composite:
    return Composite(prefix, Discount, (f"{prefix}_kind", f"{prefix}_value"), nullable=True)


PURCHASE_ORDER = Aggregate(
    "purchase_order",
    Entity(PurchaseOrder, t.purchase_orders, composites=(_discount("order_discount"),),
           not_stored=frozenset({"history"}), children=(
               Children("lines", Entity(PurchaseOrderLine, t.purchase_order_lines,
                                        composites=(_discount("discount"),)), parent_column="purchase_order_id"),
               Children("receipts", Entity(GoodsReceipt, t.goods_receipts, children=(
                   Children("lines", Entity(GoodsReceiptLine, t.goods_receipt_lines),
                            parent_column="goods_receipt_id"),
               )), parent_column="purchase_order_id"),
               Children("supplier_returns", Entity(SupplierReturn, t.supplier_returns),
                        parent_column="purchase_order_id"),
           )),
    natural_key="number", audit_trail=AuditTrail(t.purchase_order_history), lock=True)

PROCUREMENT_SETTINGS = Aggregate(
    "procurement_settings",
    Entity(ProcurementSettings, t.procurement_settings, children=(
        Children("tolerances", Entity(ProductTolerance, t.receipt_tolerances), parent_column="settings_id"),)))

AGGREGATES = (PURCHASE_ORDER, PROCUREMENT_SETTINGS)


class SqlPurchaseOrderRepository(SqlRepository[PurchaseOrder]):
    aggregate = PURCHASE_ORDER

    def by_number(self, number: str) -> PurchaseOrder | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[PurchaseOrder]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def still_open(self) -> Sequence[PurchaseOrder]:
        return self._select("still_open", lambda table: select(table).where(
            status_in(table, STILL_OPEN)).order_by(table.c.created_at, table.c.id))


class SqlProcurementSettingsRepository(SqlRepository[ProcurementSettings]):
    aggregate = PROCUREMENT_SETTINGS

    def find(self, branch_id: str) -> ProcurementSettings | None:
        found: ProcurementSettings | None = self._session.get(self.aggregate, (branch_id,))
        return found


class SqlProcurementDocuments:
    """The procurement repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.orders = SqlPurchaseOrderRepository(session)
        self.settings = SqlProcurementSettingsRepository(session)
        self.rfqs = SqlRfqRepository(session)
