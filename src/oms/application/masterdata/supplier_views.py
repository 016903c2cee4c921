"""What reads of suppliers, their prices and exchange rates answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.domain.masterdata.parties import Address
from oms.domain.shared.money import Money


@frozen(kw_only=True)
class SupplierPriceView:
    """One price: `price` per unit of purchase (`purchase_unit` of `unit_factor` stock units; empty: the stock
    unit), `stock_unit_price` per stock unit; from `min_quantity` stock units; `lead_time_days` is the supplier's
    when the entry has none."""

    id: str
    supplier_code: str
    sku: str
    price: Money
    min_quantity: Decimal
    purchase_unit: str
    unit_factor: Decimal
    stock_unit_price: Money
    lead_time_days: int
    valid_from: date | None
    valid_to: date | None
    preferred: bool


@frozen(kw_only=True)
class SupplierView:
    code: str
    name: str
    currency: str
    payment_terms: str
    lead_time_days: int
    email: str
    address: Address
    active: bool
    prices: list[SupplierPriceView]


@frozen(kw_only=True)
class SupplierList:
    """A page of suppliers by code; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[SupplierView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class SupplierPriceList:
    """A product's supplier prices, by supplier code, minimum quantity and valid from."""

    items: list[SupplierPriceView]


@frozen(kw_only=True)
class PurchasePrice:
    """The price that applies to `quantity` stock units on `day`; `converted` is its price per stock unit in
    `currency` at the day's rate (the supplier's own currency when none was asked for)."""

    quantity: Decimal
    day: date
    entry: SupplierPriceView
    converted: Money


@frozen(kw_only=True)
class ExchangeRateView:
    from_currency: str
    to_currency: str
    day: date
    rate: Decimal


@frozen(kw_only=True)
class ExchangeRateList:
    """Every rate, by pair, newest day first."""

    items: list[ExchangeRateView]
