"""The codes of what documents and levels refer to by id (customers, branches, warehouses, products), each looked
up once per read, from the unit of work's own copies when it holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from attrs import define, field

from oms.ports.masterdata.repositories import MasterDataUnitOfWork


@define
class Codes:
    uow: MasterDataUnitOfWork
    _seen: dict[tuple[str, str], str] = field(factory=dict, init=False)

    def _code(self, kind: str, key: str, lookup: Callable[[str], str]) -> str:
        found = self._seen.get((kind, key))
        if found is None:
            found = self._seen[(kind, key)] = lookup(key)
        return found

    def read_customers(self, customer_ids: Iterable[str]) -> None:
        """Look up the codes of these customers (those that exist) in one read, for a listing that shows many; a
        customer not found is looked up, and refused, when its code is asked for."""
        wanted = {key for key in customer_ids if ("customer", key) not in self._seen}
        for key, customer in self.uow.masterdata.customers.by_ids(wanted).items():
            self._seen[("customer", key)] = customer.code

    def customer(self, customer_id: str) -> str:
        return self._code("customer", customer_id, lambda key: self.uow.masterdata.customers.get(key).code)

    def branch(self, branch_id: str) -> str:
        return self._code("branch", branch_id, lambda key: self.uow.masterdata.branches.get(key).code)

    def warehouse(self, warehouse_id: str) -> str:
        return self._code("warehouse", warehouse_id, lambda key: self.uow.masterdata.warehouses.get(key).code)

    def product(self, product_id: str) -> str:
        return self._code("product", product_id, lambda key: self.uow.masterdata.products.get(key).sku)

    def uom(self, product_id: str) -> str:
        """The code of the unit of measure the product is counted in."""
        return self._code("uom", product_id, lambda key: self.uow.masterdata.products.get(key).uom)

    def currency(self, warehouse_id: str) -> str:
        """The currency of the warehouse's branch: what its stock is valued in."""
        return self._code("currency", warehouse_id, lambda key: self.uow.masterdata.branches.get(
            self.uow.masterdata.warehouses.get(key).branch_id).currency)
