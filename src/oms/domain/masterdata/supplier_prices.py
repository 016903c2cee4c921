"""Supplier prices: what a supplier charges for a product, per unit of purchase, from a minimum quantity, when.

A price is per unit of purchase (a pack of 10, a box) in the price's currency; `unit_factor` is how many stock units
one unit of purchase holds, so the price per stock unit is price / factor (kept to 6 decimals, as unit prices). The
minimum quantity is in stock units. For a quantity Q and a day D the supplier's price is its entry valid on D (from
and to inclusive, either open) with the largest minimum quantity <= Q (quantity breaks); on a tie the latest
`valid_from`. The preferred supplier of a product is the one of its entry flagged preferred, else the one whose price
per stock unit, converted into the branch's currency at D's rate, is the lowest (ties: the shorter lead time, then
the supplier id)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from attrs import define

from oms.domain.masterdata.exchange_rates import RateSource
from oms.domain.masterdata.suppliers import check_lead_time
from oms.domain.shared.errors import ContradictoryValues, InvalidValue
from oms.domain.shared.items import MAX_PRICE_DECIMALS, MAX_QUANTITY, check_unit_price
from oms.domain.shared.money import Currency, check_decimals

STOCK_UNIT_PRICE = Decimal(1).scaleb(-MAX_PRICE_DECIMALS)


@define(slots=False, eq=False)
class SupplierPrice:
    """One offer of a supplier for a product; `lead_time_days` None means the supplier's."""

    id: str
    supplier_id: str
    product_id: str
    price: Decimal
    currency: str
    min_quantity: Decimal = Decimal(0)
    purchase_unit: str = ""  # its name ("pack of 10"); empty: the stock unit itself
    unit_factor: Decimal = Decimal(1)
    lead_time_days: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    preferred: bool = False
    version: int = 0

    def __attrs_post_init__(self) -> None:
        _check(self.price, self.currency, self.min_quantity, self.unit_factor, self.lead_time_days,
               self.valid_from, self.valid_to)

    def update(self, *, price: Decimal | None = None, currency: str | None = None,
               min_quantity: Decimal | None = None, purchase_unit: str | None = None,
               unit_factor: Decimal | None = None, lead_time_days: int | None = None,
               valid_from: date | None = None, valid_to: date | None = None, preferred: bool | None = None,
               clear_lead_time: bool = False, clear_validity: bool = False) -> None:
        """Change what is given, checked together before anything changes; `clear_*` reopens the lead time (the
        supplier's) or the validity (always)."""
        new_price = self.price if price is None else price
        new_currency = self.currency if currency is None else currency
        new_min = self.min_quantity if min_quantity is None else min_quantity
        new_factor = self.unit_factor if unit_factor is None else unit_factor
        new_lead = None if clear_lead_time else self.lead_time_days if lead_time_days is None else lead_time_days
        new_from = None if clear_validity else self.valid_from if valid_from is None else valid_from
        new_to = None if clear_validity else self.valid_to if valid_to is None else valid_to
        _check(new_price, new_currency, new_min, new_factor, new_lead, new_from, new_to)
        self.price, self.currency, self.min_quantity, self.unit_factor = new_price, new_currency, new_min, new_factor
        self.lead_time_days, self.valid_from, self.valid_to = new_lead, new_from, new_to
        self.purchase_unit = self.purchase_unit if purchase_unit is None else purchase_unit
        self.preferred = self.preferred if preferred is None else preferred

    @property
    def stock_unit_price(self) -> Decimal:
        """The price of one stock unit: price / factor, half up to 6 decimals."""
        return (self.price / self.unit_factor).quantize(STOCK_UNIT_PRICE, rounding=ROUND_HALF_UP)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def applies(self, quantity: Decimal, day: date) -> bool:
        return self.valid_on(day) and self.min_quantity <= quantity


def _check(price: Decimal, currency: str, min_quantity: Decimal, unit_factor: Decimal, lead_time_days: int | None,
           valid_from: date | None, valid_to: date | None) -> None:
    check_unit_price(price, "price")
    if price <= 0:
        raise InvalidValue("price", "must be greater than zero")
    Currency.of(currency)
    if min_quantity < 0 or min_quantity > MAX_QUANTITY:
        raise InvalidValue("min_quantity", f"must be from 0 to {MAX_QUANTITY}")
    check_decimals(min_quantity, 6, "min_quantity")
    if unit_factor <= 0 or unit_factor > MAX_QUANTITY:
        raise InvalidValue("unit_factor", "must be greater than zero (stock units in one unit of purchase)")
    check_decimals(unit_factor, 6, "unit_factor")
    if lead_time_days is not None:
        check_lead_time(lead_time_days)
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ContradictoryValues(("valid_to", "valid_from"), "valid_to must not be before valid_from")


def price_for(prices: Iterable[SupplierPrice], supplier_id: str, product_id: str, quantity: Decimal,
              day: date) -> SupplierPrice | None:
    """The supplier's entry for the product that applies to `quantity` stock units on `day`, if any."""
    found = [p for p in prices if p.supplier_id == supplier_id and p.product_id == product_id
             and p.applies(quantity, day)]
    return max(found, key=lambda p: (p.min_quantity, p.valid_from or date.min, p.id), default=None)


def preferred_price(prices: Iterable[SupplierPrice], product_id: str, quantity: Decimal, day: date,
                    currency: str, rates: RateSource,
                    lead_times: dict[str, int] | None = None) -> SupplierPrice | None:
    """The entry of the preferred supplier of the product for `quantity` on `day`: a flagged entry that applies,
    else the lowest price per stock unit in `currency` (ties: shorter lead time, then supplier id). `lead_times`
    gives the suppliers' own lead times for entries without one."""
    held = [p for p in prices if p.product_id == product_id]
    offers = [offer for supplier in sorted({p.supplier_id for p in held})
              if (offer := price_for(held, supplier, product_id, quantity, day)) is not None]
    flagged = [offer for offer in offers if offer.preferred]
    if flagged:
        return min(flagged, key=lambda p: p.supplier_id)
    target = Currency.of(currency)

    def cost(offer: SupplierPrice) -> tuple[Decimal, int, str]:
        in_target = offer.stock_unit_price * rates(offer.currency, target.code, day)
        lead = offer.lead_time_days if offer.lead_time_days is not None else (lead_times or {}).get(
            offer.supplier_id, 0)
        return in_target, lead, offer.supplier_id

    return min(offers, key=cost, default=None)
