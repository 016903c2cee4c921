"""Quotation use cases: create and edit, send, accept, reject, cancel, revise, convert, expire."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lines import LineInput, line_draft, line_drafts
from oms.application.masterdata.lookups import parties
from oms.application.shared.commands import Command, Handlers, to_optional_price, to_optional_quantity
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.ids import DocumentType, document_number, new_id
from oms.domain.shared.tax import TaxRounding
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork

DEFAULT_VALIDITY = timedelta(days=30)


@frozen(kw_only=True)
class CreateQuotation(Command[str]):
    """A draft quotation; valid for 30 days unless `valid_until` says otherwise. Returns its id."""

    customer_code: str
    branch_code: str
    lines: tuple[LineInput, ...] = ()
    valid_until: date | None = None
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    order_discount: Discount | None = None
    notes: str = ""


@frozen(kw_only=True)
class AddQuotationLine(Command[str]):
    """Returns the new line's id. `quotation_id` takes the id or the number, as every quotation command does."""

    quotation_id: str
    line: LineInput


@frozen(kw_only=True)
class UpdateQuotationLine(Command[None]):
    quotation_id: str
    line_id: str
    quantity: Decimal | None = field(default=None, converter=to_optional_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    clear_discount: bool = False


@frozen(kw_only=True)
class RemoveQuotationLine(Command[None]):
    quotation_id: str
    line_id: str


@frozen(kw_only=True)
class SetQuotationTerms(Command[None]):
    quotation_id: str
    order_discount: Discount | None = None
    clear_order_discount: bool = False
    valid_until: date | None = None
    notes: str | None = None


@frozen(kw_only=True)
class SendQuotation(Command[None]):
    quotation_id: str


@frozen(kw_only=True)
class AcceptQuotation(Command[None]):
    quotation_id: str


@frozen(kw_only=True)
class RejectQuotation(Command[None]):
    quotation_id: str
    reason: str = ""


@frozen(kw_only=True)
class CancelQuotation(Command[None]):
    quotation_id: str
    reason: str = ""


@frozen(kw_only=True)
class ReviseQuotation(Command[str]):
    """Supersede the quotation with a new draft revision; returns the revision's id."""

    quotation_id: str
    valid_until: date | None = None


@frozen(kw_only=True)
class ConvertQuotation(Command[str]):
    """Turn an accepted quotation into a draft sales order with the same lines and prices; returns its id."""

    quotation_id: str
    allow_backorder: bool = False
    customer_reference: str = ""


@frozen(kw_only=True)
class ExpireQuotations(Command[list[str]]):
    """The daily job: expire every open quotation past its validity; returns the numbers expired."""


def quotation_by_ref(uow: UnitOfWork, ref: str) -> Quotation:
    if "-" not in ref:  # numbers read SO-000001, Q-000001-R2; oms's own ids have no hyphen
        return uow.quotations.get(ref)
    return uow.quotations.by_number(ref) or uow.quotations.get(ref)


def create_quotation(cmd: CreateQuotation, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        customer, branch = parties(uow, cmd.customer_code, cmd.branch_code)
        now = clock.now()
        number = document_number(DocumentType.QUOTATION, uow.sequences.next_value(DocumentType.QUOTATION))
        quotation = Quotation(
            id=new_id(), number=number, customer_id=customer.id, branch_id=branch.id, currency=branch.currency,
            valid_until=cmd.valid_until or (now + DEFAULT_VALIDITY).date(), created_at=now,
            tax_exempt=customer.tax_exempt, prices_include_tax=cmd.prices_include_tax,
            tax_rounding=cmd.tax_rounding, order_discount=cmd.order_discount, notes=cmd.notes,
        )
        for draft in line_drafts(uow, branch, cmd.lines):
            quotation.add_line(draft)
        uow.quotations.add(quotation)
        uow.commit()
        return quotation.id


def add_quotation_line(cmd: AddQuotationLine, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        quotation = quotation_by_ref(uow, cmd.quotation_id)
        line = quotation.add_line(line_draft(uow, uow.branches.get(quotation.branch_id), cmd.line))
        uow.commit()
        return line.id


def update_quotation_line(cmd: UpdateQuotationLine, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).update_line(
            cmd.line_id, quantity=cmd.quantity, unit_price=cmd.unit_price, discount=cmd.discount,
            clear_discount=cmd.clear_discount)
        uow.commit()


def remove_quotation_line(cmd: RemoveQuotationLine, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).remove_line(cmd.line_id)
        uow.commit()


def set_quotation_terms(cmd: SetQuotationTerms, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).set_terms(
            order_discount=cmd.order_discount, clear_order_discount=cmd.clear_order_discount,
            valid_until=cmd.valid_until, notes=cmd.notes)
        uow.commit()


def send_quotation(cmd: SendQuotation, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).send(clock.now(), cmd.actor)
        uow.commit()


def accept_quotation(cmd: AcceptQuotation, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).accept(clock.now(), cmd.actor)
        uow.commit()


def reject_quotation(cmd: RejectQuotation, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).reject(clock.now(), cmd.actor, cmd.reason)
        uow.commit()


def cancel_quotation(cmd: CancelQuotation, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        quotation_by_ref(uow, cmd.quotation_id).cancel(clock.now(), cmd.actor, cmd.reason)
        uow.commit()


def revise_quotation(cmd: ReviseQuotation, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        quotation = quotation_by_ref(uow, cmd.quotation_id)
        now = clock.now()
        revision = quotation.revise(revision_id=new_id(), valid_until=cmd.valid_until or
                                    (now + DEFAULT_VALIDITY).date(), at=now, actor=cmd.actor)
        uow.quotations.add(revision)
        uow.commit()
        return revision.id


def convert_quotation(cmd: ConvertQuotation, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        quotation = quotation_by_ref(uow, cmd.quotation_id)
        now = clock.now()
        number = document_number(DocumentType.SALES_ORDER, uow.sequences.next_value(DocumentType.SALES_ORDER))
        order = SalesOrder.from_quotation(quotation, order_id=new_id(), number=number, at=now,
                                          allow_backorder=cmd.allow_backorder,
                                          customer_reference=cmd.customer_reference)
        quotation.mark_converted(order.id, now, cmd.actor)
        uow.sales_orders.add(order)
        uow.commit()
        return order.id


def expire_quotations(cmd: ExpireQuotations, uow: UnitOfWork, clock: Clock) -> list[str]:
    with uow:
        now = clock.now()
        expired = []
        for quotation_id in uow.quotations.open_past_validity(now.date()):
            quotation = uow.quotations.get(quotation_id)
            quotation.expire(now, cmd.actor)
            expired.append(quotation.number)
        uow.commit()
        return expired


HANDLERS: Handlers = {
    CreateQuotation: create_quotation,
    AddQuotationLine: add_quotation_line,
    UpdateQuotationLine: update_quotation_line,
    RemoveQuotationLine: remove_quotation_line,
    SetQuotationTerms: set_quotation_terms,
    SendQuotation: send_quotation,
    AcceptQuotation: accept_quotation,
    RejectQuotation: reject_quotation,
    CancelQuotation: cancel_quotation,
    ReviseQuotation: revise_quotation,
    ConvertQuotation: convert_quotation,
    ExpireQuotations: expire_quotations,
}
