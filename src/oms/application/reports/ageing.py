"""The ageing of what posted documents still owe on a day, by days past their due date: the table receivables and
payables ageing share (receivables_ageing.py, payables_ageing.py).

On the day the ageing is taken, each posted document dated on or before it owes its total with tax less what its
posted credit (or debit) notes dated on or before it took off and what payments dated on or before it paid
(allocations of those payments, as the customer's statement counts them); never below zero. What it owes goes into
one bucket by days past its due date: not due, 1-30, 31-60, 61-90, over 90 (`oms.domain.reports.ledgers`). Amounts
are in each document's own currency, a row per party and currency: currencies are never added together."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from oms.application.reports.requests import Scope
from oms.domain.reports.ledgers import AGEING_BUCKETS, AGEING_TITLES
from oms.domain.reports.tables import CHART_BARS, Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.ledgers import AgeingKey, LedgerFilter, OpenAmounts

Figures = Callable[[date, AgeingKey, LedgerFilter], Sequence[OpenAmounts]]
COLUMNS = (Column("currency", "Currency"), Column("documents", "Open documents", ColumnKind.COUNT),
           *(Column(name, AGEING_TITLES[name], ColumnKind.AMOUNT) for name in AGEING_BUCKETS),
           Column("total", "Total", ColumnKind.AMOUNT))


def ageing_table(figures: Figures, scope: Scope, *, report: str, party: str, documents: str,
                 basis: str) -> ReportTable:
    """The ageing of `figures` (a store's receivables or payables) on the scope's day, by party or branch."""
    assert scope.as_of is not None
    assert scope.by is not None
    key = AgeingKey.BRANCH if scope.by == "branch" else AgeingKey.PARTY
    wanted = LedgerFilter(branch_id=scope.branch_id, customer_id=scope.customer_id, supplier_id=scope.supplier_id)
    figures_of = sorted(figures(scope.as_of, key, wanted), key=lambda f: (f.currency, f.code, f.name))
    currencies = sorted({figure.currency for figure in figures_of})
    rows: list[tuple[Cell, ...]] = []
    for figure in figures_of:
        rows.append((figure.code, figure.name, figure.currency, sum(figure.documents), *figure.residuals,
                     sum(figure.residuals, Decimal(0))))
    totals: tuple[Cell, ...] | None = None
    notes = [f"Owed on {scope.as_of}, by days past the due date; {documents} dated on or before that day."]
    for currency in currencies:
        of_currency = [figure for figure in figures_of if figure.currency == currency]
        amounts = [sum((figure.residuals[index] for figure in of_currency), Decimal(0))
                   for index in range(len(AGEING_BUCKETS))]
        count = sum(sum(figure.documents) for figure in of_currency)
        if len(currencies) == 1:
            totals = ("Total", "", currency, count, *amounts, sum(amounts, Decimal(0)))
        else:
            notes.append(f"Total {currency}: {sum(amounts, Decimal(0))} in {count} documents.")
    label = "Branch" if key is AgeingKey.BRANCH else party.capitalize()
    title = f"{report.split('-')[0].capitalize()} ageing by {scope.by}"
    return ReportTable(
        report=report, title=title, basis=basis,
        columns=(Column(scope.by, label), Column("name", "Name"), *COLUMNS), rows=tuple(rows), totals=totals,
        currency=currencies[0] if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.BARS, x=scope.by, series=AGEING_BUCKETS, title=title, largest=CHART_BARS),
        notes=tuple(notes), filters=scope.filters)
