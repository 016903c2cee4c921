"""Cart recovery by month: carts abandoned (a recovery message went out for them), those recovered (checked out
after a message), the recovery rate, and what the carts were worth.

Rules (docs/rules.md, "Reports: orders, quotations, MRR and carts"):
- the counts and the rate are those of the carts' own recovery rate (`processes.cart_queries.recovery_rate`, one
  definition): a cart counts in each month a recovery message was claimed for it, recovered when it was checked
  out after the first of that month's messages; oms keeps no other trace of the moment a cart was abandoned
  (abandonment is computed from its idle time and the branch's policy), so carts abandoned while recovery was off
  or without a contact are not counted;
- the value of a cart is its net total before tax: a recovered cart's order's, any other's as the checkout prices
  its lines at its first message of the month; in the branch's currency (no value when the carts' branches have
  several currencies, rather than add them up).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

from oms.application.processes.cart_queries import cart_draft, recovery_rate
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import percent
from oms.application.reports.requests import Scope
from oms.domain.carts.carts import CartStatus
from oms.domain.reports.periods import Granularity, bucket_label, next_bucket
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.unit_of_work import UnitOfWork

MESSAGED = "messaged"
BASES = {MESSAGED: "carts by the month a recovery message was claimed for them (UTC); recovered: checked out "
                   "after it; values net before tax"}
C = ColumnKind


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def cart_recovery_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    months = list(scope.range.buckets(Granularity.MONTH))
    rates = recovery_rate(uow, scope.today, f"{months[0]:%Y-%m}", f"{months[-1]:%Y-%m}").periods
    values: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    currencies: set[str] = set()
    branches: dict[str, str] = {}
    for cart in uow.carts.carts.with_reminders_since(_at(months[0])):
        currency = branches.get(cart.branch_id) or branches.setdefault(
            cart.branch_id, uow.masterdata.branches.get(cart.branch_id).currency)
        for month in months:
            start, end = _at(month), _at(next_bucket(month, Granularity.MONTH))
            claims = [r.claimed_at for r in cart.reminders if start <= r.claimed_at < end]
            if not claims:
                continue
            currencies.add(currency)
            draft = cart_draft(uow, cart, min(claims))
            net = Decimal(0) if draft is None else draft.totals().net_total
            found = values[f"{month:%Y-%m}"]
            found[0] += net
            if cart.status is CartStatus.CONVERTED and cart.closed_at is not None and cart.closed_at >= min(claims):
                found[1] += net
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
