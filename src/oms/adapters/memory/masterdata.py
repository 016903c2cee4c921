"""In-memory repositories of master data."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
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


class InMemoryMasterData:
    """The master-data repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.products = InMemoryProductRepository(session)
        self.customers = InMemoryCustomerRepository(session)
        self.branches = InMemoryBranchRepository(session)
        self.warehouses = InMemoryWarehouseRepository(session)
        self.tax_rates = InMemoryTaxRateRepository(session)
