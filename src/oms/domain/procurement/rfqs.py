"""The request for quotation (RFQ): lines of products wanted, sent to several suppliers, their quotations, awards.

draft -> sent -> closed; draft/sent -> cancelled. Per invited supplier: pending -> answered | declined.
Rules (each has a test, see docs/rules.md):
- a draft is sent with at least one line and one supplier; quotations and declines are taken only while sent, one
  answer per supplier, each quotation line answering a line of this RFQ, at most once;
- an award (awards.py) takes offers of sent RFQs only; per RFQ line the sum awarded never exceeds the quantity
  requested, per quotation line never its quantity offered (in stock units), never less than its minimum, never an
  expired one; when every line is fully awarded the RFQ closes;
- an RFQ with an award is closed, never cancelled (its purchase orders exist).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from attrs import define, field, frozen

from oms.domain.masterdata.products import Product
from oms.domain.procurement.awards import Award, AwardLine, AwardRequest, same_lines
from oms.domain.procurement.quotations import OfferValues, SupplierQuotation
from oms.domain.procurement.rfq_events import (
    OffersAwarded,
    RfqCancelled,
    RfqClosed,
    RfqCreated,
    RfqSent,
    SupplierDeclined,
    SupplierQuotationReceived,
)
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import check_quantity
from oms.domain.shared.lifecycle import StatusChange, Transition, change_status

DOCUMENT_TYPE = "rfq"
MAX_LINES = 1000


class RfqStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class InvitationStatus(enum.StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    DECLINED = "declined"


_S = RfqStatus
TRANSITIONS: dict[RfqStatus, Transition[RfqStatus]] = {
    _S.SENT: Transition(sources=frozenset({_S.DRAFT}), rule="RfqMustBeDraft"),
    _S.CLOSED: Transition(sources=frozenset({_S.SENT}), rule="RfqMustBeSent"),
    _S.CANCELLED: Transition(sources=frozenset({_S.DRAFT, _S.SENT}), rule="RfqMustBeOpen"),
}


@frozen(kw_only=True)
class RfqLineDraft:
    product: Product
    quantity: Decimal
    wanted_date: date | None = None


@define(slots=False, eq=False, kw_only=True)
class RfqLine:
    """A product wanted: `quantity` in its stock unit (`uom`), by `wanted_date` if given."""

    id: str
    position: int
    product_id: str
    sku: str
    description: str
    uom: str
    quantity: Decimal
    wanted_date: date | None = None


@define(slots=False, eq=False, kw_only=True)
class RfqSupplier:
    """An invited supplier and where its answer stands."""

    id: str
    supplier_id: str
    status: InvitationStatus = InvitationStatus.PENDING
    reason: str = ""


@define(slots=False, eq=False, kw_only=True)
class Rfq:
    """An RFQ of a branch; `currency` is the branch's, in which its offers are compared."""

    id: str
    number: str
    branch_id: str
    currency: str
    created_at: datetime
    notes: str = ""
    status: RfqStatus = RfqStatus.DRAFT
    lines: list[RfqLine] = field(factory=list)
    suppliers: list[RfqSupplier] = field(factory=list)
    quotations: list[SupplierQuotation] = field(factory=list)
    awards: list[Award] = field(factory=list)
    history: list[StatusChange] = field(factory=list)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    @classmethod
    def new(cls, *, id: str, number: str, branch_id: str, currency: str, at: datetime, lines: Sequence[RfqLineDraft],
            supplier_ids: Sequence[str], notes: str = "") -> Rfq:
        if len(lines) > MAX_LINES:
            raise InvalidValue("lines", f"an RFQ holds at most {MAX_LINES} lines")
        rfq_lines = []
        for index, draft in enumerate(lines):
            if not draft.product.active:
                raise refuse("ProductMustBeActive", f"product {draft.product.sku} is inactive")
            check_quantity(draft.quantity, draft.product.unit, f"lines[{index}].quantity")
            rfq_lines.append(RfqLine(id=new_id(), position=index + 1, product_id=draft.product.id,
                                     sku=draft.product.sku, description=draft.product.name, uom=draft.product.uom,
                                     quantity=draft.quantity, wanted_date=draft.wanted_date))
        for index, supplier_id in enumerate(supplier_ids):
            if supplier_id in supplier_ids[:index]:
                raise InvalidValue(f"suppliers[{index}]", "is invited already")
        rfq = cls(id=id, number=number, branch_id=branch_id, currency=currency, created_at=at, notes=notes,
                  lines=rfq_lines, suppliers=[RfqSupplier(id=new_id(), supplier_id=s) for s in supplier_ids])
        rfq.events.append(RfqCreated(aggregate_id=id, occurred_at=at, number=number, branch_id=branch_id,
                                     supplier_ids=tuple(supplier_ids)))
        return rfq

    # -- lookups --------------------------------------------------------------------------------------------
    def line(self, line_id: str, field: str = "line_id") -> RfqLine:
        """The line of this id or position (`1`, `2`, as shown)."""
        for line in self.lines:
            if line_id in (line.id, str(line.position)):
                return line
        raise NotFound("RFQ line", line_id, field)

    def invitation(self, supplier_id: str, field: str = "supplier") -> RfqSupplier:
        for invitation in self.suppliers:
            if invitation.supplier_id == supplier_id:
                return invitation
        raise refuse("SupplierMustBeInvited", f"the {field} is not invited to {self.number}")

    def quotation_of(self, supplier_id: str) -> SupplierQuotation | None:
        return next((q for q in self.quotations if q.supplier_id == supplier_id), None)

    def awarded(self, rfq_line_id: str) -> Decimal:
        """What the line's awards add up to, in stock units."""
        return sum((line.quantity for award in self.awards for line in award.lines
                    if line.rfq_line_id == rfq_line_id), Decimal(0))

    def awarded_from(self, quotation_line_id: str) -> Decimal:
        return sum((line.quantity for award in self.awards for line in award.lines
                    if line.quotation_line_id == quotation_line_id), Decimal(0))

    def remaining(self, line: RfqLine) -> Decimal:
        return max(line.quantity - self.awarded(line.id), Decimal(0))

    def award_by_key(self, key: str) -> Award | None:
        return next((award for award in self.awards if award.key == key), None)

    # -- lifecycle ------------------------------------------------------------------------------------------
    def _change(self, target: RfqStatus, at: datetime, actor: str, reason: str = "") -> None:
        change_status(self, target, TRANSITIONS, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def _must_be_sent(self) -> None:
        if self.status is not RfqStatus.SENT:
            raise refuse("RfqMustBeSent", f"{self.number} is {self.status}; only a sent RFQ takes answers and awards")

    def send(self, at: datetime, actor: str) -> None:
        if self.status is RfqStatus.DRAFT and not self.lines:
            raise refuse("RfqMustHaveLines", f"{self.number} has no lines to send")
        if self.status is RfqStatus.DRAFT and not self.suppliers:
            raise refuse("RfqMustHaveSuppliers", f"{self.number} invites no supplier")
        self._change(RfqStatus.SENT, at, actor)
        self.events.append(RfqSent(aggregate_id=self.id, occurred_at=at, number=self.number, actor=actor,
                                   supplier_ids=tuple(s.supplier_id for s in self.suppliers)))

    def close(self, at: datetime, actor: str, reason: str = "") -> None:
        self._change(RfqStatus.CLOSED, at, actor, reason)
        self.events.append(RfqClosed(aggregate_id=self.id, occurred_at=at, number=self.number, actor=actor,
                                     reason=reason))

    def cancel(self, at: datetime, actor: str, reason: str = "") -> None:
        if self.awards:
            raise refuse("RfqHasAwards", f"{self.number} has awards and purchase orders: close it instead")
        self._change(RfqStatus.CANCELLED, at, actor, reason)
        self.events.append(RfqCancelled(aggregate_id=self.id, occurred_at=at, number=self.number, actor=actor,
                                        reason=reason))

    # -- answers --------------------------------------------------------------------------------------------
    def _pending(self, supplier_id: str) -> RfqSupplier:
        self._must_be_sent()
        invitation = self.invitation(supplier_id)
        if invitation.status is not InvitationStatus.PENDING:
            raise refuse("SupplierMustBePending", f"the supplier has {invitation.status} {self.number} already")
        return invitation

    def record_quotation(self, *, supplier_id: str, currency: str, offers: Sequence[OfferValues], at: datetime,
                         actor: str, reference: str = "") -> SupplierQuotation:
        """The supplier's answer: one offer per RFQ line it quotes (by line id or position), at least one."""
        invitation = self._pending(supplier_id)
        if not offers:
            raise InvalidValue("lines", "a quotation quotes at least one line (or the supplier declines)")
        resolved: list[tuple[str, OfferValues]] = []
        for index, offer in enumerate(offers):
            line = self.line(offer.rfq_line_id, f"lines[{index}].line")
            if any(line.id == seen.rfq_line_id for _, seen in resolved):
                raise InvalidValue(f"lines[{index}].line", f"line {line.position} is quoted already")
            resolved.append((new_id(), OfferValues(
                rfq_line_id=line.id, price=offer.price, quantity=offer.quantity, valid_until=offer.valid_until,
                lead_time_days=offer.lead_time_days, min_quantity=offer.min_quantity,
                purchase_unit=offer.purchase_unit, unit_factor=offer.unit_factor)))
        quotation = SupplierQuotation.new(id=new_id(), supplier_id=supplier_id, currency=currency, received_at=at,
                                          actor=actor, reference=reference, offers=resolved)
        self.quotations.append(quotation)
        invitation.status = InvitationStatus.ANSWERED
        self.events.append(SupplierQuotationReceived(
            aggregate_id=self.id, occurred_at=at, number=self.number, supplier_id=supplier_id,
            quotation_id=quotation.id, currency=currency,
            lines=tuple((line.rfq_line_id, line.price, line.quantity) for line in quotation.lines)))
        return quotation

    def decline(self, *, supplier_id: str, at: datetime, reason: str = "") -> None:
        invitation = self._pending(supplier_id)
        invitation.status = InvitationStatus.DECLINED
        invitation.reason = reason
        self.events.append(SupplierDeclined(aggregate_id=self.id, occurred_at=at, number=self.number,
                                            supplier_id=supplier_id, reason=reason))

    # -- awards ---------------------------------------------------------------------------------------------
    def whole_quotation(self, supplier_id: str) -> list[AwardRequest]:
        """An award of every line of the supplier's quotation, each at what it offers up to what is left to
        award of its RFQ line (lines with nothing left are skipped)."""
        quotation = self.quotation_of(supplier_id)
        if quotation is None:
            raise refuse("SupplierMustHaveQuoted", f"the supplier has no quotation on {self.number}")
        requests = []
        for offer in quotation.lines:
            left = min(offer.stock_quantity - self.awarded_from(offer.id), self.remaining(self.line(offer.rfq_line_id)))
            if left > 0:
                requests.append(AwardRequest(rfq_line_id=offer.rfq_line_id, supplier_id=supplier_id, quantity=left))
        return requests

    def award(self, *, key: str, requests: Sequence[AwardRequest], award_id: str, at: datetime,
              actor: str) -> tuple[Award, bool]:
        """Award the requests as one award of `key`; (the award, whether it is new). The same key with the same
        lines gives the award made already (whatever the RFQ's status now); with other lines it is refused."""
        existing = self.award_by_key(key)
        if existing is not None:
            if not same_lines(requests, existing.lines):
                raise refuse("AwardKeyReused", f"award {key!r} of {self.number} was made with other lines")
            return existing, False
        self._must_be_sent()
        if not requests:
            raise InvalidValue("lines", "an award awards at least one line")
        lines = [self._award_line(index, request, at.date()) for index, request in enumerate(requests)]
        award = Award(id=award_id, key=key, awarded_at=at, actor=actor, lines=lines)
        self.awards.append(award)
        for line in self.lines:  # checked with the new award counted, as it will be
            if self.awarded(line.id) > line.quantity:
                self.awards.pop()
                raise refuse("AwardMustNotExceedRequested",
                             f"line {line.position} of {self.number} requests {line.quantity}; "
                             f"{self.awarded(line.id)} would be awarded")
        for quotation in self.quotations:
            for offer in quotation.lines:
                if self.awarded_from(offer.id) > offer.stock_quantity:
                    self.awards.pop()
                    raise refuse("OfferMustNotBeOverAwarded",
                                 f"the offer for line {self.line(offer.rfq_line_id).position} offers "
                                 f"{offer.stock_quantity}; {self.awarded_from(offer.id)} would be awarded")
        self.events.append(OffersAwarded(
            aggregate_id=self.id, occurred_at=at, number=self.number, award_id=award.id, actor=actor,
            lines=tuple((line.rfq_line_id, line.supplier_id, line.quantity) for line in lines)))
        if all(self.remaining(line) == 0 for line in self.lines):
            self.close(at, actor, "every line awarded")
        return award, True

    def _award_line(self, index: int, request: AwardRequest, today: date) -> AwardLine:
        field = f"lines[{index}]"
        line = self.line(request.rfq_line_id, f"{field}.line")
        quotation = self.quotation_of(request.supplier_id)
        offer = None if quotation is None else quotation.line_for(line.id)
        if quotation is None or offer is None:
            raise refuse("OfferMustExist", f"the supplier of {field} quoted no price for line {line.position}")
        if request.quantity <= 0:
            raise InvalidValue(f"{field}.quantity", "must be greater than zero")
        if offer.expired_on(today):
            raise refuse("OfferMustBeValid", f"the offer for line {line.position} was valid until "
                                             f"{offer.valid_until}")
        if request.quantity < offer.stock_min_quantity:
            raise refuse("AwardBelowMinimumQuantity", f"the offer for line {line.position} is for at least "
                                                      f"{offer.stock_min_quantity}, not {request.quantity}")
        return AwardLine(id=new_id(), position=index + 1, rfq_line_id=line.id, supplier_id=request.supplier_id,
                         quotation_id=quotation.id, quotation_line_id=offer.id, quantity=request.quantity,
                         unit_price=offer.stock_unit_price, currency=quotation.currency)
