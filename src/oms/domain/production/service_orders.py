"""The service work order: work for a customer (for a service line of a sales order, or on its own), its labour
lines and what of it is to invoice.

draft -> scheduled (a technician and a slot; may be scheduled again) -> in_progress -> done; draft/scheduled/
in_progress -> cancelled while nothing of it is invoiced. Rules (peers.md W10):
- labour lines: a person, a day, hours, billable or not, approved or not; delivered hours = the approved billable
  hours (derived; deleting a line that is not invoiced lowers it: Odoo #21347 kept deleted hours delivered);
- the invoicing policy says what may be invoiced: the ordered quantity (fixed price), the delivered hours, or the
  quantities of the milestones reached;
- to invoice = that - invoiced, invoiced = posted invoice lines - posted credit-note lines (Odoo PR #268025: 20 h
  logged, 11 h credited, 5 h more -> all 25 h invoiced again; here 29 - 13 = 16);
- a labour line is linked to at most one invoice line, and is read-only once invoiced.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from attrs import define, field, frozen

from oms.domain.production.events import LabourLogged, check_order
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import UNITS, check_quantity
from oms.domain.shared.lifecycle import StatusChange, Transition, change_status
from oms.domain.shared.money import Currency

DOCUMENT_TYPE = "service_order"
MAX_HOURS_A_DAY = Decimal(24)


class ServicePolicy(enum.StrEnum):
    FIXED_PRICE = "fixed_price"
    DELIVERED_HOURS = "delivered_hours"
    MILESTONES = "milestones"


class ServiceOrderStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


_S = ServiceOrderStatus
TRANSITIONS: dict[ServiceOrderStatus, Transition[ServiceOrderStatus]] = {
    _S.SCHEDULED: Transition(sources=frozenset({_S.DRAFT, _S.SCHEDULED}), rule="ServiceOrderMustBeDraft"),
    _S.IN_PROGRESS: Transition(sources=frozenset({_S.SCHEDULED}), rule="ServiceOrderMustBeScheduled"),
    _S.DONE: Transition(sources=frozenset({_S.IN_PROGRESS}), rule="ServiceOrderMustBeInProgress"),
    _S.CANCELLED: Transition(sources=frozenset({_S.DRAFT, _S.SCHEDULED, _S.IN_PROGRESS}),
                             rule="ServiceOrderMustBeOpen"),
}


def invoiceable(policy: ServicePolicy, status: ServiceOrderStatus, quantity: Decimal, delivered: Decimal) -> Decimal:
    """What may be invoiced of an order: the ordered quantity at a fixed price (prepaid), else what was delivered;
    nothing once cancelled (an order is cancelled only while nothing of it is invoiced). The listings read it too."""
    if status is ServiceOrderStatus.CANCELLED:
        return Decimal(0)
    return quantity if policy is ServicePolicy.FIXED_PRICE else delivered


@define(slots=False, eq=False, kw_only=True)
class LabourLine:
    id: str
    person: str
    day: date
    hours: Decimal
    billable: bool = True
    approved: bool = False
    invoice_line_id: str | None = None  # the one invoice line that billed it


@define(slots=False, eq=False, kw_only=True)
class Milestone:
    id: str
    name: str
    quantity: Decimal
    reached: bool = False


@frozen(kw_only=True)
class Billing:
    """A posted invoice line (quantity positive) or credit-note line (negative) of the order."""

    document_line_id: str
    quantity: Decimal


def _hours(hours: Decimal, field_name: str = "hours") -> Decimal:
    check_quantity(hours, UNITS["hour"], field_name)
    if hours > MAX_HOURS_A_DAY:
        raise InvalidValue(field_name, f"at most {MAX_HOURS_A_DAY} hours a day")
    return hours


@define(slots=False, eq=False, kw_only=True)
class ServiceOrder:
    """`quantity` and `unit_price`: what was sold (hours and the hourly rate, or 1 at the fixed price)."""

    id: str
    number: str
    product_id: str
    sku: str
    policy: ServicePolicy
    quantity: Decimal
    unit_price: Decimal
    currency: str
    created_at: datetime
    customer_id: str | None = None
    sales_order_id: str | None = None
    sales_line_id: str | None = None
    status: ServiceOrderStatus = ServiceOrderStatus.DRAFT
    technician: str = ""
    slot_start: datetime | None = None
    slot_end: datetime | None = None
    labour: list[LabourLine] = field(factory=list)
    milestones: list[Milestone] = field(factory=list)
    billings: list[Billing] = field(factory=list)
    history: list[StatusChange] = field(factory=list)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_order(self, DOCUMENT_TYPE)

    # -- what is delivered and what is to invoice (derived) ----------------------------------------------
    @property
    def delivered(self) -> Decimal:
        """Approved billable hours, or the quantities of the milestones reached, or the fixed quantity once done."""
        if self.policy is ServicePolicy.MILESTONES:
            return sum((m.quantity for m in self.milestones if m.reached), Decimal(0))
        if self.policy is ServicePolicy.FIXED_PRICE:
            return self.quantity if self.status is _S.DONE else Decimal(0)
        return sum((line.hours for line in self.labour if line.billable and line.approved), Decimal(0))

    @property
    def invoiceable(self) -> Decimal:
        return invoiceable(self.policy, self.status, self.quantity, self.delivered)

    @property
    def invoiced(self) -> Decimal:
        """Posted invoice lines less posted credit-note lines."""
        return sum((billing.quantity for billing in self.billings), Decimal(0))

    @property
    def to_invoice(self) -> Decimal:
        return max(self.invoiceable - self.invoiced, Decimal(0))

    def amount(self, quantity: Decimal) -> Decimal:
        return Currency.of(self.currency).round(quantity * self.unit_price)

    # -- lifecycle ---------------------------------------------------------------------------------------
    def _change(self, target: ServiceOrderStatus, at: datetime, actor: str, reason: str = "") -> None:
        change_status(self, target, TRANSITIONS, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def schedule(self, technician: str, start: datetime, end: datetime, at: datetime, actor: str) -> None:
        if not technician.strip():
            raise InvalidValue("technician", "a service order is scheduled with a technician")
        if end <= start:
            raise InvalidValue("slot_end", "the slot must end after it starts")
        self._change(_S.SCHEDULED, at, actor, f"{technician.strip()} {start.isoformat()} - {end.isoformat()}")
        self.technician, self.slot_start, self.slot_end = technician.strip(), start, end

    def start(self, at: datetime, actor: str) -> None:
        self._change(_S.IN_PROGRESS, at, actor)

    def finish(self, at: datetime, actor: str) -> None:
        self._change(_S.DONE, at, actor)

    def cancel(self, at: datetime, actor: str, reason: str = "") -> None:
        if self.billings:
            raise refuse("ServiceOrderIsInvoiced", f"{self.number} was invoiced; credit it instead")
        self._change(_S.CANCELLED, at, actor, reason)

    # -- labour ------------------------------------------------------------------------------------------
    def line(self, line_id: str) -> LabourLine:
        for line in self.labour:
            if line.id == line_id:
                return line
        raise NotFound("labour line", line_id, "line_id")

    def log_labour(self, *, person: str, day: date, hours: Decimal, billable: bool, at: datetime,
                   actor: str, approved: bool = False) -> LabourLine:
        if self.status is _S.CANCELLED:
            raise refuse("ServiceOrderMustBeOpen", f"{self.number} is cancelled")
        if not person.strip():
            raise InvalidValue("person", "say who worked")
        line = LabourLine(id=new_id(), person=person.strip(), day=day, hours=_hours(hours), billable=billable,
                          approved=approved)
        self.labour.append(line)
        self.events.append(LabourLogged(aggregate_id=self.id, occurred_at=at, number=self.number, line_id=line.id,
                                        person=line.person, hours=line.hours, billable=billable, actor=actor))
        return line

    def _editable(self, line_id: str) -> LabourLine:
        line = self.line(line_id)
        if line.invoice_line_id is not None:
            raise refuse("InvoicedLabourIsReadOnly", f"{self.number}: the {line.hours} h of {line.person} on "
                         f"{line.day} are invoiced")
        return line

    def approve_labour(self, line_id: str) -> None:
        self._editable(line_id).approved = True

    def update_labour(self, line_id: str, *, hours: Decimal | None = None, billable: bool | None = None) -> None:
        line = self._editable(line_id)
        if hours is not None:
            line.hours = _hours(hours)
        if billable is not None:
            line.billable = billable

    def remove_labour(self, line_id: str) -> None:
        self.labour.remove(self._editable(line_id))

    # -- milestones --------------------------------------------------------------------------------------
    def add_milestone(self, name: str, quantity: Decimal) -> Milestone:
        if self.policy is not ServicePolicy.MILESTONES:
            raise refuse("ServiceOrderMustBeByMilestones", f"{self.number} is invoiced by {self.policy}")
        if not name.strip() or quantity <= 0:
            raise InvalidValue("milestone", "a milestone needs a name and a quantity greater than zero")
        milestone = Milestone(id=new_id(), name=name.strip(), quantity=quantity)
        self.milestones.append(milestone)
        return milestone

    def reach_milestone(self, milestone_id: str) -> None:
        milestone = next((m for m in self.milestones if m.id == milestone_id), None)
        if milestone is None:
            raise NotFound("milestone", milestone_id, "milestone_id")
        milestone.reached = True

    # -- invoicing (what posted invoices and credit notes did; invoicing's process tells) -----------------
    def record_invoiced(self, invoice_line_id: str, quantity: Decimal) -> list[LabourLine]:
        """A posted invoice line billed `quantity` of the order: never more than is to invoice; the labour lines
        not yet invoiced are linked to it (and become read-only). Returns them."""
        if quantity <= 0 or quantity > self.to_invoice:
            raise refuse("CannotInvoiceMoreThanDelivered",
                         f"{self.number}: {quantity} asked, {self.to_invoice} to invoice ({self.invoiceable} "
                         f"invoiceable, {self.invoiced} invoiced)")
        self.billings.append(Billing(document_line_id=invoice_line_id, quantity=quantity))
        linked = [line for line in self.labour if line.invoice_line_id is None and line.billable and line.approved]
        for line in linked:
            line.invoice_line_id = invoice_line_id
        return linked

    def record_credited(self, credit_line_id: str, quantity: Decimal) -> None:
        """A posted credit-note line gave back `quantity`: never more than is invoiced. The labour lines stay
        linked to their invoice line; the credited quantity is to invoice again."""
        if quantity <= 0 or quantity > self.invoiced:
            raise refuse("CannotCreditMoreThanInvoiced", f"{self.number}: {quantity} asked, {self.invoiced} invoiced")
        self.billings.append(Billing(document_line_id=credit_line_id, quantity=-quantity))

