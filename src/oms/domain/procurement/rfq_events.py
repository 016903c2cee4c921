"""Events of requests for quotation: created, sent, a supplier's quotation received or its declining, offers
awarded, closed and cancelled (each status change also raises the shared `StatusChanged`)."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class RfqCreated(DomainEvent):
    number: str
    branch_id: str
    supplier_ids: tuple[str, ...]


@frozen(kw_only=True)
class RfqSent(DomainEvent):
    """The request went to its invited suppliers, each now pending."""

    number: str
    actor: str
    supplier_ids: tuple[str, ...]


@frozen(kw_only=True)
class SupplierQuotationReceived(DomainEvent):
    """A supplier answered with a quotation: `lines` are (RFQ line id, price per its unit, quantity offered)."""

    number: str
    supplier_id: str
    quotation_id: str
    currency: str
    lines: tuple[tuple[str, Decimal, Decimal], ...]


@frozen(kw_only=True)
class SupplierDeclined(DomainEvent):
    number: str
    supplier_id: str
    reason: str


@frozen(kw_only=True)
class OffersAwarded(DomainEvent):
    """An award: `lines` are (RFQ line id, supplier id, quantity in stock units)."""

    number: str
    award_id: str
    actor: str
    lines: tuple[tuple[str, str, Decimal], ...]


@frozen(kw_only=True)
class RfqClosed(DomainEvent):
    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class RfqCancelled(DomainEvent):
    number: str
    actor: str
    reason: str
