"""What reads answer, whatever asks (HTTP, CLI --json, console, Python): the parts every context's views share.

Views are attrs classes of plain values: money as Money (amount and currency), quantities as Quantity (value and
unit of measure), rates and other numbers as Decimal, times as aware UTC datetimes, and things referred to by their
codes and numbers, never by their ids alone. The entrypoints render them (JSON through one converter), so every
front door shows the same shapes: amounts with their currency's minor digits, quantities with their unit's decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypedDict

import attrs
from attrs import frozen

from oms.domain.shared.documents import PricedDocument
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.items import UnitOfMeasure, unit_of_measure
from oms.domain.shared.lifecycle import StatusChange
from oms.domain.shared.money import Currency, Money
from oms.domain.shared.pricing import LineTotals
from oms.domain.shared.tax import TaxCategory


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount, Currency.of(currency))


@frozen
class Quantity:
    """A quantity in its unit of measure, which says how many decimals it is shown with (3 pieces, 1.500 kg)."""

    value: Decimal
    unit: UnitOfMeasure


def quantity(value: Decimal, uom: str) -> Quantity:
    return Quantity(value, unit_of_measure(uom))


class LineMoney(TypedDict):
    """A priced line's money as every view of a line shows it (an order's, a quotation's, an invoice's)."""

    gross_amount: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money


def line_money(line: Any, currency: str) -> LineMoney:
    """The money a priced line stores (`LineTotals`' amounts), in `currency`: `**line_money(line, currency)` fills
    a line view's amounts."""
    amounts = LineTotals.of(line)
    return LineMoney(gross_amount=money(amounts.gross_amount, currency),
                     line_discount=money(amounts.line_discount, currency),
                     order_discount=money(amounts.order_discount, currency), net=money(amounts.net, currency),
                     tax=money(amounts.tax, currency), total=money(amounts.total, currency))


@frozen(kw_only=True)
class Totals:
    gross_amount: Money
    discount_total: Money
    net_total: Money
    tax_total: Money
    grand_total: Money


@frozen(kw_only=True)
class TaxView:
    """The tax of one category and rate: the base it is computed on and the amount."""

    category: TaxCategory
    rate: Decimal
    base: Money
    tax: Money


@frozen(kw_only=True)
class StatusChangeView:
    at: datetime
    actor: str
    from_status: str
    to_status: str
    reason: str


@frozen(kw_only=True)
class EventView:
    """A domain event: its type (DocumentCreated, StatusChanged, GoodsIssued, ...) and its own fields in `data`."""

    type: str
    aggregate_id: str
    occurred_at: datetime
    data: dict[str, Any]


@frozen(kw_only=True)
class EventList:
    items: list[EventView]


def money_of(document: PricedDocument[Any]) -> tuple[Totals, list[TaxView]]:
    """A priced document's totals and its taxes per category and rate."""
    currency = document.currency
    totals = Totals(**{name: money(getattr(document, name), currency)
                       for name in ("gross_amount", "discount_total", "net_total", "tax_total", "grand_total")})
    taxes = [TaxView(category=t.category, rate=t.rate, base=money(t.base, currency), tax=money(t.tax, currency))
             for t in document.totals().taxes]
    return totals, taxes


def history(changes: Sequence[StatusChange]) -> list[StatusChangeView]:
    return [StatusChangeView(at=c.at, actor=c.actor, from_status=c.from_status, to_status=c.to_status,
                             reason=c.reason) for c in changes]


def event(e: DomainEvent) -> EventView:
    data = {a.name: getattr(e, a.name) for a in attrs.fields(type(e)) if a.name not in ("aggregate_id", "occurred_at")}
    return EventView(type=e.name, aggregate_id=e.aggregate_id, occurred_at=e.occurred_at, data=data)
