"""Service order use cases: create one (on its own, or for a sales order's service line), schedule it with a
technician and a slot, start, finish or cancel it; log, approve, change and remove labour lines; milestones."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import customer_by_code, product_by_sku
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find, next_number
from oms.domain.production.service_orders import ServiceOrder, ServicePolicy
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import to_decimal
from oms.ports.production.repositories import ProductionUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "service_order"


def _quantity(value: object) -> Decimal:
    return to_decimal(value, "quantity")


def _hours(value: object) -> Decimal:
    return to_decimal(value, "hours")


def _optional_hours(value: object) -> Decimal | None:
    return None if value is None else _hours(value)


def _optional_price(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "unit_price")


@frozen(kw_only=True)
class CreateServiceOrder(Command[str]):
    """A stand-alone draft service order of service product `sku`: `quantity` hours (or 1 at a fixed price) at the
    product's price unless `unit_price` says, invoiced by `policy`, for a customer if named (one for a sales order's
    service line: `CreateServiceOrderForLine`). Returns its id."""

    sku: str
    policy: ServicePolicy = ServicePolicy.DELIVERED_HOURS
    quantity: Decimal = field(default=Decimal(1), converter=_quantity)
    unit_price: Decimal | None = field(default=None, converter=_optional_price)
    customer_code: str | None = None


@frozen(kw_only=True)
class ScheduleServiceOrder(Command[None]):
    """Give a draft (or scheduled) order a technician and a slot."""

    order_id: DocumentRef
    technician: str
    slot_start: datetime
    slot_end: datetime


@frozen(kw_only=True)
class StartServiceOrder(Command[None]):
    order_id: DocumentRef


@frozen(kw_only=True)
class FinishServiceOrder(Command[None]):
    order_id: DocumentRef


@frozen(kw_only=True)
class CancelServiceOrder(Command[None]):
    """Cancel an order nothing of which is invoiced."""

    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class LogLabour(Command[str]):
    """Log hours a person worked on a day; returns the labour line's id."""

    order_id: DocumentRef
    person: str
    day: date
    hours: Decimal = field(converter=_hours)
    billable: bool = True


@frozen(kw_only=True)
class ApproveLabour(Command[None]):
    """Approve a labour line: its hours count as delivered (if billable)."""

    order_id: DocumentRef
    line_id: str


@frozen(kw_only=True)
class UpdateLabour(Command[None]):
    """Change a labour line's hours or whether it is billable (not once invoiced)."""

    order_id: DocumentRef
    line_id: str
    hours: Decimal | None = field(default=None, converter=_optional_hours)
    billable: bool | None = None


@frozen(kw_only=True)
class RemoveLabour(Command[None]):
    """Delete a labour line that is not invoiced: what was delivered drops with it."""

    order_id: DocumentRef
    line_id: str


@frozen(kw_only=True)
class AddMilestone(Command[str]):
    """A milestone of an order invoiced by milestones: reaching it delivers `quantity`. Returns its id."""

    order_id: DocumentRef
    name: str
    quantity: Decimal = field(converter=_quantity)


@frozen(kw_only=True)
class ReachMilestone(Command[None]):
    order_id: DocumentRef
    milestone_id: str


def service_order_by_ref(uow: ProductionUnitOfWork, ref: DocumentRef) -> ServiceOrder:
    return find(uow.production.service_orders, ref, KIND)


def add_service_order(uow: ProductionUnitOfWork, *, product_id: str, sku: str, policy: ServicePolicy,
                      quantity: Decimal, unit_price: Decimal, currency: str, clock: Clock,
                      customer_id: str | None = None, sales_order_id: str | None = None,
                      sales_line_id: str | None = None) -> ServiceOrder:
    """A new numbered draft service order, kept in the unit of work."""
    order = ServiceOrder(id=new_id(), number=next_number(uow, DocumentType.WORK_ORDER), product_id=product_id,
                         sku=sku, policy=policy, quantity=quantity, unit_price=unit_price, currency=currency,
                         created_at=clock.now(), customer_id=customer_id, sales_order_id=sales_order_id,
                         sales_line_id=sales_line_id)
    uow.production.service_orders.add(order)
    return order


def create_service_order(cmd: CreateServiceOrder, uow: ProductionUnitOfWork, clock: Clock) -> str:
    product = product_by_sku(uow, cmd.sku, "sku")
    if product.kind.ships:
        raise refuse("ServiceOrderNeedsAService", f"{product.sku} is {product.kind}, not a service")
    customer = None if cmd.customer_code is None else customer_by_code(uow, cmd.customer_code, "customer_code")
    return add_service_order(uow, product_id=product.id, sku=product.sku, policy=cmd.policy, quantity=cmd.quantity,
                             unit_price=product.price if cmd.unit_price is None else cmd.unit_price,
                             currency=product.currency, clock=clock,
                             customer_id=None if customer is None else customer.id).id


def schedule_service_order(cmd: ScheduleServiceOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).schedule(cmd.technician, cmd.slot_start, cmd.slot_end, clock.now(),
                                                     cmd.actor)


def start_service_order(cmd: StartServiceOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).start(clock.now(), cmd.actor)


def finish_service_order(cmd: FinishServiceOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).finish(clock.now(), cmd.actor)


def cancel_service_order(cmd: CancelServiceOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).cancel(clock.now(), cmd.actor, cmd.reason)


def log_labour(cmd: LogLabour, uow: ProductionUnitOfWork, clock: Clock) -> str:
    order = service_order_by_ref(uow, cmd.order_id)
    return order.log_labour(person=cmd.person, day=cmd.day, hours=cmd.hours, billable=cmd.billable,
                            at=clock.now(), actor=cmd.actor).id


def approve_labour(cmd: ApproveLabour, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).approve_labour(cmd.line_id)


def update_labour(cmd: UpdateLabour, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).update_labour(cmd.line_id, hours=cmd.hours, billable=cmd.billable)


def remove_labour(cmd: RemoveLabour, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).remove_labour(cmd.line_id)


def add_milestone(cmd: AddMilestone, uow: ProductionUnitOfWork, clock: Clock) -> str:
    return service_order_by_ref(uow, cmd.order_id).add_milestone(cmd.name, cmd.quantity).id


def reach_milestone(cmd: ReachMilestone, uow: ProductionUnitOfWork, clock: Clock) -> None:
    service_order_by_ref(uow, cmd.order_id).reach_milestone(cmd.milestone_id)


HANDLERS: Handlers = {
    CreateServiceOrder: create_service_order,
    ScheduleServiceOrder: schedule_service_order,
    StartServiceOrder: start_service_order,
    FinishServiceOrder: finish_service_order,
    CancelServiceOrder: cancel_service_order,
    LogLabour: log_labour,
    ApproveLabour: approve_labour,
    UpdateLabour: update_labour,
    RemoveLabour: remove_labour,
    AddMilestone: add_milestone,
    ReachMilestone: reach_milestone,
}
