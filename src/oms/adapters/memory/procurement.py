"""In-memory repositories of purchase orders and procurement settings."""

from __future__ import annotations

from collections.abc import Sequence

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.adapters.memory.rfqs import InMemoryRfqRepository
from oms.domain.procurement.purchase_order import STILL_OPEN, PurchaseOrder
from oms.domain.procurement.settings import ProcurementSettings


class InMemoryPurchaseOrderRepository(InMemoryRepository[PurchaseOrder]):
    kind = "purchase_order"

    @staticmethod
    def natural_key(order: PurchaseOrder) -> str:
        return order.number

    def by_number(self, number: str) -> PurchaseOrder | None:
        return self._by_natural_key(number)

    def still_open(self) -> Sequence[PurchaseOrder]:
        return [order for order in self.list() if order.status in STILL_OPEN]


class InMemoryProcurementSettingsRepository(InMemoryRepository[ProcurementSettings]):
    kind = "procurement_settings"

    def find(self, branch_id: str) -> ProcurementSettings | None:
        return self._find(branch_id)


class InMemoryProcurementDocuments:
    """The procurement repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.orders = InMemoryPurchaseOrderRepository(session)
        self.settings = InMemoryProcurementSettingsRepository(session)
        self.rfqs = InMemoryRfqRepository(session)
