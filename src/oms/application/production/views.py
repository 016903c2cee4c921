"""What reads of production answer: a BOM as a tree, a work order with its components, reservations, outputs and
costs, a service order with its hours and what is to invoice; and their lists, a page at a time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import StatusChangeView
from oms.domain.production.boms import ConsumptionMode
from oms.domain.production.records import WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy
from oms.domain.shared.money import Money


@frozen(kw_only=True)
class BomNodeView:
    """A component of a BOM; a kit's or a sub-assembly's own active BOM below it (`components`)."""

    sku: str
    quantity: Decimal
    scrap_percent: Decimal
    kind: str
    components: list[BomNodeView]


@frozen(kw_only=True)
class OperationView:
    name: str
    hours: Decimal
    rate: Money


@frozen(kw_only=True)
class BomView:
    id: str
    sku: str
    revision: int
    active: bool
    output_quantity: Decimal
    consumption: str
    overhead_per_unit: Decimal
    components: list[BomNodeView]
    operations: list[OperationView]


@frozen(kw_only=True)
class ComponentView:
    """`reserved`: the open reservation (reserved less what consumption took of it); `missing`: what is still to
    consume and not reserved."""

    sku: str
    kind: str
    required: Decimal
    transferred: Decimal
    consumed: Decimal
    reserved: Decimal
    missing: Decimal


@frozen(kw_only=True)
class OutputView:
    reference: str
    quantity: Decimal
    component_value: Money
    labour_value: Money
    overhead_value: Money
    value: Money
    unit_cost: Money
    at: datetime
    actor: str


@frozen(kw_only=True)
class DeviationView:
    output_reference: str
    sku: str
    expected: Decimal
    actual: Decimal


@frozen(kw_only=True)
class WorkOrderView:
    id: str
    number: str
    status: str
    sku: str
    quantity: Decimal
    produced: Decimal
    warehouse_code: str
    overproduction_percent: Decimal
    consumption: str
    backflush: str
    fully_reserved: bool
    parent_number: str | None
    children: list[str]
    components: list[ComponentView]
    outputs: list[OutputView]
    deviations: list[DeviationView]
    history: list[StatusChangeView]


@frozen(kw_only=True)
class LabourView:
    id: str
    person: str
    day: date
    hours: Decimal
    billable: bool
    approved: bool
    invoice_line_id: str | None


@frozen(kw_only=True)
class MilestoneView:
    id: str
    name: str
    quantity: Decimal
    reached: bool


@frozen(kw_only=True)
class ServiceOrderView:
    id: str
    number: str
    status: str
    sku: str
    policy: str
    quantity: Decimal
    unit_price: Money
    technician: str
    slot_start: datetime | None
    slot_end: datetime | None
    labour: list[LabourView]
    milestones: list[MilestoneView]
    delivered: Decimal
    invoiced: Decimal
    to_invoice: Decimal
    amount_to_invoice: Money
    history: list[StatusChangeView]


@frozen(kw_only=True)
class BomSummaryView:
    """A product's bill of materials in a list: its active revision, or its latest when none is active."""

    sku: str
    name: str
    revision: int
    active: bool
    revisions: int
    output_quantity: Decimal
    consumption: ConsumptionMode
    components: int
    operations: int


@frozen(kw_only=True)
class BomList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[BomSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class BomRevisionList:
    """Every revision of a product's bill of materials, first revision first."""

    items: list[BomSummaryView]


@frozen(kw_only=True)
class WorkOrderSummaryView:
    """A work order in a list: `produced` of `quantity` made; the sales order it is made for, the order it makes a
    sub-assembly for."""

    id: str
    number: str
    status: WorkOrderStatus
    sku: str
    quantity: Decimal
    produced: Decimal
    warehouse_code: str
    sales_order_number: str | None
    parent_number: str | None
    created_at: datetime


@frozen(kw_only=True)
class WorkOrderList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[WorkOrderSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class ServiceOrderSummaryView:
    """A service order in a list: its technician and slot, what is delivered, invoiced and to invoice (hours, or
    milestone or fixed quantities, by its policy)."""

    id: str
    number: str
    status: ServiceOrderStatus
    sku: str
    policy: ServicePolicy
    quantity: Decimal
    technician: str
    slot_start: datetime | None
    slot_end: datetime | None
    customer_code: str | None
    sales_order_number: str | None
    delivered: Decimal
    invoiced: Decimal
    to_invoice: Decimal
    amount_to_invoice: Money
    created_at: datetime


@frozen(kw_only=True)
class ServiceOrderList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[ServiceOrderSummaryView]
    next_cursor: str | None = None
