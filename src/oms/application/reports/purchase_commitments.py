"""Open purchase commitments: what ordered goods still have to arrive and what they will cost, by supplier, product
or purchase order, with the day they are expected.

A line of an order ordered and neither closed nor cancelled commits what it ordered less what was received (less
returns to the supplier; never below zero) at its net unit cost (after discounts, before tax), converted to the
branch's currency at today's exchange rate (what it would cost if it arrived today; each line rounded to the
cent) (peers.md 6b R5, R7). Services are not received, so they are not counted. The goods are expected the supplier's
lead time after the day the order was ordered (`oms.domain.reports.ledgers.expected_on`); what was expected before
today is overdue."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from attrs import define

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.conversion import BranchRates
from oms.application.reports.requests import Scope
from oms.domain.reports.ledgers import expected_on
from oms.domain.reports.tables import CHART_BARS, Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.domain.stock.valuation import rate as unit_cost
from oms.ports.reports.ledgers import LedgerFilter, OpenPurchaseLine
from oms.ports.unit_of_work import UnitOfWork

OPEN = "open"
BASES = {OPEN: "lines of purchase orders ordered and neither closed nor cancelled: ordered less received quantity "
               "at the net unit cost before tax, in the branch's currency at today's exchange rate"}
LABELS = {"supplier": (Column("supplier", "Supplier"), Column("name", "Name")),
          "product": (Column("product", "Product"), Column("name", "Name")),
          "purchase_order": (Column("purchase_order", "Purchase order"), Column("supplier", "Supplier"))}


@define
class _Open:
    lines: int = 0
    quantity: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    overdue: Decimal = Decimal(0)
    expected: date | None = None


def _labels(line: OpenPurchaseLine, by: str) -> tuple[str, str]:
    if by == "supplier":
        return line.supplier_code, line.supplier_name
    if by == "product":
        return line.sku, line.product_name
    return line.number, line.supplier_code


def purchase_commitments_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.by is not None
    rates, today = BranchRates(uow), scope.today
    wanted = LedgerFilter(branch_id=scope.branch_id, supplier_id=scope.supplier_id, product_id=scope.product_id,
                          category=scope.category)
    sums: dict[tuple[str, str, str], _Open] = defaultdict(_Open)
    for line in uow.reports.open_purchase_lines(wanted):
        remaining = max(line.quantity - line.received, Decimal(0))
        if not remaining or not line.quantity:
            continue
        cost = remaining * unit_cost(line.net / line.quantity)
        amount = rates.convert(cost, line.currency, line.branch_currency, today)
        expected = expected_on(line.ordered_on, line.lead_time_days)
        found = sums[(line.branch_currency, *_labels(line, scope.by))]
        found.lines += 1
        found.quantity += remaining
        found.amount += amount
        found.overdue += amount if expected < today else Decimal(0)
        found.expected = expected if found.expected is None else min(found.expected, expected)
    currencies = sorted({currency for currency, _, _ in sums}) or [scope.currency or ""]
    by_product = scope.by == "product"  # quantities of different products are never added together
    rows: list[tuple[Cell, ...]] = []
    for (currency, code, name), found in sorted(sums.items(), key=lambda item: (item[0][0], -item[1].amount,
                                                                                   item[0][1])):
        rows.append((code, name, currency, found.lines, *((found.quantity,) if by_product else ()), found.amount,
                     found.overdue, found.expected))
    totals = None
    if len(currencies) == 1:
        totals = ("Total", "", currencies[0], sum(found.lines for found in sums.values()),
                  *((None,) if by_product else ()), sum((found.amount for found in sums.values()), Decimal(0)),
                  sum((found.overdue for found in sums.values()), Decimal(0)),
                  min((found.expected for found in sums.values() if found.expected), default=None))
    title = f"Open purchase commitments by {scope.by.replace('_', ' ')}"
    return ReportTable(
        report="purchase-commitments", title=title, basis=f"Commitments: {BASES[OPEN]}",
        columns=(*LABELS[scope.by], Column("currency", "Currency"), Column("lines", "Open lines", ColumnKind.COUNT),
                 *((Column("quantity", "Open quantity", ColumnKind.QUANTITY),) if by_product else ()),
                 Column("amount", "Open amount", ColumnKind.AMOUNT), Column("overdue", "Overdue", ColumnKind.AMOUNT),
                 Column("expected", "Next expected", ColumnKind.DATE)),
        rows=tuple(rows), totals=totals, currency=currencies[0] if len(currencies) == 1 else None,
        chart=ChartSpec(kind=ChartKind.BARS, x=LABELS[scope.by][0].name, series=("amount", "overdue"), title=title,
                        largest=CHART_BARS),
        notes=(f"Open on {today}; goods are expected the supplier's lead time after the order was placed.",
               "Services are not received and are not counted."), filters=scope.filters)


PURCHASE_COMMITMENTS = ReportDefinition(
    name="purchase-commitments", title="Open purchase commitments", dating=Dating.NONE,
    run=purchase_commitments_report,
    summary="What open purchase orders still have to deliver, and when, in the branch currency",
    groupings=tuple(LABELS), bases=(OPEN,), basis_meanings=BASES,
    filters=frozenset({"branch", "supplier", "product", "category"}))
