"""Reads of suppliers, their prices and exchange rates: a supplier by code (with its prices), the page of suppliers,
a product's prices, the price of a supplier (or the preferred one) for a quantity on a day, and the rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.application.masterdata.exchange_rates import stored_rates
from oms.application.masterdata.lookups import branch_by_code, product_by_sku, supplier_by_code
from oms.application.masterdata.supplier_views import (
    ExchangeRateList,
    ExchangeRateView,
    PurchasePrice,
    SupplierList,
    SupplierPriceList,
    SupplierPriceView,
    SupplierView,
)
from oms.application.shared.views import money
from oms.domain.masterdata.exchange_rates import ExchangeRate, convert
from oms.domain.masterdata.supplier_prices import SupplierPrice, preferred_price, price_for
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import NotFound
from oms.domain.shared.money import Money, to_decimal
from oms.ports.masterdata.listings import SUPPLIERS
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.listings import DEFAULT_LIMIT, ListingQuery, Listings


def price_view(price: SupplierPrice, supplier: Supplier, sku: str) -> SupplierPriceView:
    lead = supplier.lead_time_days if price.lead_time_days is None else price.lead_time_days
    return SupplierPriceView(id=price.id, supplier_code=supplier.code, sku=sku,
                             price=money(price.price, price.currency), min_quantity=price.min_quantity,
                             purchase_unit=price.purchase_unit, unit_factor=price.unit_factor,
                             stock_unit_price=money(price.stock_unit_price, price.currency),
                             lead_time_days=lead, valid_from=price.valid_from, valid_to=price.valid_to,
                             preferred=price.preferred)


def supplier_view(supplier: Supplier, prices: list[SupplierPriceView] | None = None) -> SupplierView:
    return SupplierView(code=supplier.code, name=supplier.name, currency=supplier.currency,
                        payment_terms=supplier.payment_terms, lead_time_days=supplier.lead_time_days,
                        email=supplier.email, address=supplier.address, active=supplier.active, prices=prices or [])


def _skus(uow: MasterDataUnitOfWork, prices: list[SupplierPrice]) -> dict[str, str]:
    return {product_id: uow.masterdata.products.get(product_id).sku for product_id in {p.product_id for p in prices}}


def show_supplier(uow: MasterDataUnitOfWork, code: str) -> SupplierView:
    """The supplier with its prices, by SKU, minimum quantity and valid from."""
    supplier = supplier_by_code(uow, code)
    prices = list(uow.masterdata.supplier_prices.of_supplier(supplier.id))
    skus = _skus(uow, prices)
    views = [price_view(p, supplier, skus[p.product_id]) for p in prices]
    return supplier_view(supplier, sorted(views, key=lambda v: (v.sku, v.min_quantity, v.valid_from or date.min)))


def supplier_page(listings: Listings, *, active: bool | None = None, search: str | None = None,
                  descending: bool = False, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> SupplierList:
    """A page of suppliers by code (without their prices), of one activity and matching a search if given."""
    page = listings.page(SUPPLIERS, ListingQuery(filters={"active": active, "search": search or None},
                                                 newest_first=descending, limit=limit, cursor=cursor))
    return SupplierList(items=[supplier_view(s) for s in page.items], next_cursor=page.next_cursor)


def product_supplier_prices(uow: MasterDataUnitOfWork, sku: str) -> SupplierPriceList:
    product = product_by_sku(uow, sku)
    prices = uow.masterdata.supplier_prices.for_product(product.id)
    suppliers = {p.supplier_id: uow.masterdata.suppliers.get(p.supplier_id) for p in prices}
    views = [price_view(p, suppliers[p.supplier_id], sku) for p in prices]
    return SupplierPriceList(items=sorted(views, key=lambda v: (v.supplier_code, v.min_quantity,
                                                                 v.valid_from or date.min)))


def purchase_price(uow: MasterDataUnitOfWork, code: str, sku: str, quantity: object, day: date,
                   currency: str | None = None) -> PurchasePrice:
    """The price of supplier `code` for `quantity` stock units of `sku` on `day` (the valid entry with the largest
    minimum quantity at most `quantity`), per stock unit also in `currency` at the day's rate."""
    supplier = supplier_by_code(uow, code, "code")
    product = product_by_sku(uow, sku, "sku")
    wanted = to_decimal(quantity, "quantity")
    found = price_for(uow.masterdata.supplier_prices.of_supplier(supplier.id), supplier.id, product.id, wanted, day)
    if found is None:
        raise NotFound("supplier_price", f"{code}/{sku} for {wanted} on {day.isoformat()}", "sku")
    return _purchase_price(uow, found, supplier, sku, wanted, day, currency or found.currency)


def preferred_supplier(uow: MasterDataUnitOfWork, sku: str, quantity: object, day: date,
                       branch_code: str) -> PurchasePrice:
    """The preferred supplier's price for `quantity` of `sku` on `day`: the entry flagged preferred, else the
    cheapest per stock unit in the branch's currency (supplier_prices.py)."""
    product = product_by_sku(uow, sku, "sku")
    branch = branch_by_code(uow, branch_code, "branch_code")
    wanted = to_decimal(quantity, "quantity")
    prices = uow.masterdata.supplier_prices.for_product(product.id)
    suppliers = {p.supplier_id: uow.masterdata.suppliers.get(p.supplier_id) for p in prices}
    active = [p for p in prices if suppliers[p.supplier_id].active]
    found = preferred_price(active, product.id, wanted, day, branch.currency, stored_rates(uow),
                            {s.id: s.lead_time_days for s in suppliers.values()})
    if found is None:
        raise NotFound("supplier_price", f"{sku} for {wanted} on {day.isoformat()}", "sku")
    return _purchase_price(uow, found, suppliers[found.supplier_id], sku, wanted, day, branch.currency)


def _purchase_price(uow: MasterDataUnitOfWork, found: SupplierPrice, supplier: Supplier, sku: str, quantity: Decimal,
                    day: date, currency: str) -> PurchasePrice:
    unit = Money.of(found.stock_unit_price, found.currency)
    converted = unit if currency == found.currency else convert(unit, currency, day, stored_rates(uow))
    return PurchasePrice(quantity=quantity, day=day, entry=price_view(found, supplier, sku), converted=converted)


def rate_view(rate: ExchangeRate) -> ExchangeRateView:
    return ExchangeRateView(from_currency=rate.from_currency, to_currency=rate.to_currency, day=rate.day,
                            rate=rate.rate)


def exchange_rate_list(uow: MasterDataUnitOfWork) -> ExchangeRateList:
    return ExchangeRateList(items=[rate_view(r) for r in uow.masterdata.exchange_rates.list()])


def exchange_rate_on(uow: MasterDataUnitOfWork, from_currency: str, to_currency: str, day: date) -> ExchangeRateView:
    """The rate that applies on `day`: the pair's latest on or before it, else 1/its inverse's (NoExchangeRate
    when neither has one)."""
    return ExchangeRateView(from_currency=from_currency, to_currency=to_currency, day=day,
                            rate=stored_rates(uow)(from_currency, to_currency, day))
