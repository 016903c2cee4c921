"""Finding master data by its code, with the NotFound error that names what is missing (and the field that named it)."""

from __future__ import annotations

from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import NotFound
from oms.ports.masterdata.repositories import MasterDataUnitOfWork


def branch_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Branch:
    branch = uow.masterdata.branches.by_code(code)
    if branch is None:
        raise NotFound("branch", code, field)
    return branch


def warehouse_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Warehouse:
    warehouse = uow.masterdata.warehouses.by_code(code)
    if warehouse is None:
        raise NotFound("warehouse", code, field)
    return warehouse


def product_by_sku(uow: MasterDataUnitOfWork, sku: str, field: str | None = None) -> Product:
    product = uow.masterdata.products.by_sku(sku)
    if product is None:
        raise NotFound("product", sku, field)
    return product


def customer_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Customer:
    customer = uow.masterdata.customers.by_code(code)
    if customer is None:
        raise NotFound("customer", code, field)
    return customer


def parties(uow: MasterDataUnitOfWork, customer_code: str, branch_code: str) -> tuple[Customer, Branch]:
    """The customer and the branch of a new document, named by the command's `customer_code` and `branch_code`;
    an inactive customer counts as unknown."""
    customer = customer_by_code(uow, customer_code, "customer_code")
    if not customer.active:
        raise NotFound("customer", customer_code, "customer_code")
    return customer, branch_by_code(uow, branch_code, "branch_code")
