"""Sales by period: what was booked, bucket by bucket, against the same bucket of the previous period.

Bookings count sales orders confirmed and not cancelled, by the day they were created (UTC), at their lines' net
amounts (after discounts, before tax), in their own currency: a row per bucket and currency, never currencies
added together. The previous period is the range of the same length just before (peers.md 6b R1)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import change_percent
from oms.application.reports.requests import Scope
from oms.domain.reports.periods import Granularity, bucket_label, bucket_start
from oms.domain.reports.tables import ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.shared.money import Currency
from oms.ports.reports.sales import SalesFilter
from oms.ports.unit_of_work import UnitOfWork

BOOKINGS = "bookings"
BASES = {BOOKINGS: "sales orders confirmed and not cancelled, by order date (UTC), net of discounts, before tax"}
PERIODS = tuple(granularity.value for granularity in Granularity)


def sales_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    assert scope.by is not None
    granularity = Granularity(scope.by)
    wanted = SalesFilter(branch_id=scope.branch_id, customer_id=scope.customer_id, product_id=scope.product_id,
                         category=scope.category)
    now, before = scope.range, scope.range.previous()
    shift = {bucket_start(day, granularity): index for index, day in enumerate(now.buckets(granularity))}
    previous_buckets = list(before.buckets(granularity))
    sums: dict[tuple[date, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for figure in uow.reports.bookings_by_day(now.first, now.end, wanted):
        found = sums[(bucket_start(figure.day, granularity), figure.currency)]
        found[0] += figure.quantity
        found[1] += figure.amount
    starts = list(shift)
    for figure in uow.reports.bookings_by_day(before.first, before.end, wanted):
        index = previous_buckets.index(bucket_start(figure.day, granularity))
        if index < len(starts):  # a bucket of the previous period compares with the one at its place in this one
            sums[(starts[index], figure.currency)][2] += figure.amount
    currencies = sorted({currency for _, currency in sums}) or [scope.currency or ""]
    rows = []
    for start in starts:
        for currency in currencies:
            quantity, amount, previous = sums.get((start, currency), (Decimal(0), Decimal(0), Decimal(0)))
            money = Currency.of(currency) if currency else None
            if money is not None:  # sums of amounts in the currency's minor unit, shown as such on every store
                amount, previous = money.round(amount), money.round(previous)
            rows.append((bucket_label(start, granularity), currency, quantity, amount, previous,
                         change_percent(amount, previous)))
    totals = None
    if len(currencies) == 1:
        quantity = sum((row[2] for row in rows), Decimal(0))
        amount = sum((row[3] for row in rows), Decimal(0))
        previous = sum((row[4] for row in rows), Decimal(0))
        totals = ("Total", currencies[0], quantity, amount, previous, change_percent(amount, previous))
    return ReportTable(
        report="sales", title=f"Sales by {granularity.value}", basis=f"Bookings: {BASES[BOOKINGS]}",
        columns=(Column("period", "Period"), Column("currency", "Currency"),
                 Column("quantity", "Quantity", ColumnKind.QUANTITY), Column("amount", "Net amount", ColumnKind.AMOUNT),
                 Column("previous_amount", "Previous period", ColumnKind.AMOUNT),
                 Column("change", "Change %", ColumnKind.PERCENT)),
        rows=tuple(rows), totals=totals, currency=currencies[0] if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.BARS, x="period", series=("amount", "previous_amount"),
                        title=f"Net sales by {granularity.value}"),
        notes=(f"From {now.first} to {now.last}; previous period {before.first} to {before.last}.",),
        filters=scope.filters)


SALES = ReportDefinition(
    name="sales", title="Sales", summary="Sales by period, against the previous period", dating=Dating.RANGE,
    run=sales_report, groupings=("month", *(p for p in PERIODS if p != "month")), bases=(BOOKINGS,),
    basis_meanings=BASES, filters=frozenset({"branch", "customer", "product"}))
