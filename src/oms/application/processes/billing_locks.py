"""What a posting locks before the over-billing check reads what was billed, so concurrent postings of the same
lines take turns and each counts the others (peers.md 5d: "must not over-bill").

An invoice bills order lines: the rows of its orders are locked (loading a document in a changing transaction locks
its row on PostgreSQL; SQLite has one writer at a time), in id order so two postings never deadlock; a credit note
credits invoice lines: the row of its invoice is locked. A second posting of the same lines then waits for the
first to commit and reads what it billed.
"""

from __future__ import annotations

from oms.domain.invoicing.invoices import Invoice
from oms.ports.unit_of_work import UnitOfWork


def lock_billed_documents(uow: UnitOfWork, document: Invoice) -> None:
    """Lock the documents whose lines `document` bills (its orders, or the invoice a credit note credits)."""
    if document.credited_invoice_id is not None:
        uow.invoicing.invoices.get(document.credited_invoice_id)
        return
    for order_id in sorted({line.source_document_id for line in document.lines}):
        uow.sales.orders.get(order_id)
