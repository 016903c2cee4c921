"""Cart recovery by month: carts abandoned (a recovery message went out for them), those recovered (checked out
after a message), the recovery rate, and what the carts were worth.

Rules (docs/rules.md, "Reports: orders, quotations, MRR and carts"):
- the counts and the rate are those of the carts' own recovery rate (`processes.cart_queries.recovery_rate`, one
  definition: `rate_of` the store's figures): a cart counts in each month a recovery message was claimed for it,
  recovered when it was checked out after the first of that month's messages; oms keeps no other trace of the
  moment a cart was abandoned (abandonment is computed from its idle time and the branch's policy), so carts
  abandoned while recovery was off or without a contact are not counted;
- the value of a cart is its net total before tax: a checked-out cart's order's, any other's as the checkout
  priced its lines when the first message of the month was claimed (recorded then, `Cart.recovery_months`: lines
  changed or merged into another cart afterwards do not change it); in the branch's currency (no value when the
  carts' branches have several currencies, rather than add them up).

The store counts and sums the recorded months by month and currency (`CartRepository.recovery_by_month`), reading
the months asked and no cart.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.application.processes.cart_queries import rate_of
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import percent
from oms.application.reports.requests import Scope
from oms.domain.reports.periods import Granularity, bucket_label
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.shared.money import Currency
from oms.ports.unit_of_work import UnitOfWork

MESSAGED = "messaged"
BASES = {MESSAGED: "carts by the month a recovery message was claimed for them (UTC); recovered: checked out "
                   "after it; values net before tax"}
C = ColumnKind


def cart_recovery_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    months = list(scope.range.buckets(Granularity.MONTH))
    found = uow.carts.carts.recovery_by_month(months[0], months[-1])  # one read for the counts and the values
    rates = rate_of(found, months[0], months[-1]).periods
    values: dict[str, list[Decimal]] = {}
    currencies: set[str] = set()
    for figures in found:
        currencies.add(figures.currency)
        sums = values.setdefault(f"{figures.month:%Y-%m}", [Decimal(0), Decimal(0)])
        currency = Currency.of(figures.currency)  # sums of amounts in the minor unit, as the amounts themselves
        sums[0] += currency.round(figures.value)
        if figures.recovered:
            sums[1] += currency.round(figures.recovered_value)
    one = next(iter(currencies)) if len(currencies) == 1 else (scope.currency or "" if not currencies else None)
    rows: list[tuple[Cell, ...]] = []
    for period in rates:
        abandoned, recovered = values.get(period.month, [Decimal(0), Decimal(0)])
        rows.append((bucket_label(date.fromisoformat(f"{period.month}-01"), Granularity.MONTH), period.messaged,
                     period.recovered, percent(period.recovered, period.messaged),
                     abandoned if one is not None else None, recovered if one is not None else None))
    messaged = sum(period.messaged for period in rates)
    recovered_count = sum(period.recovered for period in rates)
    totals: tuple[Cell, ...] = ("Total", messaged, recovered_count, percent(recovered_count, messaged),
                                *((sum((Decimal(str(row[4])) for row in rows), Decimal(0)),
                                   sum((Decimal(str(row[5])) for row in rows), Decimal(0)))
                                  if one is not None else (None, None)))
    return ReportTable(
        report="cart-recovery", title="Cart recovery by month", basis=f"Recovery messages: {BASES[MESSAGED]}",
        columns=(Column("month", "Month"), Column("abandoned", "Abandoned (messaged)", C.COUNT),
                 Column("recovered", "Recovered", C.COUNT), Column("recovery_rate", "Recovery %", C.PERCENT),
                 Column("abandoned_value", "Abandoned value", C.AMOUNT),
                 Column("recovered_value", "Recovered value", C.AMOUNT)),
        rows=tuple(rows), totals=totals, currency=one or None,
        chart=ChartSpec(kind=ChartKind.BARS, x="month", series=("abandoned", "recovered"),
                        title="Abandoned and recovered carts by month"),
        notes=("A cart counts as abandoned in each month a recovery message was claimed for it: carts abandoned "
               "while recovery was off, or without a contact, are not counted.",
               *(() if one is not None else ("The carts' branches have several currencies: no values shown.",))),
        filters=scope.filters)


CART_RECOVERY = ReportDefinition(
    name="cart-recovery", title="Cart recovery",
    summary="Carts abandoned and recovered by month, the recovery rate and their value", dating=Dating.RANGE,
    run=cart_recovery_report, bases=(MESSAGED,), basis_meanings=BASES)
