"""The quotation aggregate: an offer to a customer, sent, accepted, revised and converted into a sales order.

draft -> sent -> accepted -> converted; draft/sent -> rejected | expired | cancelled;
sent/rejected/expired -> superseded by a revision (a new draft numbered Q-000001-R2, ...).
A quotation can be sent or accepted only while valid (today <= valid_until); the daily job expires the rest.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from attrs import define

from oms.domain.sales.events import QuotationRevised
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import DocumentLine, LineValues, PricedDocument
from oms.domain.shared.errors import ContradictoryValues, InvalidValue, refuse
from oms.domain.shared.events import DocumentCreated
from oms.domain.shared.lifecycle import Transition, change_status
from oms.domain.shared.money import Currency

DOCUMENT_TYPE = "quotation"


class QuotationStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    CONVERTED = "converted"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"


_S = QuotationStatus
OPEN = frozenset({_S.DRAFT, _S.SENT})
TRANSITIONS: dict[QuotationStatus, Transition[QuotationStatus]] = {
    _S.SENT: Transition(sources=frozenset({_S.DRAFT}), rule="QuotationMustBeDraft"),
    _S.ACCEPTED: Transition(sources=frozenset({_S.SENT}), rule="QuotationMustBeSent"),
    _S.CONVERTED: Transition(sources=frozenset({_S.ACCEPTED}), rule="QuotationMustBeAccepted"),
    _S.REJECTED: Transition(sources=OPEN, rule="QuotationMustBeOpen"),
    _S.EXPIRED: Transition(sources=OPEN, rule="QuotationMustBeOpen"),
    _S.CANCELLED: Transition(sources=OPEN, rule="QuotationMustBeOpen"),
    _S.SUPERSEDED: Transition(sources=frozenset({_S.SENT, _S.REJECTED, _S.EXPIRED}),
                              rule="QuotationMustBeRevisable"),
}


class QuotationLine(DocumentLine):
    """A line of a quotation."""


@define(slots=False, eq=False, kw_only=True)
class Quotation(PricedDocument[QuotationLine]):
    customer_id: str
    valid_until: date
    notes: str = ""
    status: QuotationStatus = QuotationStatus.DRAFT
    revision: int = 1
    revision_of: str | None = None
    superseded_by: str | None = None
    sales_order_id: str | None = None

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        if self.valid_until < self.created_at.date():
            raise InvalidValue("valid_until", "must not be before the quotation's date")
        self.reprice()
        if self.version == 0:
            self.events.append(DocumentCreated(aggregate_id=self.id, occurred_at=self.created_at,
                                               document_type=DOCUMENT_TYPE, number=self.number))

    def _new_line(self, values: LineValues) -> QuotationLine:
        return QuotationLine.of(values)

    def _must_be_draft(self) -> None:
        if self.status is not QuotationStatus.DRAFT:
            raise refuse("QuotationMustBeDraft", f"{self.number} is {self.status}; only a draft can be edited")

    def set_terms(self, *, order_discount: Discount | None = None, clear_order_discount: bool = False,
                  valid_until: date | None = None, notes: str | None = None) -> None:
        self._must_be_draft()
        if order_discount is not None and clear_order_discount:
            raise ContradictoryValues(("order_discount", "clear_order_discount"),
                                      "give an order_discount or clear it, not both")
        if valid_until is not None and valid_until < self.created_at.date():
            raise InvalidValue("valid_until", "must not be before the quotation's date")
        if order_discount is not None or clear_order_discount:
            self.set_order_discount(order_discount)
        if valid_until is not None:
            self.valid_until = valid_until
        if notes is not None:
            self.notes = notes

    def _change(self, target: QuotationStatus, at: datetime, actor: str, reason: str = "") -> None:
        change_status(self, target, TRANSITIONS, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def _must_be_valid_on(self, today: date) -> None:
        if today > self.valid_until:
            raise refuse("QuotationMustBeValid", f"{self.number} was valid until {self.valid_until}")

    def send(self, at: datetime, actor: str) -> None:
        if self.status is QuotationStatus.DRAFT:
            if not self.lines:
                raise refuse("QuotationMustHaveLines", f"{self.number} has no lines to send")
            self._must_be_valid_on(at.date())
        self._change(QuotationStatus.SENT, at, actor)

    def accept(self, at: datetime, actor: str) -> None:
        if self.status is QuotationStatus.SENT:
            self._must_be_valid_on(at.date())
        self._change(QuotationStatus.ACCEPTED, at, actor)

    def reject(self, at: datetime, actor: str, reason: str = "") -> None:
        self._change(QuotationStatus.REJECTED, at, actor, reason)

    def cancel(self, at: datetime, actor: str, reason: str = "") -> None:
        self._change(QuotationStatus.CANCELLED, at, actor, reason)

    def is_expired_on(self, today: date) -> bool:
        return self.status in OPEN and today > self.valid_until

    def expire(self, at: datetime, actor: str) -> None:
        if self.status in OPEN and not self.is_expired_on(at.date()):
            raise refuse("QuotationMustBePastValidity", f"{self.number} is valid until {self.valid_until}")
        self._change(QuotationStatus.EXPIRED, at, actor, f"valid until {self.valid_until}")

    def revise(self, *, revision_id: str, valid_until: date, at: datetime, actor: str) -> Quotation:
        """Copy into a new draft revision (same lines, prices and terms) and supersede this one."""
        base = self.number.split("-R")[0]
        revision = Quotation(
            id=revision_id, number=f"{base}-R{self.revision + 1}", customer_id=self.customer_id,
            branch_id=self.branch_id, currency=self.currency, valid_until=valid_until, created_at=at,
            tax_exempt=self.tax_exempt, prices_include_tax=self.prices_include_tax,
            tax_rounding=self.tax_rounding, order_discount=self.order_discount, notes=self.notes,
            revision=self.revision + 1, revision_of=self.id,
            lines=[QuotationLine.of(line.copied()) for line in self.lines],
        )
        self._change(QuotationStatus.SUPERSEDED, at, actor, f"revised as {revision.number}")
        self.superseded_by = revision.id
        self.events.append(QuotationRevised(aggregate_id=self.id, occurred_at=at, number=self.number,
                                            new_quotation_id=revision.id, new_number=revision.number))
        return revision

    def mark_converted(self, sales_order_id: str, at: datetime, actor: str) -> None:
        self._change(QuotationStatus.CONVERTED, at, actor, f"converted into sales order {sales_order_id}")
        self.sales_order_id = sales_order_id
