"""Quotation conversion (peers.md 6b R6): the quotations of each month (their cohort, by quotation date), what
became of them, and the conversion rate, by count and by value.

Rules (docs/rules.md, "Reports: orders, quotations, MRR and carts"):
- a quotation counts in the bucket of the day it was created (UTC), whatever became of it since;
- converted: turned into a sales order; lost: rejected; expired: past its validity unanswered; open: draft, sent
  or accepted and not converted yet; decided = converted + lost + expired;
- conversion % = converted / decided by count, and by value (net totals, before tax): open quotations are left out
  of the denominator (none decided: no rate); cancelled quotations (withdrawn) and superseded ones (their revision
  counts instead, in its own month) are not counted;
- values in each quotation's currency: a row per bucket and currency.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import percent
from oms.application.reports.requests import Scope
from oms.domain.reports.periods import Granularity, bucket_label, bucket_start
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.sales.quotation import QuotationStatus
from oms.ports.reports.orders import OrdersFilter
from oms.ports.unit_of_work import UnitOfWork

_Q = QuotationStatus
OUTCOME = {_Q.CONVERTED: "converted", _Q.REJECTED: "lost", _Q.EXPIRED: "expired", _Q.DRAFT: "open",
           _Q.SENT: "open", _Q.ACCEPTED: "open"}
"""What became of a quotation, by its status; cancelled and superseded ones are not counted."""
OUTCOMES = ("converted", "lost", "expired", "open")
COHORT = "cohort"
BASES = {COHORT: "quotations by the day they were created (UTC), cancelled and superseded ones left out; net "
                 "totals before tax"}
GROUPINGS = ("month", "quarter", "year")
C = ColumnKind


def quotation_conversion_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    granularity = Granularity(scope.by or GROUPINGS[0])
    counts: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
    values: dict[tuple[date, str], dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, Decimal(0)))
    for figure in uow.reports.quotations_by_day(scope.range.first, scope.range.end, OrdersFilter(
            branch_id=scope.branch_id, customer_id=scope.customer_id, product_id=scope.product_id,
            category=scope.category)):
        outcome = OUTCOME.get(_Q(figure.status))
        if outcome is None:
            continue
        key = (bucket_start(figure.day, granularity), figure.currency)
        counts[key][outcome] += figure.count
        values[key][outcome] += figure.net
    currencies = sorted({currency for _, currency in counts}) or [scope.currency or ""]
    rows: list[tuple[Cell, ...]] = []
    for start in scope.range.buckets(granularity):
        for currency in currencies:
            rows.append(_row(bucket_label(start, granularity), currency, counts.get((start, currency)),
                             values.get((start, currency))))
    one = currencies[0] if len(currencies) == 1 else None
    totals = None
    if one is not None:
        count_sums = {o: sum(c[o] for (_, cur), c in counts.items() if cur == one) for o in OUTCOMES}
        value_sums = {o: sum((v[o] for (_, cur), v in values.items() if cur == one), Decimal(0)) for o in OUTCOMES}
        totals = _row("Total", one, count_sums, value_sums)
    return ReportTable(
        report="quotation-conversion", title=f"Quotation conversion by {granularity.value}",
        basis=f"Quotation cohorts: {BASES[COHORT]}",
        columns=(Column("period", "Period"), Column("currency", "Currency"),
                 Column("quotations", "Quotations", C.COUNT), Column("converted", "Converted", C.COUNT),
                 Column("lost", "Lost", C.COUNT), Column("expired", "Expired", C.COUNT),
                 Column("open", "Open", C.COUNT),
                 Column("decided", "Decided", C.COUNT), Column("conversion", "Conversion %", C.PERCENT),
                 Column("converted_value", "Converted value", C.AMOUNT),
                 Column("decided_value", "Decided value", C.AMOUNT),
                 Column("value_conversion", "Conversion % by value", C.PERCENT)),
        rows=tuple(rows), totals=totals, currency=one,
        chart=ChartSpec(kind=ChartKind.BARS, x="period", series=("converted", "lost", "expired", "open"),
                        title=f"Quotations by outcome, by {granularity.value} of quotation"),
        notes=(f"Quotations from {scope.range.first} to {scope.range.last}, as they stand now.",
               "Conversion % = converted / (converted + lost + expired); open quotations are not decided yet."),
        filters=scope.filters)


def _row(label: str, currency: str, counts: dict[str, int] | None,
         values: dict[str, Decimal] | None) -> tuple[Cell, ...]:
    c = counts or dict.fromkeys(OUTCOMES, 0)
    v = values or dict.fromkeys(OUTCOMES, Decimal(0))
    decided = c["converted"] + c["lost"] + c["expired"]
    decided_value = v["converted"] + v["lost"] + v["expired"]
    return (label, currency, sum(c.values()), c["converted"], c["lost"], c["expired"], c["open"], decided,
            percent(c["converted"], decided), v["converted"], decided_value, percent(v["converted"], decided_value))


QUOTATION_CONVERSION = ReportDefinition(
    name="quotation-conversion", title="Quotation conversion",
    summary="Quotations by month: converted, lost, expired, open, and the conversion rate by count and value",
    dating=Dating.RANGE, run=quotation_conversion_report, groupings=GROUPINGS, bases=(COHORT,),
    basis_meanings=BASES, filters=frozenset({"branch", "customer", "product", "category"}))
