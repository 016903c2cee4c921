"""Sales: what was booked, shipped or invoiced, by a period's buckets or by product, customer or branch, against
the previous period.

Three bases, each stated on the table (peers.md 6b R1; the rules in `oms.ports.reports.sales.SalesMeasure`):
bookings by order date, shipments by goods-issue date (returns received subtract in their own period), revenue by
invoice posting date (credit notes subtract in their own period). Amounts are net (after discounts, before tax),
in the documents' own currency: a row per group and currency, never currencies added together, and a totals row
only when there is one currency. The previous period is the range of the same length just before
(`DateRange.previous`). Grouped by product, customer or branch, the 20 largest groups of each currency are shown
by name and the rest summed into one "Others" row, so the table still adds up to the total."""

from __future__ import annotations

from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import change_percent
from oms.application.reports.groups import (
    GROUPINGS,
    Labels,
    filter_of,
    is_period,
    ordered_groups,
    rounded,
    shifted,
    summed,
)
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.sales import SalesMeasure
from oms.ports.unit_of_work import UnitOfWork

BOOKINGS, SHIPMENTS, REVENUE = "bookings", "shipments", "revenue"
BASES = {
    BOOKINGS: "sales orders confirmed and not cancelled, by order date (UTC), net of discounts, before tax",
    SHIPMENTS: "goods issues by goods-issue date (UTC), at the order line's net unit price; returns received "
               "subtract in the period they were received",
    REVENUE: "posted invoices by posting date, net before tax; posted credit notes subtract in their own posting "
             "period; drafts never count",
}
MEASURES = {BOOKINGS: SalesMeasure.BOOKINGS, SHIPMENTS: SalesMeasure.SHIPMENTS, REVENUE: SalesMeasure.REVENUE}
ZERO = Decimal(0)


def sales_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    assert scope.by is not None
    assert scope.basis is not None
    by, measure = scope.by, MEASURES[scope.basis]
    wanted = filter_of(scope.branch_id, scope.customer_id, scope.product_id, scope.category)
    now, before = scope.range, scope.range.previous()
    current = summed(uow, measure, by, now, wanted)
    previous = shifted(summed(uow, measure, by, before, wanted), by, now, before)
    if not is_period(by):  # a group sold only in the previous period is shown too (it fell to nothing)
        for key in previous:
            current.setdefault(key, [ZERO, ZERO])
    amounts = {key: sums[1] for key, sums in current.items()}
    labels = Labels.of(uow, by)
    rows: list[tuple[Cell, ...]] = []
    figures: list[tuple[Decimal, Decimal, Decimal]] = []
    others = False
    shown = ordered_groups(by, now, current, amounts, scope.currency)
    labels.read(groups[0][0] for groups in shown if len(groups) == 1)
    for groups in shown:
        currency = groups[0][1]
        quantity = sum((current[k][0] for k in groups if k in current), ZERO)
        amount = sum((rounded(current[k][1], currency) for k in groups if k in current), ZERO)
        earlier = sum((rounded(previous[k][1], currency) for k in groups if k in previous), ZERO)
        label = labels.of_group(groups[0][0]) if len(groups) == 1 else labels.others(len(groups))
        others = others or len(groups) > 1
        figures.append((quantity, rounded(amount, currency), rounded(earlier, currency)))
        rows.append((*label, currency, *figures[-1], change_percent(amount, earlier)))
    currencies = sorted({str(row[-5]) for row in rows})
    width = len(labels.columns)
    totals: tuple[Cell, ...] | None = None
    if len(currencies) <= 1:  # one currency (or none found: nothing to add up, a total of zero)
        currencies = currencies or [scope.currency or ""]
        sums = [sum((figure[i] for figure in figures), ZERO) for i in range(3)]
        totals = ("Total", *("" for _ in range(width - 1)), currencies[0], *sums, change_percent(sums[1], sums[2]))
    chart_kind = ChartKind.LINES if by in ("day", "week") else ChartKind.BARS
    series = ("amount", "previous_amount") if is_period(by) else ("amount",)
    notes = [f"From {now.first} to {now.last}; previous period {before.first} to {before.last}."]
    if others:
        notes.append("The 20 largest of each currency are shown by name; the others are summed in one row.")
    return ReportTable(
        report="sales", title=f"Sales by {by}", basis=f"{scope.basis.capitalize()}: {BASES[scope.basis]}",
        columns=(*labels.columns, Column("currency", "Currency"), Column("quantity", "Quantity", ColumnKind.QUANTITY),
                 Column("amount", "Net amount", ColumnKind.AMOUNT),
                 Column("previous_amount", "Previous period", ColumnKind.AMOUNT),
                 Column("change", "Change %", ColumnKind.PERCENT)),
        rows=tuple(rows), totals=totals, currency=(currencies[0] or None) if len(currencies) == 1 else None,
        chart=ChartSpec(kind=chart_kind, x=labels.x, series=series, title=f"Net sales by {by}"),
        notes=tuple(notes), filters=scope.filters)


SALES = ReportDefinition(
    name="sales", title="Sales", summary="Sales booked, shipped or invoiced by period, product, customer or branch, "
    "against the previous period", dating=Dating.RANGE, run=sales_report, groupings=GROUPINGS,
    bases=(BOOKINGS, SHIPMENTS, REVENUE), basis_meanings=BASES,
    filters=frozenset({"branch", "customer", "product", "category"}))
