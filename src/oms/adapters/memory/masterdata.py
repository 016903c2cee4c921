"""In-memory repositories of master data."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.tax import TaxRate


class InMemoryProductRepository(InMemoryRepository[Product]):
    kind = "product"

    @staticmethod
    def natural_key(product: Product) -> str:
        return product.sku

    def by_sku(self, sku: str) -> Product | None:
        return self._by_natural_key(sku)

    def by_skus(self, skus: Collection[str]) -> Mapping[str, Product]:
        return self._by_natural_keys(skus)


class InMemoryCustomerRepository(InMemoryRepository[Customer]):
    kind = "customer"

    @staticmethod
    def natural_key(customer: Customer) -> str:
        return customer.code

    def by_code(self, code: str) -> Customer | None:
        return self._by_natural_key(code)

    def by_codes(self, codes: Collection[str]) -> Mapping[str, Customer]:
        return self._by_natural_keys(codes)


class InMemoryBranchRepository(InMemoryRepository[Branch]):
    kind = "branch"

    @staticmethod
    def natural_key(branch: Branch) -> str:
        return branch.code

    def by_code(self, code: str) -> Branch | None:
        return self._by_natural_key(code)


class InMemoryWarehouseRepository(InMemoryRepository[Warehouse]):
    kind = "warehouse"

    @staticmethod
    def natural_key(warehouse: Warehouse) -> str:
        return warehouse.code

    def by_code(self, code: str) -> Warehouse | None:
        return self._by_natural_key(code)

    def for_branch(self, branch_id: str) -> Sequence[Warehouse]:
        mine = [w for w in self.list() if w.branch_id == branch_id and w.active]
        return sorted(mine, key=lambda w: (w.priority, w.code))


class InMemoryTaxRateRepository(InMemoryRepository[TaxRate]):
    kind = "tax_rate"

    @staticmethod
    def natural_key(rate: TaxRate) -> str:
        return f"{rate.jurisdiction}|{rate.category}"

    def for_jurisdiction(self, jurisdiction: str) -> Sequence[TaxRate]:
        return [rate for rate in self.list() if rate.jurisdiction == jurisdiction]


class InMemorySupplierRepository(InMemoryRepository[Supplier]):
    kind = "supplier"

    @staticmethod
    def natural_key(supplier: Supplier) -> str:
        return supplier.code

    def by_code(self, code: str) -> Supplier | None:
        return self._by_natural_key(code)

    def by_codes(self, codes: Collection[str]) -> Mapping[str, Supplier]:
        return self._by_natural_keys(codes)


def _price_order(price: SupplierPrice) -> tuple[str, str, object, date, str]:
    return price.supplier_id, price.product_id, price.min_quantity, price.valid_from or date.min, price.id


class InMemorySupplierPriceRepository(InMemoryRepository[SupplierPrice]):
    kind = "supplier_price"

    def remove(self, price: SupplierPrice) -> None:
        self._remove(price)

    def for_product(self, product_id: str) -> Sequence[SupplierPrice]:
        return [price for price in self.list() if price.product_id == product_id]

    def of_supplier(self, supplier_id: str) -> Sequence[SupplierPrice]:
        return sorted((price for price in self.list() if price.supplier_id == supplier_id),
                      key=lambda p: (p.product_id, p.min_quantity, p.valid_from or date.min, p.id))

    def list(self) -> Sequence[SupplierPrice]:
        return sorted(super().list(), key=_price_order)


class InMemoryExchangeRateRepository(InMemoryRepository[ExchangeRate]):
    kind = "exchange_rate"

    def on_or_before(self, from_currency: str, to_currency: str, day: date) -> Sequence[ExchangeRate]:
        found = []
        for pair in ((from_currency, to_currency), (to_currency, from_currency)):
            mine = [r for r in self.list() if (r.from_currency, r.to_currency) == pair and r.day <= day]
            found.extend(mine[:1])
        return found

    def list(self) -> Sequence[ExchangeRate]:
        rates = sorted(super().list(), key=lambda r: r.day, reverse=True)
        return sorted(rates, key=lambda r: (r.from_currency, r.to_currency))


class InMemoryMasterData:
    """The master-data repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.products = InMemoryProductRepository(session)
        self.customers = InMemoryCustomerRepository(session)
        self.branches = InMemoryBranchRepository(session)
        self.warehouses = InMemoryWarehouseRepository(session)
        self.tax_rates = InMemoryTaxRateRepository(session)
        self.suppliers = InMemorySupplierRepository(session)
        self.supplier_prices = InMemorySupplierPriceRepository(session)
        self.exchange_rates = InMemoryExchangeRateRepository(session)
