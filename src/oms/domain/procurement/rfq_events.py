"""Events of requests for quotation: created, sent, a supplier's quotation received or its declining, offers
awarded, closed and cancelled (each status change also raises the shared `StatusChanged`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent

NUMBER = {"number": "The request for quotation's number."}
BY = {**NUMBER, "actor": "Who did it (a user, a token's name, or `scheduler`)."}


@frozen(kw_only=True)
class RfqCreated(DomainEvent):
    """A request for quotation was made (draft) for its invited suppliers."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "branch_id": "The id of the branch that buys.",
        "supplier_ids": "The ids of the suppliers invited to quote."}

    number: str
    branch_id: str
    supplier_ids: tuple[str, ...]


@frozen(kw_only=True)
class RfqSent(DomainEvent):
    """The request went to its invited suppliers, each now pending."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **BY, "supplier_ids": "The ids of the suppliers it went to."}

    number: str
    actor: str
    supplier_ids: tuple[str, ...]


@frozen(kw_only=True)
class SupplierQuotationReceived(DomainEvent):
    """A supplier answered with a quotation: `lines` are (RFQ line id, price per its unit, quantity offered)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "supplier_id": "The id of the supplier that answered.", "quotation_id": "The quotation's id.",
        "currency": "The quotation's currency (the supplier's), ISO 4217.",
        "lines": "Each line offered, as [RFQ line id, price per unit of purchase, quantity offered in stock units]."}

    number: str
    supplier_id: str
    quotation_id: str
    currency: str
    lines: tuple[tuple[str, Decimal, Decimal], ...]


@frozen(kw_only=True)
class SupplierDeclined(DomainEvent):
    """An invited supplier declined to quote."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "supplier_id": "The id of the supplier that declined.", "reason": "Why, as it said (may be empty)."}

    number: str
    supplier_id: str
    reason: str


@frozen(kw_only=True)
class OffersAwarded(DomainEvent):
    """An award: `lines` are (RFQ line id, supplier id, quantity in stock units)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **BY, "award_id": "The award's id (the same award asked again answers with it).",
        "lines": "Each line awarded, as [RFQ line id, supplier id, quantity in stock units]."}

    number: str
    award_id: str
    actor: str
    lines: tuple[tuple[str, str, Decimal], ...]


@frozen(kw_only=True)
class RfqClosed(DomainEvent):
    """The request for quotation was closed: every line awarded, or closed by hand."""

    field_descriptions: ClassVar[Mapping[str, str]] = {**BY, "reason": "Why it was closed (may be empty)."}

    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class RfqCancelled(DomainEvent):
    """The request for quotation was cancelled before any award."""

    field_descriptions: ClassVar[Mapping[str, str]] = {**BY, "reason": "Why it was cancelled."}

    number: str
    actor: str
    reason: str
