"""The stock valuation report: per product and warehouse, the quantity, value and average cost on hand as of a day
(the sums of the movements up to the end of that day, UTC), with totals per warehouse and per currency.

Each warehouse's stock is valued in its branch's currency, so the overall totals are one per currency."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from attrs import frozen

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import warehouse_by_code
from oms.application.shared.views import Quantity, money, quantity
from oms.domain.shared.money import Money
from oms.domain.stock.valuation import rate
from oms.ports.stock.repositories import StockUnitOfWork


@frozen(kw_only=True)
class ValuationLineView:
    """A product in a warehouse: quantity and value on hand, and their ratio (none when nothing is on hand)."""

    sku: str
    quantity: Quantity
    value: Money
    average_cost: Money | None


@frozen(kw_only=True)
class WarehouseValuationView:
    warehouse_code: str
    currency: str
    lines: list[ValuationLineView]
    total: Money


@frozen(kw_only=True)
class StockValuationView:
    """As of the end of `at` (UTC; now when not given): every warehouse's stock and value, and the totals."""

    at: date | None
    warehouses: list[WarehouseValuationView]
    totals: list[Money]


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def stock_valuation(uow: StockUnitOfWork, at: date | None = None,
                    warehouse_code: str | None = None) -> StockValuationView:
    """The stock valuation report as of the end of day `at` (UTC; everything so far if None), of one warehouse (its
    code; an unknown one is NotFound) or all; levels that never moved before then are left out."""
    warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
    balances = uow.stock.balances(None if at is None else end_of(at), warehouse_id)
    codes = Codes(uow)
    by_warehouse: dict[str, list[ValuationLineView]] = defaultdict(list)
    currencies: dict[str, str] = {}
    for balance in balances:
        if balance.quantity == 0 and balance.value == 0:
            continue  # a level whose stock all left: nothing to value
        currency = currencies[balance.warehouse_id] = codes.currency(balance.warehouse_id)
        uom = codes.uom(balance.product_id)
        average = rate(balance.value / balance.quantity) if balance.quantity > 0 else None
        by_warehouse[balance.warehouse_id].append(ValuationLineView(
            sku=codes.product(balance.product_id), quantity=quantity(balance.quantity, uom),
            value=money(balance.value, currency), average_cost=None if average is None else money(average, currency)))
    warehouses = sorted((WarehouseValuationView(
        warehouse_code=codes.warehouse(warehouse_id), currency=currencies[warehouse_id],
        lines=sorted(lines, key=lambda line: line.sku),
        total=money(sum((line.value.amount for line in lines), Decimal(0)), currencies[warehouse_id]))
        for warehouse_id, lines in by_warehouse.items()), key=lambda view: view.warehouse_code)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for view in warehouses:
        totals[view.currency] += view.total.amount
    return StockValuationView(at=at, warehouses=warehouses,
                              totals=[money(amount, currency) for currency, amount in sorted(totals.items())])
