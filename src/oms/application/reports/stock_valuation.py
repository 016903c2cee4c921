"""Stock valuation at a day: per product and warehouse (or per warehouse, or per branch) the quantity on hand and
its value at the end of that day (UTC), from the stock movements (peers.md 6b R8).

Each movement carries the value it moved by oms's costing, moving average per product and warehouse: a receipt
its cost, an issue or consumption the average it took out, a customer return the cost its goods left with, a
return to the supplier what they came in at, a production output its components, labour and overhead. The
movements post those same values to the inventory account on the movement's day (goods issues, receipts,
adjustments and returns each an entry; a production output one entry with its components), so the report's total
at a day equals the inventory account's balance at that day. Stock is valued in its warehouse's branch currency: a
currency column, and a total only when every row is in one currency."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.application.reports.stock_scope import amount, end_of, plain, stock_scope, total
from oms.domain.reports.tables import CHART_BARS, Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.stock.valuation import rate
from oms.ports.unit_of_work import UnitOfWork

MOVEMENTS = "movements"
BASES = {MOVEMENTS: "stock movements up to the end of the day (UTC), each at the value it moved at moving average "
                    "cost; equal to the inventory account's balance at the day"}
GROUPINGS = ("product", "warehouse", "branch")


def stock_valuation_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.as_of is not None
    wanted = stock_scope(uow, scope)
    positions = uow.reports.stock_at(end_of(scope.as_of), wanted.filter)
    places = wanted.places
    one = wanted.currency(p.warehouse_id for p in positions)
    rows: list[tuple[Cell, ...]]
    columns: tuple[Column, ...]
    totals: tuple[Cell, ...] | None
    if scope.by == "product":
        columns = (Column("product", "Product"), Column("warehouse", "Warehouse"), Column("currency", "Currency"),
                   Column("quantity", "On hand", ColumnKind.QUANTITY), Column("value", "Value", ColumnKind.AMOUNT),
                   Column("average_cost", "Average cost", ColumnKind.AMOUNT))
        rows = []
        for p in sorted(positions, key=lambda p: (p.sku, places[p.warehouse_id].warehouse)):
            currency = places[p.warehouse_id].currency
            rows.append((p.sku, places[p.warehouse_id].warehouse, currency, plain(p.quantity),
                         amount(p.value, currency), rate(p.value / p.quantity) if p.quantity > 0 else None))
        value = total(p.value for p in positions)
        totals = None if one is None else ("Total", None, one, None, amount(value, one), None)
        chart = ChartSpec(kind=ChartKind.BARS, x="product", series=("value",), title="Stock value by product",
                          largest=CHART_BARS)
    else:
        label = "warehouse" if scope.by == "warehouse" else "branch"
        sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for p in positions:
            place = places[p.warehouse_id]
            found = sums[(place.warehouse if label == "warehouse" else place.branch, place.currency)]
            found[0] += 1
            found[1] += p.value
        columns = (Column(label, label.capitalize()), Column("currency", "Currency"),
                   Column("levels", "Products in stock", ColumnKind.COUNT), Column("value", "Value", ColumnKind.AMOUNT))
        rows = [(name, currency, int(count), amount(value, currency))
                for (name, currency), (count, value) in sorted(sums.items())]
        totals = None if one is None else ("Total", one, len(positions), amount(total(p.value for p in positions),
                                                                                one))
        chart = ChartSpec(kind=ChartKind.BARS, x=label, series=("value",), title=f"Stock value by {label}",
                          largest=CHART_BARS)
    return ReportTable(
        report="stock-valuation", title=f"Stock valuation by {scope.by} at {scope.as_of}",
        basis=f"Stock on hand: {BASES[MOVEMENTS]}", columns=columns, rows=tuple(rows), totals=totals, chart=chart,
        currency=one,
        notes=(f"At the end of {scope.as_of} (UTC). Moving average cost per product and warehouse; the total equals "
               "the balance of the inventory account(s) on that day.",
               "Quantities are not added across products (different units): a warehouse or branch counts the "
               "products it holds."),
        filters=scope.filters)


STOCK_VALUATION = ReportDefinition(
    name="stock-valuation", title="Stock valuation",
    summary="Quantity and value on hand at a day, per product and warehouse, equal to the inventory account",
    dating=Dating.AS_OF, run=stock_valuation_report, groupings=GROUPINGS, bases=(MOVEMENTS,),
    basis_meanings=BASES, filters=frozenset({"branch", "warehouse", "product", "category"}))
