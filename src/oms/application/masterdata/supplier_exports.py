"""What exports of supplier prices read: every entry as it is held (its own lead time, empty for the supplier's),
so that importing the export again sets every entry as it was."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import money
from oms.domain.shared.money import Money
from oms.ports.masterdata.repositories import MasterDataUnitOfWork


@frozen(kw_only=True)
class SupplierPriceRecord:
    """One supplier price as a file holds it: `lead_time_days` None means the supplier's (unlike the price's view,
    which shows the lead time that applies)."""

    supplier_code: str
    sku: str
    price: Money
    min_quantity: Decimal
    purchase_unit: str
    unit_factor: Decimal
    lead_time_days: int | None
    valid_from: date | None
    valid_to: date | None
    preferred: bool


@frozen(kw_only=True)
class SupplierPriceRecords:
    """Every supplier price, by supplier code, SKU, minimum quantity and valid from."""

    items: list[SupplierPriceRecord]


def supplier_price_records(uow: MasterDataUnitOfWork) -> SupplierPriceRecords:
    prices = uow.masterdata.supplier_prices.list()
    codes = {supplier.id: supplier.code for supplier in uow.masterdata.suppliers.list()}
    skus = {product_id: uow.masterdata.products.get(product_id).sku for product_id in {p.product_id for p in prices}}
    records = [SupplierPriceRecord(supplier_code=codes[p.supplier_id], sku=skus[p.product_id],
                                   price=money(p.price, p.currency), min_quantity=p.min_quantity,
                                   purchase_unit=p.purchase_unit, unit_factor=p.unit_factor,
                                   lead_time_days=p.lead_time_days, valid_from=p.valid_from, valid_to=p.valid_to,
                                   preferred=p.preferred) for p in prices]
    return SupplierPriceRecords(items=sorted(records, key=lambda r: (r.supplier_code, r.sku, r.min_quantity,
                                                                    r.valid_from or date.min)))
