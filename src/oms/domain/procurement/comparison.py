"""The comparison of offers per RFQ line: every offer in one currency per stock unit, the cheapest and the fastest.

An offer's unit price in the comparison currency is price x rate / unit factor (P2: per stock unit, at one stated
rate per currency: the rate of the comparison's day, never each quote's own currency), half up to 6 decimals. Among
the offers that count (not expired on the day; expired ones are left out, or shown unmarked when asked for), the
cheapest are those of the lowest converted unit price and the fastest those of the shortest lead time, ties all
marked (P3). An offer of fewer units than requested is flagged partial; a supplier that answered without quoting
the line is listed as missing it (P4). Nothing here reads a clock or a store: the caller gives the day and rates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import evolve, frozen

from oms.domain.masterdata.exchange_rates import RateSource
from oms.domain.procurement.quotations import per_stock_unit
from oms.domain.procurement.rfqs import Rfq, RfqLine
from oms.domain.shared.money import Currency


@frozen(kw_only=True)
class Offer:
    """One supplier's offer for one RFQ line, as quoted (price per its unit of purchase, in its currency)."""

    supplier_id: str
    quotation_id: str
    quotation_line_id: str
    currency: str
    price: Decimal
    quantity: Decimal
    min_quantity: Decimal
    lead_time_days: int
    valid_until: date
    purchase_unit: str = ""
    unit_factor: Decimal = Decimal(1)
    awarded: Decimal = Decimal(0)


@frozen(kw_only=True)
class ComparedOffer:
    offer: Offer
    rate: Decimal  # 1 offer currency = rate comparison currency
    unit_price: Decimal  # per stock unit, in the offer's currency
    converted_unit_price: Decimal  # per stock unit, in the comparison's currency
    quantity: Decimal  # in stock units
    min_quantity: Decimal  # in stock units
    expired: bool
    partial: bool
    cheapest: bool
    fastest: bool


@frozen(kw_only=True)
class LineComparison:
    quantity: Decimal
    offers: tuple[ComparedOffer, ...]


def compare_offers(quantity: Decimal, offers: Sequence[Offer], *, currency: str, day: date, rates: RateSource,
                   include_expired: bool = False) -> LineComparison:
    """The offers for one line of `quantity` stock units, compared in `currency` on `day`, cheapest first."""
    target = Currency.of(currency, "currency")
    compared = []
    for offer in offers:
        expired = day > offer.valid_until
        if expired and not include_expired:
            continue
        rate = rates(offer.currency, target.code, day)
        stock_quantity = offer.quantity * offer.unit_factor
        compared.append(ComparedOffer(
            offer=offer, rate=rate, unit_price=per_stock_unit(offer.price / offer.unit_factor),
            converted_unit_price=per_stock_unit(offer.price * rate / offer.unit_factor), quantity=stock_quantity,
            min_quantity=offer.min_quantity * offer.unit_factor, expired=expired, partial=stock_quantity < quantity,
            cheapest=False, fastest=False))
    counted = [c for c in compared if not c.expired]
    lowest = min((c.converted_unit_price for c in counted), default=None)
    shortest = min((c.offer.lead_time_days for c in counted), default=None)
    marked = (evolve(c, cheapest=not c.expired and c.converted_unit_price == lowest,
                     fastest=not c.expired and c.offer.lead_time_days == shortest) for c in compared)
    result = tuple(sorted(marked, key=lambda c: (c.expired, c.converted_unit_price, c.offer.lead_time_days,
                                                 c.offer.supplier_id)))
    return LineComparison(quantity=quantity, offers=result)


@frozen(kw_only=True)
class RfqLineComparison:
    line: RfqLine
    awarded: Decimal
    offers: tuple[ComparedOffer, ...]
    missing: tuple[str, ...]  # suppliers that answered without quoting the line


@frozen(kw_only=True)
class Comparison:
    rfq: Rfq
    currency: str
    day: date
    include_expired: bool
    rates: tuple[tuple[str, Decimal], ...]  # (currency, its one rate to the comparison's currency)
    lines: tuple[RfqLineComparison, ...]


def offers_of(rfq: Rfq, line: RfqLine) -> list[Offer]:
    return [Offer(supplier_id=quotation.supplier_id, quotation_id=quotation.id, quotation_line_id=offer.id,
                  currency=quotation.currency, price=offer.price, quantity=offer.quantity,
                  min_quantity=offer.min_quantity, lead_time_days=offer.lead_time_days,
                  valid_until=offer.valid_until, purchase_unit=offer.purchase_unit, unit_factor=offer.unit_factor,
                  awarded=rfq.awarded_from(offer.id))
            for quotation in rfq.quotations if (offer := quotation.line_for(line.id)) is not None]


def compare(rfq: Rfq, *, day: date, rates: RateSource, currency: str | None = None,
            include_expired: bool = False) -> Comparison:
    """Every line of the RFQ compared in `currency` (the RFQ's, its branch's, unless given) on `day`."""
    target = currency or rfq.currency
    lines = []
    for line in rfq.lines:
        compared = compare_offers(line.quantity, offers_of(rfq, line), currency=target, day=day, rates=rates,
                                  include_expired=include_expired)
        missing = tuple(q.supplier_id for q in rfq.quotations if q.line_for(line.id) is None)
        lines.append(RfqLineComparison(line=line, awarded=rfq.awarded(line.id), offers=compared.offers,
                                       missing=missing))
    used = sorted({(c.offer.currency, c.rate) for line in lines for c in line.offers})
    return Comparison(rfq=rfq, currency=target, day=day, include_expired=include_expired, rates=tuple(used),
                      lines=tuple(lines))
