"""What the stock reports share: the warehouses a scope covers (a branch's are its warehouses), each warehouse's
branch and currency (stock is valued in its branch's currency), and how their figures are written in a table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from attrs import frozen

from oms.application.reports.requests import Scope
from oms.domain.masterdata.parties import Branch, Warehouse
from oms.domain.shared.money import Currency
from oms.ports.reports.stock import StockFilter
from oms.ports.unit_of_work import UnitOfWork

ISSUE_KINDS = "goods issues of sales orders and consumptions of production"


def end_of(day: date) -> datetime:
    """The first instant after `day` (UTC): a day's figures count what happened before it."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


@frozen(kw_only=True)
class Place:
    """A warehouse with the branch it belongs to and the currency its stock is valued in."""

    warehouse: str
    branch: str
    currency: str


@frozen(kw_only=True)
class StockScope:
    filter: StockFilter
    places: dict[str, Place]  # by warehouse id
    branch_currency: str | None = None

    def currency(self, warehouse_ids: Iterable[str]) -> str | None:
        """The one currency of these warehouses (none of them: of every warehouse in scope, or of the branch asked
        for), None if several."""
        found = {self.places[w].currency for w in warehouse_ids}
        if not found:
            scoped = self.places if self.filter.warehouse_ids is None else self.filter.warehouse_ids
            found = {self.places[w].currency for w in scoped}
            if not found and self.branch_currency is not None:
                found = {self.branch_currency}
        return found.pop() if len(found) == 1 else None


def stock_scope(uow: UnitOfWork, scope: Scope) -> StockScope:
    """The warehouses of the scope's branch and warehouse filters (a warehouse of another branch than the one asked
    for: none), and its product."""
    branches: dict[str, Branch] = {branch.id: branch for branch in uow.masterdata.branches.list()}
    warehouses: list[Warehouse] = list(uow.masterdata.warehouses.list())
    places = {w.id: Place(warehouse=w.code, branch=branches[w.branch_id].code,
                          currency=branches[w.branch_id].currency) for w in warehouses}
    ids: tuple[str, ...] | None = None
    if scope.branch_id is not None:
        ids = tuple(sorted(w.id for w in warehouses if w.branch_id == scope.branch_id))
    if scope.warehouse_id is not None:
        ids = (scope.warehouse_id,) if ids is None or scope.warehouse_id in ids else ()
    wanted = StockFilter(warehouse_ids=ids, product_id=scope.product_id, category=scope.category)
    return StockScope(filter=wanted, places=places, branch_currency=scope.currency)


def plain(quantity: Decimal) -> Decimal:
    """A quantity without trailing zeros (3.000000 -> 3, 2.500 -> 2.5), as a person writes it."""
    if quantity == quantity.to_integral_value():
        return quantity.quantize(Decimal(1))
    return quantity.normalize()


def amount(value: Decimal, currency: str) -> Decimal:
    """An amount to the currency's minor unit (the stores keep stock values rounded to it already)."""
    return Currency.of(currency).round(value)


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))
