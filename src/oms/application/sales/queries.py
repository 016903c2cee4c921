"""Reads of the sales documents: a quotation or an order by its id or number, as the domain object or as a view."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from oms.application.masterdata.codes import Codes
from oms.application.sales.quotations import quotation_by_ref
from oms.application.sales.sales_orders import order_by_ref
from oms.application.sales.views import (
    DocumentPage,
    DocumentSummaryView,
    GoodsIssueLineView,
    GoodsIssueView,
    LineView,
    OrderLineView,
    QuotationView,
    ReservationView,
    ReturnReceiptView,
    ReturnView,
    SalesOrderView,
)
from oms.application.shared.views import LineMoney, Quantity, history, line_money, money, money_of, quantity
from oms.domain.sales.goods_issues import GoodsIssue
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.returns import CustomerReturn
from oms.domain.sales.sales_order import OrderLine, SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import DocumentLine
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory
from oms.domain.stock.reservations import Reservation
from oms.ports.sales.listings import DocumentSummary
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.documents import DocumentRef
from oms.ports.shared.listings import DEFAULT_LIMIT, Listing, ListingQuery, Listings


def get_quotation(uow: SalesUnitOfWork, ref: DocumentRef) -> Quotation:
    return quotation_by_ref(uow, ref)


def get_sales_order(uow: SalesUnitOfWork, ref: DocumentRef) -> SalesOrder:
    return order_by_ref(uow, ref)


class LineViewFields(LineMoney):
    """What every view of a line shows (a `LineView`'s fields), given to the constructor of a quotation's line
    view and of an order's, which adds its progress."""

    id: str
    position: int
    sku: str
    description: str
    kind: ProductKind
    uom: str
    quantity: Quantity
    unit_price: Money
    discount: Discount | None
    tax_category: TaxCategory
    tax_rate: Decimal
    invoice_policy: InvoicePolicy


def _line_fields(line: DocumentLine, currency: str) -> LineViewFields:
    return LineViewFields(
        id=line.id, position=line.position, sku=line.sku, description=line.description, kind=line.kind,
        uom=line.uom, quantity=quantity(line.quantity, line.uom), unit_price=money(line.unit_price, currency),
        discount=line.discount, tax_category=line.tax_category, tax_rate=line.tax_rate,
        invoice_policy=line.invoice_policy, **line_money(line, currency))


def quotation_view(q: Quotation, codes: Codes) -> QuotationView:
    totals, taxes = money_of(q)
    return QuotationView(
        id=q.id, number=q.number, status=q.status, customer_code=codes.customer(q.customer_id),
        branch_code=codes.branch(q.branch_id), currency=q.currency, created_at=q.created_at,
        valid_until=q.valid_until, prices_include_tax=q.prices_include_tax, tax_rounding=q.tax_rounding,
        tax_exempt=q.tax_exempt, order_discount=q.order_discount, notes=q.notes, revision=q.revision,
        revision_of=q.revision_of, superseded_by=q.superseded_by, sales_order_id=q.sales_order_id,
        lines=[LineView(**_line_fields(line, q.currency)) for line in q.lines], totals=totals, taxes=taxes,
        history=history(q.history), version=q.version)


def _order_line(order: SalesOrder, line: OrderLine) -> OrderLineView:
    return OrderLineView(**_line_fields(line, order.currency),
                         quantity_issued=quantity(line.quantity_issued, line.uom),
                         quantity_remaining=quantity(line.remaining if line.kind.ships else Decimal(0), line.uom),
                         quantity_reserved=quantity(order.open_reserved(line.id), line.uom),
                         quantity_backordered=quantity(order.backordered(line), line.uom),
                         quantity_returned=quantity(line.quantity_returned, line.uom))


def _goods_issue(issue: GoodsIssue, lines: dict[str, OrderLine], codes: Codes, currency: str) -> GoodsIssueView:
    return GoodsIssueView(number=issue.number, warehouse_code=codes.warehouse(issue.warehouse_id),
                          issued_at=issue.issued_at, actor=issue.actor,
                          lines=[GoodsIssueLineView(line_id=gl.line_id, sku=lines[gl.line_id].sku,
                                                    quantity=quantity(gl.quantity, lines[gl.line_id].uom),
                                                    cost=money(gl.value, currency))
                                 for gl in issue.lines])


def _return(r: CustomerReturn, line: OrderLine, codes: Codes, currency: str) -> ReturnView:
    return ReturnView(number=r.number, line_id=r.line_id, sku=line.sku, quantity=quantity(r.quantity, line.uom),
                      received=quantity(r.received, line.uom), reason=r.reason, authorised_at=r.authorised_at,
                      actor=r.actor,
                      receipts=[ReturnReceiptView(number=rr.number, warehouse_code=codes.warehouse(rr.warehouse_id),
                                                  quantity=quantity(rr.quantity, line.uom),
                                                  value=money(rr.value, currency), received_at=rr.received_at,
                                                  actor=rr.actor) for rr in r.receipts])


def _reservation(r: Reservation, line: OrderLine, codes: Codes) -> ReservationView:
    return ReservationView(id=r.id, line_id=r.line_id, sku=line.sku, warehouse_code=codes.warehouse(r.warehouse_id),
                           quantity=quantity(r.quantity, line.uom), issued=quantity(r.issued, line.uom),
                           released=quantity(r.released, line.uom), open=quantity(r.open, line.uom),
                           created_at=r.created_at)


def sales_order_view(o: SalesOrder, codes: Codes) -> SalesOrderView:
    totals, taxes = money_of(o)
    lines = {line.id: line for line in o.lines}
    reservations = [_reservation(r, lines[r.line_id], codes) for r in o.reservations]
    return SalesOrderView(
        id=o.id, number=o.number, status=o.status, customer_code=codes.customer(o.customer_id),
        branch_code=codes.branch(o.branch_id), currency=o.currency, created_at=o.created_at,
        customer_reference=o.customer_reference, quotation_id=o.quotation_id,
        prices_include_tax=o.prices_include_tax, tax_rounding=o.tax_rounding, tax_exempt=o.tax_exempt,
        order_discount=o.order_discount, allow_backorder=o.allow_backorder,
        over_delivery_percent=o.over_delivery_percent, held_from=o.held_from,
        lines=[_order_line(o, line) for line in o.lines], totals=totals, taxes=taxes, reservations=reservations,
        goods_issues=[_goods_issue(issue, lines, codes, o.currency) for issue in o.goods_issues],
        returns=[_return(r, lines[r.line_id], codes, o.currency) for r in o.returns], history=history(o.history),
        version=o.version)


def show_quotation(uow: SalesUnitOfWork, ref: DocumentRef) -> QuotationView:
    """A quotation with its lines, totals, taxes and history."""
    return quotation_view(quotation_by_ref(uow, ref), Codes(uow))


def show_sales_order(uow: SalesUnitOfWork, ref: DocumentRef) -> SalesOrderView:
    """An order with its lines, totals, taxes, reservations, goods issues and audit trail."""
    return sales_order_view(order_by_ref(uow, ref), Codes(uow))


def summary_view(s: DocumentSummary) -> DocumentSummaryView:
    return DocumentSummaryView(id=s.id, number=s.number, status=s.status, customer_code=s.customer_code,
                               branch_code=s.branch_code, grand_total=money(s.grand_total, s.currency),
                               created_at=s.created_at)


NO_MATCH = "-"  # an id no document has: what a filter by a code that does not exist looks for


def document_page(uow: SalesUnitOfWork, listings: Listings, listing: Listing[DocumentSummary], *,
                  statuses: tuple[str, ...] = (), customer_code: str | None = None, branch_code: str | None = None,
                  created_from: datetime | None = None, created_until: datetime | None = None,
                  search: str | None = None, valid_until_before: date | None = None,
                  backordered: bool | None = None, newest_first: bool = True, limit: int = DEFAULT_LIMIT,
                  cursor: str | None = None) -> DocumentPage:
    """A page of quotations or orders; a customer or branch code that does not exist matches nothing. `search`
    finds a part of the number, the customer's code or name, or an order's customer reference; quotations take
    `valid_until_before` (open ones valid until that day or earlier), orders `backordered` (open ones waiting for
    stock); each listing refuses the other's filter, naming it."""
    customer = uow.masterdata.customers.by_code(customer_code) if customer_code is not None else None
    branch = uow.masterdata.branches.by_code(branch_code) if branch_code is not None else None
    filters: dict[str, object] = {"status": statuses,
                                  "customer_id": None if customer_code is None else customer.id if customer
                                  else NO_MATCH,
                                  "branch_id": None if branch_code is None else branch.id if branch else NO_MATCH,
                                  "from": created_from, "until": created_until, "search": search or None}
    if valid_until_before is not None:
        filters["valid_until_before"] = valid_until_before
    if backordered is not None:
        filters["backordered"] = backordered
    page = listings.page(listing, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                               cursor=cursor))
    return DocumentPage(items=[summary_view(s) for s in page.items], next_cursor=page.next_cursor)
