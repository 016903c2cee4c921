"""What reads of production answer: a BOM as a tree, a work order with its components, reservations, outputs and
costs, a service order with its hours and what is to invoice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import StatusChangeView
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
