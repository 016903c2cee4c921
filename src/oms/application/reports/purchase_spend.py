"""Purchase spend: what suppliers billed us, net of the debit notes they gave, by supplier, product, branch or period.

Posted vendor bills less posted debit notes, each in the period of its own bill date (a debit note lowers the spend
of its own period, never its bill's: peers.md 6b R1), at the lines' net amounts (after discounts, before tax), in
the branch's currency: a bill in another currency converts at the exchange rate of its bill date, the rate its
posting to the books used (R3, R7); a row per branch currency, never currencies added together. Drafts and
cancelled bills never count."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.conversion import BranchRates
from oms.application.reports.requests import Scope
from oms.domain.reports.periods import Granularity, bucket_label, bucket_start
from oms.domain.reports.tables import CHART_BARS, Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.ledgers import LedgerFilter, SpendKey
from oms.ports.unit_of_work import UnitOfWork

POSTED = "posted"
BASES = {POSTED: "posted vendor bills less posted debit notes, by bill date, net of discounts before tax, in the "
                 "branch's currency at the bill date's exchange rate; drafts and cancelled bills never count"}
PARTIES = {"supplier": ("Supplier", SpendKey.SUPPLIER), "product": ("Product", SpendKey.PRODUCT),
           "branch": ("Branch", SpendKey.BRANCH)}
PERIODS = tuple(granularity.value for granularity in Granularity)
AMOUNTS = (Column("bills", "Bills", ColumnKind.COUNT), Column("billed", "Billed", ColumnKind.AMOUNT),
           Column("debited", "Debit notes", ColumnKind.AMOUNT), Column("net", "Net spend", ColumnKind.AMOUNT))


def purchase_spend_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    assert scope.by is not None
    period = scope.by not in PARTIES
    wanted = LedgerFilter(branch_id=scope.branch_id, supplier_id=scope.supplier_id, product_id=scope.product_id,
                          category=scope.category)
    key = SpendKey.DAY if period else PARTIES[scope.by][1]
    rates = BranchRates(uow)
    granularity = Granularity(scope.by) if period else Granularity.DAY
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    names: dict[str, tuple[str, str]] = {}
    for figure in uow.reports.purchase_spend(scope.range.first, scope.range.end, key, wanted):
        group = bucket_start(figure.day, granularity).isoformat() if period and figure.day else figure.key
        names[group] = (figure.code, figure.name)
        sum_ = sums[(group, figure.branch_currency)]
        sum_[0] += figure.bills
        sum_[1] += rates.convert(figure.billed, figure.currency, figure.branch_currency, figure.day)
        sum_[2] += rates.convert(figure.debited, figure.currency, figure.branch_currency, figure.day)
    currencies = sorted({currency for _, currency in sums}) or [scope.currency or ""]
    found: list[tuple[tuple[str, ...], str, int, Decimal, Decimal]] = []
    if period:
        for start in scope.range.buckets(granularity):
            for currency in currencies:
                bills, billed, debited = sums.get((start.isoformat(), currency), (Decimal(0),) * 3)
                found.append(((bucket_label(start, granularity),), currency, int(bills), billed, debited))
        labels: tuple[Column, ...] = (Column("period", "Period"),)
    else:
        found = [(names[group], currency, int(bills), billed, debited)
                 for (group, currency), (bills, billed, debited) in sums.items()]
        found.sort(key=lambda row: (row[1], row[4] - row[3], row[0]))  # per currency, the biggest spend first
        labels = (Column(scope.by, PARTIES[scope.by][0]), Column("name", "Name"))
    rows: tuple[tuple[Cell, ...], ...] = tuple((*label, currency, bills, billed, debited, billed - debited)
                 for label, currency, bills, billed, debited in found)
    totals: tuple[Cell, ...] | None = None
    if len(currencies) == 1:
        billed = sum((row[3] for row in found), Decimal(0))
        debited = sum((row[4] for row in found), Decimal(0))
        totals = ("Total", *([""] * (len(labels) - 1)), currencies[0], sum(row[2] for row in found), billed,
                  debited, billed - debited)
    title = f"Purchase spend by {scope.by}"
    return ReportTable(
        report="purchase-spend", title=title, basis=f"Spend: {BASES[POSTED]}",
        columns=(*labels, Column("currency", "Currency"), *AMOUNTS), rows=rows, totals=totals,
        currency=currencies[0] if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.BARS, x=labels[0].name, series=("net",), title=title,
                        largest=None if period else CHART_BARS),
        notes=(f"From {scope.range.first} to {scope.range.last}.",
               "A debit note lowers the spend of its own date, not its bill's."), filters=scope.filters)


PURCHASE_SPEND = ReportDefinition(
    name="purchase-spend", title="Purchase spend", dating=Dating.RANGE, run=purchase_spend_report,
    summary="Posted vendor bills less debit notes by supplier, product, branch or period, in the branch currency",
    groupings=("supplier", "month", *(p for p in PERIODS if p != "month"), "product", "branch"), bases=(POSTED,),
    basis_meanings=BASES, filters=frozenset({"branch", "supplier", "product", "category"}))
