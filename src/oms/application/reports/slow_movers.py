"""Slow movers at a day: the products a warehouse holds at the end of that day that no goods issue has taken for
at least `IDLE_DAYS` days, most value first: what capital sits still.

A goods issue is a sales order's goods issue or a production's consumption (not a return to a supplier nor an
adjustment after a count). Days idle count from the last such issue of the product in that warehouse up to the
day; a product never issued from it counts from its first movement there (its first receipt), so stock received
yesterday is not slow yet. The report takes no threshold: 90 days, ERPNext's and Odoo's usual ageing bucket."""

from __future__ import annotations

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.application.reports.stock_scope import ISSUE_KINDS, amount, end_of, plain, stock_scope, total
from oms.domain.reports.tables import CHART_BARS, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.unit_of_work import UnitOfWork

IDLE_DAYS = 90
IDLE = "idle"
BASES = {IDLE: f"stock on hand at the end of the day (UTC) not taken by any goods issue for {IDLE_DAYS} days or "
               f"more ({ISSUE_KINDS}), valued at moving average cost"}


def slow_movers_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.as_of is not None
    day, end = scope.as_of, end_of(scope.as_of)
    wanted = stock_scope(uow, scope)
    positions = [p for p in uow.reports.stock_at(end, wanted.filter) if p.quantity > 0]
    activity = {(a.product_id, a.warehouse_id): a for a in uow.reports.stock_activity(end, end, wanted.filter)}
    places = wanted.places
    rows, kept = [], []
    for p in positions:
        found = activity.get((p.product_id, p.warehouse_id))
        last = None if found is None or found.last_issue is None else found.last_issue.date()
        since = last or (None if found is None or found.first_movement is None else found.first_movement.date())
        idle = None if since is None else (day - since).days
        if idle is not None and idle < IDLE_DAYS:
            continue
        currency = places[p.warehouse_id].currency
        kept.append(p.warehouse_id)
        rows.append((p.sku, places[p.warehouse_id].warehouse, currency, plain(p.quantity),
                     amount(p.value, currency), last, idle))
    rows.sort(key=lambda row: (-row[4], row[0], row[1]))
    one = wanted.currency(kept)
    return ReportTable(
        report="slow-movers", title=f"Slow movers at {day}", basis=f"Slow movers: {BASES[IDLE]}",
        columns=(Column("product", "Product"), Column("warehouse", "Warehouse"), Column("currency", "Currency"),
                 Column("quantity", "On hand", ColumnKind.QUANTITY), Column("value", "Value", ColumnKind.AMOUNT),
                 Column("last_issue", "Last issue", ColumnKind.DATE),
                 Column("days_idle", "Days without issue", ColumnKind.DAYS)),
        rows=tuple(rows),
        totals=None if one is None else ("Total", None, one, None, amount(total(r[4] for r in rows), one), None, None),
        chart=ChartSpec(kind=ChartKind.BARS, x="product", series=("value",), title="Value of slow-moving stock",
                        largest=CHART_BARS),
        currency=one,
        notes=(f"At the end of {day} (UTC): stock without a goods issue for {IDLE_DAYS} days or more (a fixed "
               "threshold), most value first.",
               "Never issued from the warehouse: days counted from its first movement there, no last issue shown."),
        filters=scope.filters)


SLOW_MOVERS = ReportDefinition(
    name="slow-movers", title="Slow movers",
    summary=f"Stock on hand at a day with no goods issue for {IDLE_DAYS} days or more, most value first",
    dating=Dating.AS_OF, run=slow_movers_report, bases=(IDLE,), basis_meanings=BASES,
    filters=frozenset({"branch", "warehouse", "product", "category"}))
