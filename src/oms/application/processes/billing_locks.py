"""What a posting locks before the over-billing check reads what was billed, so concurrent postings of the same
lines take turns and each counts the others (peers.md 5d: "must not over-bill").

An invoice bills order lines: the rows of its sales orders are locked (loading a document in a changing transaction
locks its row on PostgreSQL; SQLite has one writer at a time), in id order so two postings never deadlock; a credit
note credits invoice lines: the row of its invoice is locked. A second posting of the same lines then waits for the
first to commit and reads what it billed. A service order is not locked: posting changes it, so two postings of
one conflict on its version and the bus runs one again (billed_services.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from oms.domain.invoicing.invoices import Invoice
from oms.domain.production.service_orders import ServiceOrder
from oms.ports.unit_of_work import UnitOfWork


def lock_billed_documents(uow: UnitOfWork, document: Invoice, services: Mapping[str, ServiceOrder]) -> None:
    """Lock the documents whose lines `document` bills (its sales orders, or the invoice a credit note credits);
    `services`: the service orders its lines bill, by line."""
    if document.credited_invoice_id is not None:
        uow.invoicing.invoices.get(document.credited_invoice_id)
        return
    on_their_own = {order.id for order in services.values() if order.sales_line_id is None}
    for order_id in sorted({line.source_document_id for line in document.lines} - on_their_own):
        uow.sales.orders.get(order_id)
