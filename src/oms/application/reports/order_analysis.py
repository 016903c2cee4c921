"""Sales order analysis: each booked order line of a period with what was delivered and billed of it, and what is
still to deliver and to bill (ERPNext's Sales Order Analysis, without its fan-out: peers.md 6b R2).

Rules (docs/rules.md, "Reports: orders, quotations, MRR and carts"):
- the lines of sales orders booked (confirmed and not cancelled) in the period, by order date (UTC);
- delivered = what goods issues shipped - what received returns brought back; billed = what posted invoices billed
  - what posted credit notes credited (quantity, and net amount before tax); each of the four child tables is summed
  per order line on its own before it is put on the line, so two deliveries and two invoices of one line count once
  each (6d case 6); drafts never count;
- to deliver = ordered - issued for goods of an order not completed (0 once it is completed: closed short, the
  rest will not ship; services never ship); to bill = what the line's invoice policy makes billable (ordered, or
  delivered) - billed, never below 0;
- a table lists the lines of at most `MAX_ORDERS` orders, the first of the period, and says so (without totals).
"""

from __future__ import annotations

from decimal import Decimal

from oms.application.masterdata.codes import Codes
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import Cell, Column, ColumnKind, ReportTable
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.items import InvoicePolicy
from oms.ports.reports.orders import OrderLineFigures, OrdersFilter
from oms.ports.unit_of_work import UnitOfWork

BOOKINGS = "bookings"
BASES = {BOOKINGS: "sales order lines booked (confirmed, not cancelled) by order date (UTC); deliveries by their "
                   "goods issues less returns received, billing by posted invoices less posted credit notes"}
C = ColumnKind
MAX_ORDERS = 500
"""The most orders a table lists: a long period is narrowed (by dates, customer or product) rather than read whole."""


def delivered(line: OrderLineFigures) -> Decimal:
    return line.issued - line.returned


def to_deliver(line: OrderLineFigures) -> Decimal:
    if not line.ships or line.status == SalesOrderStatus.COMPLETED:
        return Decimal(0)
    return max(line.quantity - line.issued, Decimal(0))


def to_bill(line: OrderLineFigures) -> Decimal:
    billable = line.quantity if line.invoice_policy == InvoicePolicy.ORDERED else delivered(line)
    return max(billable - line.billed_quantity, Decimal(0))


def order_analysis_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    assert scope.range is not None
    codes = Codes(uow)
    lines = list(uow.reports.booked_order_lines(scope.range.first, scope.range.end, OrdersFilter(
        branch_id=scope.branch_id, customer_id=scope.customer_id, product_id=scope.product_id,
        category=scope.category), MAX_ORDERS + 1))
    shown = list(dict.fromkeys(line.order_id for line in lines))[:MAX_ORDERS]
    cut = len(shown) < len({line.order_id for line in lines})
    if cut:
        kept = set(shown)
        lines = [line for line in lines if line.order_id in kept]
    codes.read_customers(line.customer_id for line in lines)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (line.order_number, line.position, line.order_day, codes.customer(line.customer_id), line.sku,
         str(line.status), line.currency, line.quantity, delivered(line), line.billed_quantity, to_deliver(line),
         to_bill(line), line.net, line.billed_amount) for line in lines)
    currencies = sorted({line.currency for line in lines}) or [scope.currency or ""]
    one = currencies[0] if len(currencies) == 1 else None
    totals = None if one is None or cut else (
        "Total", len(rows), None, None, None, None, one, None, None, None, None, None,
        sum((line.net for line in lines), Decimal(0)), sum((line.billed_amount for line in lines), Decimal(0)))
    return ReportTable(
        report="order-analysis", title="Sales order analysis", basis=f"Bookings: {BASES[BOOKINGS]}",
        columns=(Column("order", "Order"), Column("line", "Line", C.COUNT), Column("order_date", "Order date", C.DATE),
                 Column("customer", "Customer"), Column("product", "Product"), Column("status", "Status"),
                 Column("currency", "Currency"), Column("ordered", "Ordered", C.QUANTITY),
                 Column("delivered", "Delivered", C.QUANTITY), Column("billed", "Billed", C.QUANTITY),
                 Column("to_deliver", "To deliver", C.QUANTITY), Column("to_bill", "To bill", C.QUANTITY),
                 Column("net", "Net amount", C.AMOUNT), Column("billed_amount", "Billed amount", C.AMOUNT)),
        rows=rows, totals=totals, currency=one,
        notes=(f"Orders from {scope.range.first} to {scope.range.last}; deliveries and billing up to now.",
               "Quantities are per line: the totals add amounts, never units of different products.",
               *((f"Only the first {MAX_ORDERS} orders of the period are shown (and no totals): choose a shorter "
                  "period, a customer, a product or a category to see the rest.",) if cut else ())),
        filters=scope.filters)


ORDER_ANALYSIS = ReportDefinition(
    name="order-analysis", title="Sales order analysis",
    summary="Each order line: ordered, delivered, billed, still to deliver and to bill", dating=Dating.RANGE,
    run=order_analysis_report, bases=(BOOKINGS,), basis_meanings=BASES,
    filters=frozenset({"branch", "customer", "product", "category"}))
