"""The service orders that invoices bill, as billing sees them: a process across production and invoicing (neither
context knows the other).

An invoice line bills a service order through its source line: the sales order line the order is for (so the
sales order's billing counts it), or, for an order on its own, the service order itself (its id is the line's
source document and source line). A credit-note line credits an invoice line, hence that line's service order.
Whatever door made the draft, posting it records on the service order what each such line billed (credited,
negative), the labour lines linked to the invoice line, in the posting transaction: the order's own rule refuses
more than is to invoice (or invoiced), and two postings at once conflict on the order's version, so the bus runs
one again, which then counts what the other billed (processes/service_billing.py has the rules).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

from oms.domain.invoicing.billing import LineBilling
from oms.domain.invoicing.invoices import Invoice, InvoiceKind
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.shared.items import InvoicePolicy
from oms.ports.unit_of_work import UnitOfWork


def source_line_of(order: ServiceOrder) -> str:
    """The source line of the invoice lines billing `order`: its sales order line, or itself."""
    return order.sales_line_id or order.id


def service_orders_of(uow: UnitOfWork, source_line_ids: Collection[str]) -> dict[str, ServiceOrder]:
    """Per source line among `source_line_ids` (an order line, or a service order on its own): its service order,
    for the lines that have one."""
    wanted = set(source_line_ids)
    if not wanted:
        return {}
    return {source_line_of(order): order for order in uow.production.service_orders.of_source_lines(wanted)
            if source_line_of(order) in wanted}


def services_billed(uow: UnitOfWork, document: Invoice) -> dict[str, ServiceOrder]:
    """Per line of an invoice (or credit note): the service order it bills (or credits), for the lines that bill
    one."""
    if document.credited_invoice_id is None:
        roots = {line.id: line.source_line_id for line in document.lines}
    else:
        invoice = uow.invoicing.invoices.get(document.credited_invoice_id)
        billed = {line.id: line.source_line_id for line in invoice.lines}
        roots = {line.id: billed[line.source_line_id] for line in document.lines}
    orders = service_orders_of(uow, roots.values())
    return {line_id: orders[root] for line_id, root in roots.items() if root in orders}


def record_service_billing(document: Invoice, services: Mapping[str, ServiceOrder]) -> None:
    """At posting: each service order records what the document's line billed of it (its labour lines not yet
    invoiced are linked to the line), or what a credit-note line gave back; refused beyond what is to invoice."""
    for line in document.lines:
        order = services.get(line.id)
        if order is None:
            continue
        if document.kind is InvoiceKind.INVOICE:
            order.record_invoiced(line.id, line.quantity)
        else:
            order.record_credited(line.id, line.quantity)


def service_line_billing(order: ServiceOrder, invoiced: Decimal) -> LineBilling:
    """What the invoice lines billing a service order (or its sales order line) bill, as billing sees it: what the
    order makes invoiceable is their delivered quantity (a service is never issued from stock), less `invoiced`
    by posted documents."""
    return LineBilling(policy=InvoicePolicy.DELIVERED, ordered=order.quantity, delivered=order.invoiceable,
                       invoiced=invoiced)
