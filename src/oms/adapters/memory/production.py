"""In-memory repositories of bills of materials, production work orders and service orders."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.production.boms import BillOfMaterials
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.production.work_orders import WorkOrder


class InMemoryBomRepository(InMemoryRepository[BillOfMaterials]):
    kind = "bom"

    @staticmethod
    def natural_key(bom: BillOfMaterials) -> str:
        return f"{bom.product_id}#{bom.revision}"

    def revisions(self, product_id: str) -> Sequence[BillOfMaterials]:
        return sorted((bom for bom in self.list() if bom.product_id == product_id), key=lambda bom: bom.revision)

    def active(self, product_id: str) -> BillOfMaterials | None:
        return next((bom for bom in self.revisions(product_id) if bom.active), None)


class InMemoryWorkOrderRepository(InMemoryRepository[WorkOrder]):
    kind = "work_order"

    @staticmethod
    def natural_key(order: WorkOrder) -> str:
        return order.number

    def by_number(self, number: str) -> WorkOrder | None:
        return self._by_natural_key(number)

    def children(self, parent_id: str) -> Sequence[WorkOrder]:
        return [order for order in self.list() if order.parent_id == parent_id]

    def made_for(self, sales_order_id: str) -> Sequence[WorkOrder]:
        return [order for order in self.list() if order.sales_order_id == sales_order_id]


class InMemoryServiceOrderRepository(InMemoryRepository[ServiceOrder]):
    kind = "service_order"

    @staticmethod
    def natural_key(order: ServiceOrder) -> str:
        return order.number

    def by_number(self, number: str) -> ServiceOrder | None:
        return self._by_natural_key(number)

    def of_source_lines(self, line_ids: Collection[str]) -> Sequence[ServiceOrder]:
        wanted = set(line_ids)
        return sorted((order for order in self.list() if (order.sales_line_id or order.id) in wanted),
                      key=lambda order: order.id)


class InMemoryProductionDocuments:
    """The production repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.boms = InMemoryBomRepository(session)
        self.work_orders = InMemoryWorkOrderRepository(session)
        self.service_orders = InMemoryServiceOrderRepository(session)
