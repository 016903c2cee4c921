"""SQL repositories of master data, each from the declaration of its aggregate."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

import attrs
from sqlalchemy import bindparam, select

from oms.adapters.sql.masterdata import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.parties import Address, Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.tax import TaxRate

ADDRESS_PARTS = [f.name for f in attrs.fields(Address)]

# Master data is read by every command and changed rarely: kept in memory between units of work (see cache.py).
PRODUCT = Aggregate("product", Entity(Product, t.products), natural_key="sku", cached=True)
CUSTOMER = Aggregate("customer", Entity(Customer, t.customers, composites=tuple(
    Composite(f"{which}_address", Address, tuple(f"{which}_{part}" for part in ADDRESS_PARTS))
    for which in ("billing", "shipping"))), natural_key="code", cached=True)
BRANCH = Aggregate("branch", Entity(Branch, t.branches), natural_key="code", cached=True)
WAREHOUSE = Aggregate("warehouse", Entity(Warehouse, t.warehouses), natural_key="code", cached=True)
TAX_RATE = Aggregate("tax_rate", Entity(TaxRate, t.tax_rates), cached=True)
SUPPLIER = Aggregate("supplier", Entity(Supplier, t.suppliers, composites=(
    Composite("address", Address, tuple(f"address_{part}" for part in ADDRESS_PARTS)),)), natural_key="code",
    cached=True)
# Removable (a withdrawn offer): its row is locked when a changing transaction loads it.
SUPPLIER_PRICE = Aggregate("supplier_price", Entity(SupplierPrice, t.supplier_prices), lock=True)
EXCHANGE_RATE = Aggregate("exchange_rate", Entity(ExchangeRate, t.exchange_rates))
AGGREGATES = (BRANCH, WAREHOUSE, TAX_RATE, PRODUCT, CUSTOMER, SUPPLIER, SUPPLIER_PRICE, EXCHANGE_RATE)


class SqlProductRepository(SqlRepository[Product]):
    aggregate = PRODUCT

    def by_sku(self, sku: str) -> Product | None:
        return self._by_natural_key(sku)

    def by_skus(self, skus: Collection[str]) -> Mapping[str, Product]:
        return self._by_natural_keys(skus)


class SqlCustomerRepository(SqlRepository[Customer]):
    aggregate = CUSTOMER

    def by_code(self, code: str) -> Customer | None:
        return self._by_natural_key(code)

    def by_codes(self, codes: Collection[str]) -> Mapping[str, Customer]:
        return self._by_natural_keys(codes)


class SqlBranchRepository(SqlRepository[Branch]):
    aggregate = BRANCH

    def by_code(self, code: str) -> Branch | None:
        return self._by_natural_key(code)


class SqlWarehouseRepository(SqlRepository[Warehouse]):
    aggregate = WAREHOUSE

    def by_code(self, code: str) -> Warehouse | None:
        return self._by_natural_key(code)

    def for_branch(self, branch_id: str) -> Sequence[Warehouse]:
        return self._select("for_branch", lambda table: select(table).where(
            table.c.branch_id == bindparam("branch_id"), table.c.active.is_(True)).order_by(
            table.c.priority, table.c.code), branch_id=branch_id)


class SqlTaxRateRepository(SqlRepository[TaxRate]):
    aggregate = TAX_RATE

    def for_jurisdiction(self, jurisdiction: str) -> Sequence[TaxRate]:
        return self._select("for_jurisdiction", lambda table: select(table).where(
            table.c.jurisdiction == bindparam("jurisdiction")).order_by(table.c.category), jurisdiction=jurisdiction)

    def list(self) -> Sequence[TaxRate]:
        return self._select("list", lambda table: select(table).order_by(table.c.jurisdiction, table.c.category))


class SqlSupplierRepository(SqlRepository[Supplier]):
    aggregate = SUPPLIER

    def by_code(self, code: str) -> Supplier | None:
        return self._by_natural_key(code)

    def by_codes(self, codes: Collection[str]) -> Mapping[str, Supplier]:
        return self._by_natural_keys(codes)


class SqlSupplierPriceRepository(SqlRepository[SupplierPrice]):
    aggregate = SUPPLIER_PRICE

    def remove(self, price: SupplierPrice) -> None:
        self._session.remove(self.aggregate, price)

    def for_product(self, product_id: str) -> Sequence[SupplierPrice]:
        return _in_order(self._select("for_product", lambda table: select(table).where(
            table.c.product_id == bindparam("product_id")), product_id=product_id))

    def of_supplier(self, supplier_id: str) -> Sequence[SupplierPrice]:
        found = self._select("of_supplier", lambda table: select(table).where(
            table.c.supplier_id == bindparam("supplier_id")), supplier_id=supplier_id)
        return sorted(found, key=lambda p: (p.product_id, p.min_quantity, p.valid_from or date.min, p.id))

    def list(self) -> Sequence[SupplierPrice]:
        return _in_order(super().list())


def _in_order(prices: Sequence[SupplierPrice]) -> list[SupplierPrice]:
    # minimum quantities are text on SQLite: ordered here, as the memory adapter orders them
    return sorted(prices, key=lambda p: (p.supplier_id, p.product_id, p.min_quantity, p.valid_from or date.min, p.id))


class SqlExchangeRateRepository(SqlRepository[ExchangeRate]):
    aggregate = EXCHANGE_RATE

    def on_or_before(self, from_currency: str, to_currency: str, day: date) -> Sequence[ExchangeRate]:
        found: list[ExchangeRate] = []
        for pair in ((from_currency, to_currency), (to_currency, from_currency)):
            found.extend(self._select("on_or_before", lambda table: select(table).where(
                table.c.from_currency == bindparam("from_currency"), table.c.to_currency == bindparam("to_currency"),
                table.c.day <= bindparam("day")).order_by(table.c.day.desc()).limit(1),
                from_currency=pair[0], to_currency=pair[1], day=day))
        return found

    def list(self) -> Sequence[ExchangeRate]:
        return self._select("list", lambda table: select(table).order_by(
            table.c.from_currency, table.c.to_currency, table.c.day.desc()))


class SqlMasterData:
    """The master-data repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.products = SqlProductRepository(session)
        self.customers = SqlCustomerRepository(session)
        self.branches = SqlBranchRepository(session)
        self.warehouses = SqlWarehouseRepository(session)
        self.tax_rates = SqlTaxRateRepository(session)
        self.suppliers = SqlSupplierRepository(session)
        self.supplier_prices = SqlSupplierPriceRepository(session)
        self.exchange_rates = SqlExchangeRateRepository(session)
