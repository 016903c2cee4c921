"""Finding master data by its code, with the NotFound error that names what is missing and what is close to it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import NotFound
from oms.ports.unit_of_work import UnitOfWork

MAX_SUGGESTIONS = 3


def _missing(kind: str, key: str, existing: Iterable[str]) -> NotFound:
    """The error for a code that is not there, naming up to three existing codes that look like it, the closest
    first (compared without regard to case: `desk-oak` suggests `DESK-OAK`). Only a failed lookup reads the codes."""
    by_upper = {code.upper(): code for code in existing}
    wanted = key.upper()
    close = difflib.get_close_matches(wanted, list(by_upper), n=MAX_SUGGESTIONS)
    ranked = sorted(close, key=lambda code: (-difflib.SequenceMatcher(None, wanted, code).ratio(), code))
    return NotFound(kind, key, suggestions=tuple(by_upper[code] for code in ranked))


def branch_by_code(uow: UnitOfWork, code: str) -> Branch:
    branch = uow.branches.by_code(code)
    if branch is None:
        raise _missing("branch", code, (b.code for b in uow.branches.list()))
    return branch


def warehouse_by_code(uow: UnitOfWork, code: str) -> Warehouse:
    warehouse = uow.warehouses.by_code(code)
    if warehouse is None:
        raise _missing("warehouse", code, (w.code for w in uow.warehouses.list()))
    return warehouse


def product_by_sku(uow: UnitOfWork, sku: str) -> Product:
    product = uow.products.by_sku(sku)
    if product is None:
        raise _missing("product", sku, (p.sku for p in uow.products.list()))
    return product


def customer_by_code(uow: UnitOfWork, code: str) -> Customer:
    customer = uow.customers.by_code(code)
    if customer is None:
        raise _missing("customer", code, (c.code for c in uow.customers.list()))
    return customer


def parties(uow: UnitOfWork, customer_code: str, branch_code: str) -> tuple[Customer, Branch]:
    customer = customer_by_code(uow, customer_code)
    if not customer.active:
        raise NotFound("customer", customer_code)
    return customer, branch_by_code(uow, branch_code)
