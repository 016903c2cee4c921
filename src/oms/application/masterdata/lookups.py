"""Finding master data by its code, with the NotFound error that names what is missing, the field that named it,
and the codes close to it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import NotFound
from oms.ports.masterdata.repositories import MasterDataUnitOfWork

MAX_SUGGESTIONS = 3


def _missing(kind: str, key: str, existing: Iterable[str], field: str | None = None) -> NotFound:
    """The error for a code that is not there, naming up to three existing codes that look like it, the closest
    first (compared without regard to case: `desk-oak` suggests `DESK-OAK`). Only a failed lookup reads the codes."""
    by_upper = {code.upper(): code for code in existing}
    wanted = key.upper()
    close = difflib.get_close_matches(wanted, list(by_upper), n=MAX_SUGGESTIONS)
    ranked = sorted(close, key=lambda code: (-difflib.SequenceMatcher(None, wanted, code).ratio(), code))
    return NotFound(kind, key, field, suggestions=tuple(by_upper[code] for code in ranked))


def branch_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Branch:
    branch = uow.masterdata.branches.by_code(code)
    if branch is None:
        raise _missing("branch", code, (b.code for b in uow.masterdata.branches.list()), field)
    return branch


def warehouse_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Warehouse:
    warehouse = uow.masterdata.warehouses.by_code(code)
    if warehouse is None:
        raise _missing("warehouse", code, (w.code for w in uow.masterdata.warehouses.list()), field)
    return warehouse


def product_by_sku(uow: MasterDataUnitOfWork, sku: str, field: str | None = None) -> Product:
    product = uow.masterdata.products.by_sku(sku)
    if product is None:
        raise _missing("product", sku, (p.sku for p in uow.masterdata.products.list()), field)
    return product


def customer_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Customer:
    customer = uow.masterdata.customers.by_code(code)
    if customer is None:
        raise _missing("customer", code, (c.code for c in uow.masterdata.customers.list()), field)
    return customer


def supplier_by_code(uow: MasterDataUnitOfWork, code: str, field: str | None = None) -> Supplier:
    supplier = uow.masterdata.suppliers.by_code(code)
    if supplier is None:
        raise _missing("supplier", code, (s.code for s in uow.masterdata.suppliers.list()), field)
    return supplier


def parties(uow: MasterDataUnitOfWork, customer_code: str, branch_code: str) -> tuple[Customer, Branch]:
    """The customer and the branch of a new document, named by the command's `customer_code` and `branch_code`;
    an inactive customer counts as unknown."""
    customer = customer_by_code(uow, customer_code, "customer_code")
    if not customer.active:
        raise NotFound("customer", customer_code, "customer_code")
    return customer, branch_by_code(uow, branch_code, "branch_code")
