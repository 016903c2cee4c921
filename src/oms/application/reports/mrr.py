"""MRR, ARR and each month's MRR movements (peers.md 6b R9), month by month: the subscription measures
(`application/subscriptions/measures.py`, defined in `domain/subscriptions/measures.py`) put in a table, never
computed a second way: the subscriptions' histories are read once (`recurring_histories`, as `subscription_measures`
reads them: what MRR needs of the subscriptions and of their billing records, a statement each) and the months'
movements taken from them (`monthly_movements`, which `movements` of `subscription_measures` is one month of: each
subscription's MRR at a month's boundary computed once).

Rules (docs/rules.md): a row per month and currency (currencies are never added up); MRR at the month's end =
MRR at its start + new + expansion + reactivation - contraction - churn, to the cent, on every row; ARR = 12 x MRR;
a month not over yet is read at its last day as the subscriptions stand now (what they will bill, not what
happened)."""

from __future__ import annotations

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.application.subscriptions.measures import recurring_histories
from oms.domain.reports.periods import Granularity, bucket_label
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.subscriptions.measures import monthly_movements
from oms.ports.unit_of_work import UnitOfWork

SUBSCRIPTIONS = "subscriptions"
BASES = {SUBSCRIPTIONS: "subscriptions' recurring prices before tax normalised to a month, at each month's last "
                        "day (trialing, paused, unpaid, cancelled and ended ones at 0; past due counted)"}
C = ColumnKind
MOVEMENTS = ("new", "expansion", "reactivation", "contraction", "churn")


def mrr_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    months = list(scope.range.buckets(Granularity.MONTH))
    rows: list[tuple[Cell, ...]] = []
    for month, moves in zip(months, monthly_movements(recurring_histories(uow), months), strict=True):
        label = bucket_label(month, Granularity.MONTH)
        for moved in moves:
            shown = moved.shown()
            rows.append((label, shown.currency, shown.start, shown.new, shown.expansion, shown.reactivation,
                         shown.contraction, shown.churn, shown.end, shown.arr, shown.subscriptions))
    currencies = sorted({str(row[1]) for row in rows})
    return ReportTable(
        report="mrr", title="MRR and its movements by month", basis=f"Subscriptions: {BASES[SUBSCRIPTIONS]}",
        columns=(Column("month", "Month"), Column("currency", "Currency"),
                 Column("mrr_start", "MRR at start", C.AMOUNT), Column("new", "New", C.AMOUNT),
                 Column("expansion", "Expansion", C.AMOUNT), Column("reactivation", "Reactivation", C.AMOUNT),
                 Column("contraction", "Contraction", C.AMOUNT), Column("churn", "Churn", C.AMOUNT),
                 Column("mrr", "MRR at end", C.AMOUNT), Column("arr", "ARR", C.AMOUNT),
                 Column("subscriptions", "Subscriptions", C.COUNT)),
        rows=tuple(rows), currency=currencies[0] if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.LINES, x="month", series=("mrr",), title="MRR at the end of each month"),
        notes=(f"Months from {scope.range.first:%Y-%m} to {scope.range.last:%Y-%m}; a month's movements reconcile: "
               "MRR at end = at start + new + expansion + reactivation - contraction - churn.",
               "A month with no MRR at its start or end has no row."),
        filters=scope.filters)


MRR = ReportDefinition(
    name="mrr", title="MRR", summary="Monthly recurring revenue, ARR and the month's MRR movements",
    dating=Dating.RANGE, run=mrr_report, bases=(SUBSCRIPTIONS,), basis_meanings=BASES)
