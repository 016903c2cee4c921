"""Quotation use cases: create and edit, send, accept, reject, cancel, revise, convert, expire."""

from __future__ import annotations

from datetime import date, timedelta
from operator import attrgetter
from typing import ClassVar

from attrs import frozen

from oms.application.sales.documents import (
    AddLine,
    CreateSalesDocument,
    LineEditing,
    RemoveLine,
    UpdateLine,
    new_document,
)
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find, next_number
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.ids import DocumentType, new_id
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

DEFAULT_VALIDITY = timedelta(days=30)
KIND = "quotation"


@frozen(kw_only=True)
class CreateQuotation(CreateSalesDocument):
    """A draft quotation; valid for 30 days unless `valid_until` says otherwise. Returns its id."""

    numbered: ClassVar[tuple[DocumentType, ...]] = (DocumentType.QUOTATION,)
    valid_until: date | None = None
    notes: str = ""


@frozen(kw_only=True)
class AddQuotationLine(AddLine):
    """Returns the new line's id. `quotation_id` takes the id or the number, as every quotation command does."""

    quotation_id: DocumentRef


@frozen(kw_only=True)
class UpdateQuotationLine(UpdateLine):
    quotation_id: DocumentRef


@frozen(kw_only=True)
class RemoveQuotationLine(RemoveLine):
    quotation_id: DocumentRef


@frozen(kw_only=True)
class SetQuotationTerms(Command[None]):
    """Change a draft's order discount (or clear it), validity or notes."""

    quotation_id: DocumentRef
    order_discount: Discount | None = None
    clear_order_discount: bool = False
    valid_until: date | None = None
    notes: str | None = None


@frozen(kw_only=True)
class SendQuotation(Command[None]):
    quotation_id: DocumentRef


@frozen(kw_only=True)
class AcceptQuotation(Command[None]):
    quotation_id: DocumentRef


@frozen(kw_only=True)
class RejectQuotation(Command[None]):
    quotation_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class CancelQuotation(Command[None]):
    quotation_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class ReviseQuotation(Command[str]):
    """Supersede the quotation with a new draft revision; returns the revision's id."""

    quotation_id: DocumentRef
    valid_until: date | None = None


@frozen(kw_only=True)
class ConvertQuotation(Command[str]):
    """Turn an accepted quotation into a draft sales order with the same lines and prices; returns its id."""

    quotation_id: DocumentRef
    allow_backorder: bool = False
    customer_reference: str = ""


@frozen(kw_only=True)
class ExpireQuotations(Command[list[str]]):
    """The daily job: expire every open quotation past its validity; returns the numbers expired."""


def quotation_by_ref(uow: SalesUnitOfWork, ref: DocumentRef) -> Quotation:
    return find(uow.sales.quotations, ref, KIND)


def create_quotation(cmd: CreateQuotation, uow: SalesUnitOfWork, clock: Clock) -> str:
    now = clock.now()
    quotation = new_document(uow, cmd, DocumentType.QUOTATION, now, Quotation,
                             valid_until=cmd.valid_until or (now + DEFAULT_VALIDITY).date(), notes=cmd.notes)
    uow.sales.quotations.add(quotation)
    return quotation.id


def set_quotation_terms(cmd: SetQuotationTerms, uow: SalesUnitOfWork, clock: Clock) -> None:
    quotation_by_ref(uow, cmd.quotation_id).set_terms(
        order_discount=cmd.order_discount, clear_order_discount=cmd.clear_order_discount,
        valid_until=cmd.valid_until, notes=cmd.notes)


def send_quotation(cmd: SendQuotation, uow: SalesUnitOfWork, clock: Clock) -> None:
    quotation_by_ref(uow, cmd.quotation_id).send(clock.now(), cmd.actor)


def accept_quotation(cmd: AcceptQuotation, uow: SalesUnitOfWork, clock: Clock) -> None:
    quotation_by_ref(uow, cmd.quotation_id).accept(clock.now(), cmd.actor)


def reject_quotation(cmd: RejectQuotation, uow: SalesUnitOfWork, clock: Clock) -> None:
    quotation_by_ref(uow, cmd.quotation_id).reject(clock.now(), cmd.actor, cmd.reason)


def cancel_quotation(cmd: CancelQuotation, uow: SalesUnitOfWork, clock: Clock) -> None:
    quotation_by_ref(uow, cmd.quotation_id).cancel(clock.now(), cmd.actor, cmd.reason)


def revise_quotation(cmd: ReviseQuotation, uow: SalesUnitOfWork, clock: Clock) -> str:
    quotation = quotation_by_ref(uow, cmd.quotation_id)
    now = clock.now()
    revision = quotation.revise(revision_id=new_id(), valid_until=cmd.valid_until or (now + DEFAULT_VALIDITY).date(),
                                at=now, actor=cmd.actor)
    uow.sales.quotations.add(revision)
    return revision.id


def convert_quotation(cmd: ConvertQuotation, uow: SalesUnitOfWork, clock: Clock) -> str:
    quotation = quotation_by_ref(uow, cmd.quotation_id)
    now = clock.now()
    order = SalesOrder.from_quotation(quotation, order_id=new_id(), number=next_number(uow, DocumentType.SALES_ORDER),
                                      at=now, allow_backorder=cmd.allow_backorder,
                                      customer_reference=cmd.customer_reference)
    quotation.mark_converted(order.id, now, cmd.actor)
    uow.sales.orders.add(order)
    return order.id


def expire_quotations(cmd: ExpireQuotations, uow: SalesUnitOfWork, clock: Clock) -> list[str]:
    now = clock.now()
    expired = []
    for quotation_id in uow.sales.quotations.open_past_validity(now.date()):
        quotation = uow.sales.quotations.get(quotation_id)
        quotation.expire(now, cmd.actor)
        expired.append(quotation.number)
    return expired


LINES: LineEditing[Quotation] = LineEditing(lambda uow: uow.sales.quotations, KIND, attrgetter("quotation_id"))

HANDLERS: Handlers = {
    CreateQuotation: create_quotation,
    **LINES.handlers(AddQuotationLine, UpdateQuotationLine, RemoveQuotationLine),
    SetQuotationTerms: set_quotation_terms,
    SendQuotation: send_quotation,
    AcceptQuotation: accept_quotation,
    RejectQuotation: reject_quotation,
    CancelQuotation: cancel_quotation,
    ReviseQuotation: revise_quotation,
    ConvertQuotation: convert_quotation,
    ExpireQuotations: expire_quotations,
}
