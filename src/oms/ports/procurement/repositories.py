"""Purchase orders and the procurement settings of branches, and the unit of work the procurement use cases run in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from oms.domain.procurement.purchase_order import PurchaseOrder
from oms.domain.procurement.settings import ProcurementSettings
from oms.ports.procurement.rfqs import RfqRepository
from oms.ports.shared.documents import DocumentRepository
from oms.ports.stock.repositories import StockUnitOfWork


class PurchaseOrderRepository(DocumentRepository[PurchaseOrder], Protocol):
    """Purchase orders with their lines, receipts and returns; loading one in a changing transaction locks it (its
    receipts are checked against what is posted already)."""

    def list(self) -> Sequence[PurchaseOrder]:
        """Every purchase order, oldest first."""
        ...

    def still_open(self) -> Sequence[PurchaseOrder]:
        """The orders neither closed nor cancelled, oldest first: the only ones that may still bring stock."""
        ...


class ProcurementSettingsRepository(Protocol):
    def add(self, settings: ProcurementSettings) -> None: ...

    def find(self, branch_id: str) -> ProcurementSettings | None:
        """The branch's settings; None while it has none (no approval, no over-receipt)."""
        ...


class ProcurementDocuments(Protocol):
    @property
    def orders(self) -> PurchaseOrderRepository: ...

    @property
    def settings(self) -> ProcurementSettingsRepository: ...

    @property
    def rfqs(self) -> RfqRepository: ...


class ProcurementUnitOfWork(StockUnitOfWork, Protocol):
    """What the procurement use cases work in: master data, stock and the procurement documents."""

    @property
    def procurement(self) -> ProcurementDocuments: ...
