"""The open order backlog (peers.md 6b R5): what confirmed sales orders still have to ship, its value and how late.

Rules (docs/rules.md, "Reports: orders, quotations, MRR and carts"):
- open lines are the goods lines of orders confirmed, partially issued, or on hold after confirming, that have
  been issued less than ordered; drafts, issued, completed (closed short included) and cancelled orders have none;
- open quantity = ordered - issued: a customer return does not reopen a line (oms credits returned goods, it does
  not ship them again); delivered = issued - returned;
- open value = open quantity x the line's net unit price (its net after line and order discounts, before tax, /
  its quantity), rounded to the currency's minor unit, in the order's currency (a row per currency when grouped);
- oms orders carry no promised date: a line is due on its order date, so delay days = today - order date (shown for
  lines past due only). The report is what is open now: it cannot be taken at a past day;
- by line, the table lists the `MAX_LINES` longest overdue lines (by order date) and its totals count them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.domain.reports import backlog as rules
from oms.domain.reports.tables import CHART_BARS, Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.orders import BacklogKey, OpenLinesGroup, OrderLineFigures, OrdersFilter
from oms.ports.unit_of_work import UnitOfWork

OPEN = "open"
BASES = {OPEN: "sales order lines still to ship (confirmed, partially issued, or on hold after confirming), "
               "now; due on their order date (UTC)"}
GROUPINGS = ("line", "customer", "product", "branch")
MAX_LINES = 1000
"""The most lines the table by line lists (the longest overdue first); its totals count every open line."""
C = ColumnKind


def open_quantity(line: OrderLineFigures) -> Decimal:
    return rules.open_quantity(line.quantity, line.issued)


def open_value(line: OrderLineFigures) -> Decimal:
    """The open quantity at the line's net unit price, rounded to the currency's minor unit."""
    return rules.open_value(line.quantity, line.issued, line.net, line.currency)


def delay_days(line: OrderLineFigures, scope: Scope) -> int | None:
    """Days past the due date (the order date); None for a line not late yet."""
    return rules.delay_days(line.order_day, scope.today)


def backlog_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    by = scope.by or GROUPINGS[0]
    wanted = OrdersFilter(branch_id=scope.branch_id, customer_id=scope.customer_id, product_id=scope.product_id,
                          category=scope.category)
    groups = uow.reports.open_order_groups(wanted, BacklogKey.ALL if by == "line" else BacklogKey(by), scope.today)
    currencies = sorted({group.currency for group in groups}) or [scope.currency or ""]
    one = currencies[0] if len(currencies) == 1 else None
    counted = sum(group.lines for group in groups)
    if by == "line":
        lines = uow.reports.open_order_lines(wanted, MAX_LINES)
        columns = (Column("order", "Order"), Column("line", "Line", C.COUNT), Column("customer", "Customer"),
                   Column("product", "Product"), Column("branch", "Branch"), Column("due", "Due (order date)", C.DATE),
                   Column("currency", "Currency"), Column("ordered", "Ordered", C.QUANTITY),
                   Column("delivered", "Delivered", C.QUANTITY), Column("open_quantity", "Open", C.QUANTITY),
                   Column("open_value", "Open value", C.AMOUNT), Column("delay_days", "Delay days", C.DAYS))
        rows: list[tuple[Cell, ...]] = [
            (line.order_number, line.position, line.customer_code, line.sku, line.branch_code, line.order_day,
             line.currency, line.quantity, line.issued - line.returned, open_quantity(line), open_value(line),
             delay_days(line, scope))
            for line in lines]
        totals: tuple[Cell, ...] | None = None if one is None else (
            "Total", counted, None, None, None, None, one, None, None, None, _value(groups), _latest(groups, scope))
        chart = None
    else:
        rows, totals = _grouped(groups, scope, by, one)
        columns = (Column(by, by.title()), Column("currency", "Currency"), Column("open_lines", "Open lines", C.COUNT),
                   Column("late_lines", "Late lines", C.COUNT),
                   *((Column("open_quantity", "Open", C.QUANTITY),) if by == "product" else ()),
                   Column("open_value", "Open value", C.AMOUNT), Column("delay_days", "Most delay days", C.DAYS))
        chart = ChartSpec(kind=ChartKind.BARS, x=by, series=("open_value",), title=f"Open order value by {by}",
                          largest=CHART_BARS)
    return ReportTable(
        report="backlog", title=f"Open order backlog by {by}", basis=f"Open order lines: {BASES[OPEN]}",
        columns=columns, rows=tuple(rows), totals=totals, currency=one, chart=chart,
        notes=(*((f"The {MAX_LINES} longest overdue of {counted} open lines are listed; the totals count them all: "
                  "group by customer, product or branch, or filter, to see the rest.",)
                 if by == "line" and counted > MAX_LINES else ()),
               f"Open at {scope.today}. Open value = (ordered - issued) x net unit price (after discounts, before "
               "tax); a return does not reopen a line.",
               "oms orders carry no promised date: a line is due on its order date, and delay days count from it."),
        filters=scope.filters)


def _value(groups: Sequence[OpenLinesGroup]) -> Decimal:
    """The open value of the groups: their lines' values, each rounded to the minor unit, added."""
    return sum((group.open_value for group in groups), Decimal(0))


def _latest(groups: Sequence[OpenLinesGroup], scope: Scope) -> int | None:
    """The most delay days of the groups' lines: those of the oldest order, if it is late."""
    first: date | None = min((group.first_day for group in groups), default=None)
    return None if first is None else rules.delay_days(first, scope.today)


def _grouped(groups: Sequence[OpenLinesGroup], scope: Scope, by: str,
             one: str | None) -> tuple[list[tuple[Cell, ...]], tuple[Cell, ...] | None]:
    rows: list[tuple[Cell, ...]] = []
    for group in sorted(groups, key=lambda group: (group.code, group.currency)):
        quantity = (group.open_quantity,) if by == "product" else ()
        rows.append((group.code, group.currency, group.lines, group.late_lines, *quantity, group.open_value,
                     _latest((group,), scope)))
    if one is None:
        return rows, None
    totals: tuple[Cell, ...] = ("Total", one, sum(group.lines for group in groups),
                                sum(group.late_lines for group in groups), *((None,) if by == "product" else ()),
                                _value(groups), _latest(groups, scope))
    return rows, totals


BACKLOG = ReportDefinition(
    name="backlog", title="Open order backlog", summary="Sales order lines still to ship, their value and delay",
    dating=Dating.NONE, run=backlog_report, groupings=GROUPINGS, bases=(OPEN,), basis_meanings=BASES,
    filters=frozenset({"branch", "customer", "product", "category"}))
