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

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from oms.application.masterdata.codes import Codes
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.shared.money import Currency
from oms.ports.reports.orders import OrderLineFigures, OrdersFilter
from oms.ports.unit_of_work import UnitOfWork

OPEN = "open"
BASES = {OPEN: "sales order lines still to ship (confirmed, partially issued, or on hold after confirming), "
               "now; due on their order date (UTC)"}
GROUPINGS = ("line", "customer", "product", "branch")
MAX_LINES = 1000
"""The most lines the table by line lists (the longest overdue first); its totals count every open line."""
C = ColumnKind


def open_quantity(line: OrderLineFigures) -> Decimal:
    return max(line.quantity - line.issued, Decimal(0))


def open_value(line: OrderLineFigures) -> Decimal:
    """The open quantity at the line's net unit price, rounded to the currency's minor unit."""
    if not line.quantity:
        return Decimal(0)
    return Currency.of(line.currency).round(open_quantity(line) * line.net / line.quantity)


def delay_days(line: OrderLineFigures, scope: Scope) -> int | None:
    """Days past the due date (the order date); None for a line not late yet."""
    days = (scope.today - line.order_day).days
    return days if days > 0 else None


def backlog_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    by = scope.by or GROUPINGS[0]
    codes = Codes(uow)
    lines = uow.reports.open_order_lines(OrdersFilter(branch_id=scope.branch_id, customer_id=scope.customer_id,
                                                      product_id=scope.product_id))
    currencies = sorted({line.currency for line in lines}) or [scope.currency or ""]
    one = currencies[0] if len(currencies) == 1 else None
    if by == "line":
        columns = (Column("order", "Order"), Column("line", "Line", C.COUNT), Column("customer", "Customer"),
                   Column("product", "Product"), Column("branch", "Branch"), Column("due", "Due (order date)", C.DATE),
                   Column("currency", "Currency"), Column("ordered", "Ordered", C.QUANTITY),
                   Column("delivered", "Delivered", C.QUANTITY), Column("open_quantity", "Open", C.QUANTITY),
                   Column("open_value", "Open value", C.AMOUNT), Column("delay_days", "Delay days", C.DAYS))
        rows: list[tuple[Cell, ...]] = [
            (line.order_number, line.position, codes.customer(line.customer_id), line.sku,
             codes.branch(line.branch_id), line.order_day, line.currency, line.quantity,
             line.issued - line.returned, open_quantity(line), open_value(line), delay_days(line, scope))
            for line in lines[:MAX_LINES]]
        totals: tuple[Cell, ...] | None = None if one is None else (
            "Total", len(lines), None, None, None, None, one, None, None, None,
            sum((open_value(line) for line in lines), Decimal(0)), _latest(lines, scope))
        chart = None
    else:
        rows, totals = _grouped(lines, scope, by, codes, one)
        columns = (Column(by, by.title()), Column("currency", "Currency"), Column("open_lines", "Open lines", C.COUNT),
                   Column("late_lines", "Late lines", C.COUNT),
                   *((Column("open_quantity", "Open", C.QUANTITY),) if by == "product" else ()),
                   Column("open_value", "Open value", C.AMOUNT), Column("delay_days", "Most delay days", C.DAYS))
        chart = ChartSpec(kind=ChartKind.BARS, x=by, series=("open_value",), title=f"Open order value by {by}")
    return ReportTable(
        report="backlog", title=f"Open order backlog by {by}", basis=f"Open order lines: {BASES[OPEN]}",
        columns=columns, rows=tuple(rows), totals=totals, currency=one, chart=chart,
        notes=(*((f"The {MAX_LINES} longest overdue of {len(lines)} open lines are listed; the totals count them all: "
                  "group by customer, product or branch, or filter, to see the rest.",)
                 if by == "line" and len(lines) > MAX_LINES else ()),
               f"Open at {scope.today}. Open value = (ordered - issued) x net unit price (after discounts, before "
               "tax); a return does not reopen a line.",
               "oms orders carry no promised date: a line is due on its order date, and delay days count from it."),
        filters=scope.filters)


def _latest(lines: Sequence[OrderLineFigures], scope: Scope) -> int | None:
    delays = [days for line in lines if (days := delay_days(line, scope)) is not None]
    return max(delays, default=None)


def _grouped(lines: Sequence[OrderLineFigures], scope: Scope, by: str, codes: Codes,
             one: str | None) -> tuple[list[tuple[Cell, ...]], tuple[Cell, ...] | None]:
    label: Callable[[OrderLineFigures], str] = {
        "customer": lambda line: codes.customer(line.customer_id), "product": lambda line: line.sku,
        "branch": lambda line: codes.branch(line.branch_id)}[by]
    groups: dict[tuple[str, str], list[OrderLineFigures]] = defaultdict(list)
    for line in lines:
        groups[(label(line), line.currency)].append(line)
    rows: list[tuple[Cell, ...]] = []
    for (name, currency), members in sorted(groups.items()):
        late = sum(1 for line in members if delay_days(line, scope) is not None)
        quantity = (sum((open_quantity(line) for line in members), Decimal(0)),) if by == "product" else ()
        rows.append((name, currency, len(members), late, *quantity,
                     sum((open_value(line) for line in members), Decimal(0)), _latest(members, scope)))
    if one is None:
        return rows, None
    late_lines = sum(1 for line in lines if delay_days(line, scope) is not None)
    totals: tuple[Cell, ...] = ("Total", one, len(lines), late_lines, *((None,) if by == "product" else ()),
                                sum((open_value(line) for line in lines), Decimal(0)), _latest(lines, scope))
    return rows, totals


BACKLOG = ReportDefinition(
    name="backlog", title="Open order backlog", summary="Sales order lines still to ship, their value and delay",
    dating=Dating.NONE, run=backlog_report, groupings=GROUPINGS, bases=(OPEN,), basis_meanings=BASES,
    filters=frozenset({"branch", "customer", "product"}))
