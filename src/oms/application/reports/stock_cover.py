"""Stock cover: for how many days what is available now lasts at the pace of the last `WINDOW_DAYS` days' goods
issues, per product and warehouse, what runs out first first.

Available = on hand - reserved, now (reservations have no history, so the report is taken today, not at a past
day). The pace is the quantity issued over the window (the `WINDOW_DAYS` days up to today, today included; goods
issues of sales orders and consumptions of production, customer returns not netted) divided by its days; cover =
available / that pace, in days (none when nothing was issued: no pace to run out at). Levels with nothing on hand
and nothing issued are left out."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.application.reports.stock_scope import ISSUE_KINDS, end_of, plain, stock_scope
from oms.domain.reports.tables import ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.unit_of_work import UnitOfWork

WINDOW_DAYS = 30
PACE = "pace"
BASES = {PACE: f"available stock now (on hand - reserved) against the quantity issued over the last {WINDOW_DAYS} "
               f"days, today included ({ISSUE_KINDS}), by movement time (UTC)"}
DAILY = Decimal("0.001")
COVER = Decimal("0.1")


def stock_cover_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    today = scope.today
    first = today - timedelta(days=WINDOW_DAYS - 1)
    wanted = stock_scope(uow, scope)
    issued = {(a.product_id, a.warehouse_id): a.issued for a in uow.reports.stock_issued(
        datetime.combine(first, time(), tzinfo=UTC), end_of(today), wanted.filter)}
    places = wanted.places
    rows = []
    for level in uow.reports.stock_now(wanted.filter):
        moved = issued.get((level.product_id, level.warehouse_id), Decimal(0))
        if not level.on_hand and not moved:
            continue
        available = level.on_hand - level.reserved
        cover = None if moved <= 0 else (available * WINDOW_DAYS / moved).quantize(COVER, rounding=ROUND_HALF_UP)
        rows.append((level.sku, places[level.warehouse_id].warehouse, plain(level.on_hand), plain(level.reserved),
                     plain(available), plain(moved), plain((moved / WINDOW_DAYS).quantize(DAILY, ROUND_HALF_UP)),
                     cover))
    rows.sort(key=lambda row: (row[7] is None, row[7] or 0, row[0], row[1]))
    return ReportTable(
        report="stock-cover", title=f"Stock cover on {today}", basis=f"Stock cover: {BASES[PACE]}",
        columns=(Column("product", "Product"), Column("warehouse", "Warehouse"),
                 Column("on_hand", "On hand", ColumnKind.QUANTITY), Column("reserved", "Reserved", ColumnKind.QUANTITY),
                 Column("available", "Available", ColumnKind.QUANTITY),
                 Column("issued", f"Issued in {WINDOW_DAYS} days", ColumnKind.QUANTITY),
                 Column("daily", "Issued per day", ColumnKind.QUANTITY),
                 Column("cover_days", "Cover (days)", ColumnKind.DAYS)),
        rows=tuple(rows),
        chart=ChartSpec(kind=ChartKind.BARS, x="product", series=("available", "issued"),
                        title=f"Available against issued in {WINDOW_DAYS} days"),  # add up over warehouses
        notes=(f"Pace: the quantity issued from {first} to {today} (UTC), {WINDOW_DAYS} days, divided by "
               f"{WINDOW_DAYS}; cover = available / pace. Nothing issued: no cover (listed last).",
               "Quantities are per product: no totals across products."),
        filters=scope.filters)


STOCK_COVER = ReportDefinition(
    name="stock-cover", title="Stock cover",
    summary=f"Days the available stock lasts at the pace of the last {WINDOW_DAYS} days' issues, shortest first",
    dating=Dating.NONE, run=stock_cover_report, bases=(PACE,), basis_meanings=BASES,
    filters=frozenset({"branch", "warehouse", "product", "category"}))
