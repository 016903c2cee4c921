"""Supplier on-time delivery: of the goods receipt lines received in a period, how many arrived by the day their
order expected them, by supplier.

Each receipt line counts by the day it was received (UTC). It is on time when it arrived on or before the day its
order expected it: the supplier's lead time after the day the order was ordered (purchase orders carry no promised
date of their own; `oms.domain.reports.ledgers.expected_on`). On-time % by count of lines and by quantity (units of
the supplier's products together: a share, never a quantity shown); the average days late is over the late lines
only."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from attrs import define

from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.figures import percent
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import Cell, ChartKind, ChartSpec, Column, ColumnKind, ReportTable
from oms.ports.reports.ledgers import LedgerFilter
from oms.ports.unit_of_work import UnitOfWork

RECEIVED = "received"
BASES = {RECEIVED: "goods receipt lines by the day they were received (UTC), against the day their order expected "
                   "them (ordered day + the supplier's lead time)"}
ONE_DECIMAL = Decimal("0.1")


@define
class _Deliveries:
    lines: int = 0
    on_time: int = 0
    quantity: Decimal = Decimal(0)
    on_time_quantity: Decimal = Decimal(0)
    late_days: int = 0

    def add(self, lines: int, quantity: Decimal, days_late: int) -> None:
        self.lines += lines
        self.quantity += quantity
        if days_late <= 0:
            self.on_time += lines
            self.on_time_quantity += quantity
        else:
            self.late_days += days_late * lines

    def cells(self) -> tuple[Cell, ...]:
        late = self.lines - self.on_time
        average = (Decimal(self.late_days) / late).quantize(ONE_DECIMAL, ROUND_HALF_UP) if late else None
        return (self.lines, self.on_time, late, percent(self.on_time, self.lines),
                percent(self.on_time_quantity, self.quantity), average)


def supplier_on_time_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    wanted = LedgerFilter(branch_id=scope.branch_id, supplier_id=scope.supplier_id, product_id=scope.product_id,
                          category=scope.category)
    suppliers: dict[tuple[str, str], _Deliveries] = defaultdict(_Deliveries)
    everyone = _Deliveries()
    for figure in uow.reports.receipt_punctuality(scope.range.first, scope.range.end, wanted):
        suppliers[(figure.supplier_code, figure.supplier_name)].add(figure.lines, figure.quantity, figure.days_late)
        everyone.add(figure.lines, figure.quantity, figure.days_late)
    rows = tuple((code, name, *found.cells()) for (code, name), found in sorted(suppliers.items()))
    return ReportTable(
        report="supplier-on-time", title="Supplier on-time delivery", basis=f"Deliveries: {BASES[RECEIVED]}",
        columns=(Column("supplier", "Supplier"), Column("name", "Name"),
                 Column("lines", "Receipt lines", ColumnKind.COUNT), Column("on_time", "On time", ColumnKind.COUNT),
                 Column("late", "Late", ColumnKind.COUNT), Column("on_time_percent", "On time %", ColumnKind.PERCENT),
                 Column("on_time_quantity_percent", "On time % by quantity", ColumnKind.PERCENT),
                 Column("average_days_late", "Average days late", ColumnKind.DAYS)),
        rows=rows, totals=("Total", "", *everyone.cells()),
        chart=ChartSpec(kind=ChartKind.BARS, x="supplier", series=("on_time_percent", "on_time_quantity_percent"),
                        title="On-time delivery by supplier"),
        notes=(f"Received from {scope.range.first} to {scope.range.last}.",
               "Average days late: over the late lines only."), filters=scope.filters)


SUPPLIER_ON_TIME = ReportDefinition(
    name="supplier-on-time", title="Supplier on-time delivery", dating=Dating.RANGE, run=supplier_on_time_report,
    summary="Goods receipt lines received by the expected day, per supplier, by count and by quantity",
    groupings=("supplier",), bases=(RECEIVED,), basis_meanings=BASES,
    filters=frozenset({"branch", "supplier", "product", "category"}))
