"""Bills of materials, production work orders and service orders, and the unit of work the production use cases run
in."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from oms.domain.production.boms import BillOfMaterials
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.production.work_orders import WorkOrder
from oms.ports.shared.documents import DocumentRepository
from oms.ports.stock.repositories import StockUnitOfWork


class BomRepository(Protocol):
    def add(self, bom: BillOfMaterials) -> None: ...
    def get(self, bom_id: str) -> BillOfMaterials:
        """The BOM with this id; raises NotFound."""
        ...
    def revisions(self, product_id: str) -> Sequence[BillOfMaterials]:
        """Every revision of the product's BOM, first revision first."""
        ...
    def active(self, product_id: str) -> BillOfMaterials | None:
        """The product's active revision, if it has one."""
        ...


class WorkOrderRepository(DocumentRepository[WorkOrder], Protocol):
    """Production work orders with their components, outputs and consumption lines; loading one in a changing
    transaction locks it (an output is checked against the outputs posted already)."""

    def list(self) -> Sequence[WorkOrder]:
        """Every work order, oldest first."""
        ...

    def children(self, parent_id: str) -> Sequence[WorkOrder]:
        """The work orders that make sub-assemblies for `parent_id`, oldest first."""
        ...

    def made_for(self, sales_order_id: str) -> Sequence[WorkOrder]:
        """The work orders made to order for the sales order `sales_order_id`, oldest first."""
        ...


class ServiceOrderRepository(DocumentRepository[ServiceOrder], Protocol):
    def list(self) -> Sequence[ServiceOrder]:
        """Every service order, oldest first."""
        ...

    def of_source_lines(self, line_ids: Collection[str]) -> Sequence[ServiceOrder]:
        """The service orders that invoice lines with these source lines bill, in id order: one of a sales order
        line by that line's id (`sales_line_id`), one on its own by its own id (processes/service_billing.py)."""
        ...


class ProductionDocuments(Protocol):
    @property
    def boms(self) -> BomRepository: ...

    @property
    def work_orders(self) -> WorkOrderRepository: ...

    @property
    def service_orders(self) -> ServiceOrderRepository: ...


class ProductionUnitOfWork(StockUnitOfWork, Protocol):
    """What the production use cases work in: master data, stock and the production documents."""

    @property
    def production(self) -> ProductionDocuments: ...
