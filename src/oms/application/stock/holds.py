"""Holding stock for a cart until a time (peers.md 4b C7): all of the owner's holds set at once, checked against
what the branch has available less what others hold, under the locks of the stock levels."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from oms.domain.shared.errors import refuse
from oms.domain.stock.holds import StockHold
from oms.ports.stock.repositories import StockUnitOfWork


def hold_stock(uow: StockUnitOfWork, owner_id: str, branch_id: str, quantities: Mapping[str, Decimal],
               until: datetime, at: datetime, skus: Mapping[str, str]) -> None:
    """Make the owner's holds exactly `quantities` (product id -> quantity) until `until`; refuse
    (`StockMustBeAvailable`) when a product's holds would exceed what the branch's warehouses have available less
    the unexpired holds of others. Locking the levels first orders this against every other hold and reservation."""
    warehouses = [w.id for w in uow.masterdata.warehouses.for_branch(branch_id)]
    products = sorted(quantities)
    levels = uow.stock.levels(products, warehouses) if products and warehouses else []
    others = uow.stock_holds.held_by_others(branch_id, products, owner_id, at) if products else {}
    available: dict[str, Decimal] = {p: -others.get(p, Decimal(0)) for p in products}
    for level in levels:
        available[level.product_id] += level.available
    shortages = [f"{skus.get(p, p)}: {q} wanted, {max(available[p], Decimal(0))} available"
                 for p, q in sorted(quantities.items()) if q > available[p]]
    if shortages:
        raise refuse("StockMustBeAvailable", "; ".join(shortages))
    current = {hold.product_id: hold for hold in uow.stock_holds.of_owner(owner_id)}
    for product_id, hold in current.items():
        if product_id not in quantities:
            uow.stock_holds.remove(hold)
    for product_id, quantity in quantities.items():
        held = current.get(product_id)
        if held is None:
            uow.stock_holds.add(StockHold(owner_id=owner_id, branch_id=branch_id, product_id=product_id,
                                          quantity=quantity, until=until))
        else:
            held.quantity, held.until = quantity, until


def release_stock(uow: StockUnitOfWork, owner_id: str) -> None:
    """Drop every hold of the owner."""
    for hold in uow.stock_holds.of_owner(owner_id):
        uow.stock_holds.remove(hold)


def held_by_others(uow: StockUnitOfWork, branch_id: str, product_ids: list[str], owner_id: str | None,
                   at: datetime) -> dict[str, Decimal]:
    """What carts other than `owner_id` hold of the products in the branch now, when the branch's carts hold stock
    (nothing is read otherwise: the hot path of orders pays for holds only where they are on)."""
    branch = uow.masterdata.branches.get(branch_id)
    if not branch.cart_hold_minutes or not product_ids:
        return {}
    return uow.stock_holds.held_by_others(branch_id, product_ids, owner_id, at)
