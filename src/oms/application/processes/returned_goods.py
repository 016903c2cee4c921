"""Crediting the goods that came back: a customer return lowers an order line's delivered quantity (the goods went
back into stock at the cost they left with), so a line billed on delivered quantities has invoiced more than it
now delivers; this process makes the draft credit note of that difference (Odoo: the negative quantity to invoice
becomes a credit note; ERPNext: a return against the invoice).

The credit note credits the most recent posted invoice that billed the returned lines, up to what each of its lines
has left to credit (posted and draft credit notes counted); if what came back was billed on several invoices, the
order's billing still shows the rest "to credit" and the command is run again. Posting the credit note checks the
quantities once more, like any credit note.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.application.invoicing.invoices import CreateCreditNote, CreditLine, create_credit_note
from oms.application.processes.billing import lines_billing
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.shared.errors import refuse
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class CreditReturnedGoods(Command[str]):
    """A draft credit note of what came back on the order: per line, what was invoiced beyond what is now delivered,
    on the most recent posted invoice that billed it. Returns the credit note's id."""

    order_id: DocumentRef


def credit_returned_goods(cmd: CreditReturnedGoods, uow: UnitOfWork, clock: Clock) -> str:
    order = find(uow.sales.orders, cmd.order_id, "sales order")
    owed = {line_id: billing.to_credit for line_id, billing in lines_billing(uow, order).items()
            if billing.to_credit > 0}
    if not owed:
        raise refuse("NothingToCredit", f"{order.number}: nothing invoiced has come back")
    invoices = _invoices_billing(uow, order.customer_id, set(owed))
    invoice_lines = [line for invoice in invoices for line in invoice.lines]
    on_drafts = uow.invoicing.invoices.drafts_billing([line.id for line in invoice_lines])
    for line in invoice_lines:  # what draft credit notes give back already is not owed twice
        if line.source_line_id in owed:
            owed[line.source_line_id] -= on_drafts.get(line.id, Decimal(0))
    for invoice in invoices:
        lines = _creditable(uow, invoice, owed)
        if lines:
            return create_credit_note(CreateCreditNote(invoice_id=invoice.id, lines=lines), uow, clock)
    raise refuse("NothingToCredit", f"{order.number}: what came back is on draft credit notes already")


def _invoices_billing(uow: UnitOfWork, customer_id: str, order_line_ids: set[str]) -> list[Invoice]:
    """The customer's posted invoices billing any of the order lines, the most recent first."""
    billing = [invoice for invoice in uow.invoicing.invoices.of_customer(customer_id)
               if invoice.kind is InvoiceKind.INVOICE and invoice.status is InvoiceStatus.POSTED
               and any(line.source_line_id in order_line_ids for line in invoice.lines)]
    return sorted(billing, key=lambda invoice: (invoice.invoice_date, invoice.number or ""), reverse=True)


def _creditable(uow: UnitOfWork, invoice: Invoice, owed: dict[str, Decimal]) -> tuple[CreditLine, ...]:
    """The invoice's lines of returned goods, each up to what is owed back and what it has left to credit."""
    ids = [line.id for line in invoice.lines]
    credited = uow.invoicing.invoices.credited(ids)
    drafts = uow.invoicing.invoices.drafts_billing(ids)
    lines = []
    for line in invoice.lines:
        left = line.quantity - credited.get(line.id, Decimal(0)) - drafts.get(line.id, Decimal(0))
        quantity = min(owed.get(line.source_line_id, Decimal(0)), left)
        if quantity > 0:
            lines.append(CreditLine(line=line.id, quantity=quantity))
            owed[line.source_line_id] -= quantity
    return tuple(lines)


HANDLERS: Handlers = {CreditReturnedGoods: credit_returned_goods}
