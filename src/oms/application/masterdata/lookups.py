"""Finding master data by its code, with the NotFound error that names what is missing."""

from __future__ import annotations

from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import NotFound
from oms.ports.unit_of_work import UnitOfWork


def branch_by_code(uow: UnitOfWork, code: str) -> Branch:
    branch = uow.branches.by_code(code)
    if branch is None:
        raise NotFound("branch", code)
    return branch


def warehouse_by_code(uow: UnitOfWork, code: str) -> Warehouse:
    warehouse = uow.warehouses.by_code(code)
    if warehouse is None:
        raise NotFound("warehouse", code)
    return warehouse


def product_by_sku(uow: UnitOfWork, sku: str) -> Product:
    product = uow.products.by_sku(sku)
    if product is None:
        raise NotFound("product", sku)
    return product


def customer_by_code(uow: UnitOfWork, code: str) -> Customer:
    customer = uow.customers.by_code(code)
    if customer is None:
        raise NotFound("customer", code)
    return customer


def parties(uow: UnitOfWork, customer_code: str, branch_code: str) -> tuple[Customer, Branch]:
    customer = customer_by_code(uow, customer_code)
    if not customer.active:
        raise NotFound("customer", customer_code)
    return customer, branch_by_code(uow, branch_code)
