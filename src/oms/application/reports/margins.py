"""Gross margin: revenue less the cost of the goods actually issued, by a period's buckets or by product, customer
or branch (peers.md 6b R4).

Revenue is the net (before tax) of posted invoices by posting date, posted credit notes subtracting in their own
posting period. Cost is what the goods issues took out of stock, as they recorded it and as the books posted it to
cost of goods sold on the day of the issue; returned units received subtract the cost they left with, in the
period they came back. So a return and its credit note in July change July's margin and leave June's as it was
(ERPNext #30529, #49465). Amounts in the documents' own currency, a row per currency; the margin % is the gross
profit over the revenue (none without revenue)."""

from __future__ import annotations

from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import percent
from oms.application.reports.groups import GROUPINGS, Labels, filter_of, ordered_groups, rounded, summed
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.sales import SalesMeasure
from oms.ports.unit_of_work import UnitOfWork

BASIS = ("Revenue less cost of goods issued: posted invoices by posting date, net before tax, less posted credit "
         "notes in their own posting period; less the cost of the goods issued (as posted to cost of goods sold at "
         "goods issue), returns received subtracting their original cost in the period they came back")
ZERO = Decimal(0)


def gross_margin_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    assert scope.by is not None
    by, span = scope.by, scope.range
    wanted = filter_of(scope.branch_id, scope.customer_id, scope.product_id, scope.category)
    revenue = summed(uow, SalesMeasure.REVENUE, by, span, wanted)
    cost = summed(uow, SalesMeasure.ISSUED_COST, by, span, wanted)
    keys = set(revenue) | set(cost)
    profit = {key: revenue.get(key, [ZERO, ZERO])[1] - cost.get(key, [ZERO, ZERO])[1] for key in keys}
    labels = Labels.of(uow, by)
    rows: list[tuple[Cell, ...]] = []
    figures: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []
    others = False
    shown = ordered_groups(by, span, keys, profit, scope.currency)
    labels.read(groups[0][0] for groups in shown if len(groups) == 1)
    for groups in shown:
        currency = groups[0][1]
        quantity = sum((revenue[k][0] for k in groups if k in revenue), ZERO)
        sold = sum((rounded(revenue[k][1], currency) for k in groups if k in revenue), ZERO)
        issued = sum((rounded(cost[k][1], currency) for k in groups if k in cost), ZERO)
        label = labels.of_group(groups[0][0]) if len(groups) == 1 else labels.others(len(groups))
        others = others or len(groups) > 1
        figures.append((quantity, rounded(sold, currency), rounded(issued, currency), rounded(sold - issued, currency)))
        rows.append((*label, currency, *figures[-1], percent(sold - issued, sold)))
    currencies = sorted({str(row[-6]) for row in rows})
    totals: tuple[Cell, ...] | None = None
    if len(currencies) <= 1:  # one currency (or none found: nothing to add up, a total of zero)
        currencies = currencies or [scope.currency or ""]
        sums = [sum((figure[i] for figure in figures), ZERO) for i in range(4)]
        totals = ("Total", *("" for _ in labels.columns[1:]), currencies[0], *sums, percent(sums[3], sums[1]))
    notes = [f"From {span.first} to {span.last}."]
    if others:
        notes.append("The 20 largest gross profits of each currency are shown by name; the others are summed in "
                     "one row.")
    return ReportTable(
        report="gross-margin", title=f"Gross margin by {by}", basis=BASIS,
        columns=(*labels.columns, Column("currency", "Currency"),
                 Column("quantity", "Quantity invoiced", ColumnKind.QUANTITY),
                 Column("revenue", "Net revenue", ColumnKind.AMOUNT),
                 Column("cost", "Cost of goods issued", ColumnKind.AMOUNT),
                 Column("gross_profit", "Gross profit", ColumnKind.AMOUNT),
                 Column("margin", "Margin %", ColumnKind.PERCENT)),
        rows=tuple(rows), totals=totals, currency=(currencies[0] or None) if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.BARS, x=labels.x, series=("revenue", "cost", "gross_profit"),
                        title=f"Revenue, cost and gross profit by {by}"),
        notes=tuple(notes), filters=scope.filters)


GROSS_MARGIN = ReportDefinition(
    name="gross-margin", title="Gross margin", summary="Revenue less the cost of the goods issued, by period, "
    "product, customer or branch", dating=Dating.RANGE, run=gross_margin_report, groupings=GROUPINGS,
    filters=frozenset({"branch", "customer", "product", "category"}))
