"""Billing sales orders: a process across sales and invoicing (neither context knows the other).

- `InvoiceOrders` makes a draft invoice of one customer's orders: each line's quantity left to invoice (its policy's
  quantity less what posted invoices, net of credit notes, and other drafts bill), or the lines and quantities given;
  every order on one invoice shares the customer, branch, currency and tax mode (frozen on the order, copied to the
  invoice);
- `PostInvoice` posts a draft invoice or credit note: the over-billing check counts the posted documents and this
  document's own lines, then the document takes the next number of its series for the year of its date, in the
  posting transaction (a failed posting leaves no gap);
- `order_billing` reads what an order billed and has left to bill, per line.

A service line with a service order is billed by its service order only (`InvoiceServiceOrders`, service_billing.py):
`InvoiceOrders` leaves it out of what is left to invoice and refuses it when asked for it by name
(`BilledByItsServiceOrder`); whatever door made a draft, posting checks such a line against what the service order
makes invoiceable and records it on the order (billed_services.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.accounting.books import lock_date
from oms.application.invoicing.invoices import invoice_line_billable
from oms.application.invoicing.queries import get_invoice
from oms.application.invoicing.receivables import due_date_of
from oms.application.invoicing.views import LineBillingView, OrderBillingView
from oms.application.processes.billed_services import (
    record_service_billing,
    service_line_billing,
    service_orders_of,
    services_billed,
)
from oms.application.processes.billing_locks import lock_billed_documents
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.shared.documents import find, next_number
from oms.application.shared.views import quantity
from oms.domain.invoicing.billing import LineBilling, order_status
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.sales.sales_order import OrderLine, SalesOrder, SalesOrderStatus
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.pricing import LineTotals
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork

BILLABLE = frozenset({SalesOrderStatus.CONFIRMED, SalesOrderStatus.PARTIALLY_ISSUED, SalesOrderStatus.ISSUED,
                      SalesOrderStatus.COMPLETED, SalesOrderStatus.ON_HOLD})


@frozen(kw_only=True)
class InvoiceLineRequest:
    """`quantity` of a line of `order` (the line's number, #, its SKU or its id) to bill."""

    order: DocumentRef
    line: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class InvoiceOrders(Command[str]):
    """A draft invoice of one customer's orders: what is left to invoice on them, or the `lines` given. Returns the
    draft's id."""

    orders: tuple[DocumentRef, ...] = ()
    lines: tuple[InvoiceLineRequest, ...] = ()


@frozen(kw_only=True)
class PostInvoice(Command[None]):
    """Post a draft invoice or credit note, dated `invoice_date` (today if not given): it takes its number."""

    invoice_id: DocumentRef
    invoice_date: date | None = None


def _order(uow: UnitOfWork, ref: DocumentRef) -> SalesOrder:
    return find(uow.sales.orders, ref, "sales order")


def _line(order: SalesOrder, given: str, field_name: str) -> OrderLine:
    found = [line for line in order.lines if given in (line.id, str(line.position))] or \
        [line for line in order.lines if line.sku == given]
    if len(found) != 1:
        raise InvalidValue(field_name, f"{order.number} has {'no' if not found else 'more than one'} line {given!r}")
    return found[0]


def order_line_billable(order: SalesOrder, line: OrderLine) -> Billable:
    """An order line as what an invoice bills a share of: its quantity and the money the order priced it at."""
    return Billable(document_id=order.id, line_id=line.id, sku=line.sku, description=line.description,
                    uom=line.uom, unit_price=line.unit_price, tax_category=line.tax_category,
                    tax_rate=line.tax_rate, whole=line.quantity,
                    totals=LineTotals.of(line))


def line_billing(line: OrderLine, invoiced: Decimal, service: ServiceOrder | None = None) -> LineBilling:
    """The line's billing: delivered is what was issued less returned, or, for a line with a service order, what
    the service order makes invoiceable."""
    if service is not None:
        return service_line_billing(service, invoiced)
    return LineBilling(policy=line.invoice_policy, ordered=line.quantity, delivered=line.delivered,
                       invoiced=invoiced)


def lines_billing(uow: UnitOfWork, order: SalesOrder) -> dict[str, LineBilling]:
    """Per line of the order: what it billed (posted, net of credit notes) and has left to bill."""
    ids = [line.id for line in order.lines]
    invoiced = uow.invoicing.invoices.invoiced(ids)
    services = service_orders_of(uow, ids)
    return {line.id: line_billing(line, invoiced.get(line.id, Decimal(0)), services.get(line.id))
            for line in order.lines}


def _same_terms(orders: Sequence[SalesOrder]) -> None:
    first = orders[0]
    for order in orders[1:]:
        if (order.customer_id, order.branch_id, order.currency, order.prices_include_tax, order.tax_rounding) != (
                first.customer_id, first.branch_id, first.currency, first.prices_include_tax, first.tax_rounding):
            raise refuse("OneInvoiceOneCustomer", f"{order.number} is not of {first.number}'s customer, branch, "
                         "currency and tax mode: invoice it apart")


def invoice_orders(cmd: InvoiceOrders, uow: UnitOfWork, clock: Clock) -> str:
    refs = list(dict.fromkeys([*cmd.orders, *(line.order for line in cmd.lines)]))
    if not refs:
        raise InvalidValue("orders", "name at least one order")
    orders = {ref: _order(uow, ref) for ref in refs}
    for order in orders.values():
        if order.status not in BILLABLE:
            raise refuse("OrderMustBeConfirmed", f"{order.number} is {order.status}; confirm it before invoicing")
    _same_terms(list(orders.values()))
    first = next(iter(orders.values()))
    line_ids = [line.id for order in orders.values() for line in order.lines]
    invoiced = uow.invoicing.invoices.invoiced(line_ids)
    drafts = uow.invoicing.invoices.drafts_billing(line_ids)
    services = service_orders_of(uow, line_ids)
    wanted: list[tuple[SalesOrder, OrderLine, Decimal | None, str]]
    if cmd.lines:
        wanted = [(orders[given.order], _line(orders[given.order], given.line, f"lines[{i}].line"), given.quantity,
                   f"lines[{i}].quantity") for i, given in enumerate(cmd.lines)]
    else:
        wanted = [(order, line, None, "orders") for order in orders.values() for line in order.lines]
    invoice = Invoice(id=new_id(), kind=InvoiceKind.INVOICE, customer_id=first.customer_id,
                      branch_id=first.branch_id, currency=first.currency,
                      prices_include_tax=first.prices_include_tax, tax_rounding=first.tax_rounding,
                      created_at=clock.now())
    for order, line, asked, field_name in wanted:
        service = services.get(line.id)
        if service is not None and asked is None:
            continue
        if service is not None:
            raise refuse("BilledByItsServiceOrder", f"line {line.position} ({line.sku}) of {order.number} is billed "
                         f"by its service order {service.number}: invoice that [{field_name}]")
        # what is left counts other drafts; lines asked for are checked against posted documents only (drafts are
        # free to overlap: posting checks again, and bills each line from what was posted before it)
        before = invoiced.get(line.id, Decimal(0)) + (drafts.get(line.id, Decimal(0)) if asked is None else 0)
        billing = line_billing(line, before)
        amount = billing.to_invoice if asked is None else asked
        if asked is None and amount <= 0:
            continue
        billing.check_billing(amount, sku=line.sku, field=field_name)
        invoice.bill(order_line_billable(order, line), line_id=new_id(), quantity=amount, billed_before=before,
                     field_name=field_name)
    if not invoice.lines:
        numbers = ", ".join(order.number for order in orders.values())
        raise refuse("NothingToInvoice", f"nothing is left to invoice on {numbers}")
    uow.invoicing.invoices.add(invoice)
    return invoice.id


def _check_invoice(uow: UnitOfWork, invoice: Invoice, services: dict[str, ServiceOrder]) -> None:
    """The over-billing check at posting: posted invoices (net of credit notes) plus this draft's own lines, a line
    with a service order against what the order makes invoiceable; then each line is billed again from what was
    posted before it (a service order on its own keeps the money its draft line was priced at)."""
    invoiced = uow.invoicing.invoices.invoiced([line.source_line_id for line in invoice.lines])
    sources: dict[str, tuple[Billable, Decimal]] = {}
    for i, line in enumerate(invoice.lines):
        service = services.get(line.id)
        before = invoiced.get(line.source_line_id, Decimal(0))
        field_name = f"lines[{i}].quantity"
        if service is not None and service.sales_line_id is None:
            service_line_billing(service, before).check_billing(line.quantity, sku=line.sku, field=field_name)
            sources[line.source_line_id] = (invoice_line_billable(invoice, line), Decimal(0))
            continue
        order = uow.sales.orders.get(line.source_document_id)
        order_line = order.line(line.source_line_id)
        line_billing(order_line, before, service).check_billing(line.quantity, sku=line.sku, field=field_name)
        sources[line.source_line_id] = (order_line_billable(order, order_line), before)
    invoice.rebill(sources)


def _check_credit_note(uow: UnitOfWork, note: Invoice, day: date) -> None:
    assert note.credited_invoice_id is not None
    invoice = uow.invoicing.invoices.get(note.credited_invoice_id)
    if invoice.invoice_date is not None and day < invoice.invoice_date:
        raise refuse("CreditNoteBeforeItsInvoice", f"{invoice.number} is dated {invoice.invoice_date}; its credit "
                     f"note cannot be dated earlier [invoice_date]")
    credited = uow.invoicing.invoices.credited([line.source_line_id for line in note.lines])
    by_id = {line.id: line for line in invoice.lines}
    sources: dict[str, tuple[Billable, Decimal]] = {}
    for line in note.lines:
        source = by_id[line.source_line_id]
        before = credited.get(line.source_line_id, Decimal(0))
        if line.quantity > source.quantity - before:
            raise refuse("CannotCreditMoreThanInvoiced", f"{line.sku}: {line.quantity} on this credit note, "
                         f"{source.quantity - before} left to credit on {invoice.number}")
        sources[line.source_line_id] = (invoice_line_billable(invoice, source), before)
    note.rebill(sources)


def post_invoice(cmd: PostInvoice, uow: UnitOfWork, clock: Clock) -> None:
    document = get_invoice(uow, cmd.invoice_id)
    document.ensure_draft()  # posted documents are never posted again
    services = services_billed(uow, document)
    lock_billed_documents(uow, document, services)  # concurrent postings of the same lines take turns
    now = clock.now()
    day = cmd.invoice_date or now.date()
    if document.kind is InvoiceKind.INVOICE:
        _check_invoice(uow, document, services)
    else:
        _check_credit_note(uow, document, day)
    record_service_billing(document, services)  # in this transaction: a second posting conflicts on the orders
    series = DocumentType.INVOICE if document.kind is InvoiceKind.INVOICE else DocumentType.CREDIT_NOTE
    document.post(number=next_number(uow, series, period=str(day.year)), invoice_date=day, at=now, actor=cmd.actor,
                  lock_date=lock_date(uow))
    document.due_date = due_date_of(uow, document)  # the customer's payment terms from the invoice date


def order_billing(uow: UnitOfWork, ref: DocumentRef) -> OrderBillingView:
    """What the order billed and has left to bill, per line."""
    order = _order(uow, ref)
    billings = lines_billing(uow, order)
    lines = [(line, billings[line.id]) for line in order.lines]
    return OrderBillingView(
        order_id=order.id, number=order.number, status=order_status([billing for _, billing in lines]),
        lines=[LineBillingView(line_id=line.id, position=line.position, sku=line.sku,
                               invoice_policy=line.invoice_policy, ordered=quantity(line.quantity, line.uom),
                               delivered=quantity(billing.delivered, line.uom),
                               invoiced=quantity(billing.invoiced, line.uom),
                               to_invoice=quantity(billing.to_invoice, line.uom),
                               to_credit=quantity(billing.to_credit, line.uom), status=billing.status)
               for line, billing in lines])


HANDLERS: Handlers = {InvoiceOrders: invoice_orders, PostInvoice: post_invoice}
