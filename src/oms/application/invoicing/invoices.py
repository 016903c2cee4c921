"""Invoicing use cases within the context: credit notes of posted invoices, and deleting drafts.

Invoices themselves are made and posted by a process that reads the sales orders (`application/processes/billing`).
"""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.invoicing.queries import get_invoice
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.pricing import LineTotals
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef


@frozen(kw_only=True)
class CreditLine:
    """`quantity` of an invoice line (by its id or its position, #) to credit."""

    line: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class CreateCreditNote(Command[str]):
    """A draft credit note of a posted invoice: the `lines` given, or everything not yet credited. Returns its id."""

    invoice_id: DocumentRef
    lines: tuple[CreditLine, ...] = ()


@frozen(kw_only=True)
class DeleteDraftInvoice(Command[None]):
    """Delete a draft invoice or credit note (a posted one is never deleted: correct it with a credit note)."""

    invoice_id: DocumentRef


def invoice_line_billable(invoice: Invoice, line: InvoiceLine) -> Billable:
    """A posted invoice line as what a credit note bills a share of (its quantity and money)."""
    return Billable(document_id=invoice.id, line_id=line.id, sku=line.sku, description=line.description,
                    uom=line.uom, unit_price=line.unit_price, tax_category=line.tax_category,
                    tax_rate=line.tax_rate, whole=line.quantity,
                    totals=LineTotals.of(line))


def _invoice_line(invoice: Invoice, given: str, field_name: str) -> InvoiceLine:
    for line in invoice.lines:
        if given in (line.id, str(line.position)):
            return line
    raise refuse("NoSuchInvoiceLine", f"{invoice.number} has no line {given!r} [{field_name}]")


def create_credit_note(cmd: CreateCreditNote, uow: InvoicingUnitOfWork, clock: Clock) -> str:
    invoice = get_invoice(uow, cmd.invoice_id)
    if invoice.kind is not InvoiceKind.INVOICE or invoice.status is not InvoiceStatus.POSTED:
        raise refuse("CreditNotesCreditPostedInvoices", f"{invoice.number or 'a draft'} is not a posted invoice")
    credited = uow.invoicing.invoices.credited([line.id for line in invoice.lines])
    drafts = uow.invoicing.invoices.drafts_billing([line.id for line in invoice.lines])
    wanted = ([(_invoice_line(invoice, given.line, f"lines[{i}].line"), given.quantity, f"lines[{i}].quantity")
               for i, given in enumerate(cmd.lines)] if cmd.lines else
              [(line, line.quantity - credited.get(line.id, Decimal(0)) - drafts.get(line.id, Decimal(0)),
                "lines") for line in invoice.lines])
    note = Invoice(id=new_id(), kind=InvoiceKind.CREDIT_NOTE, customer_id=invoice.customer_id,
                   branch_id=invoice.branch_id, currency=invoice.currency,
                   prices_include_tax=invoice.prices_include_tax, tax_rounding=invoice.tax_rounding,
                   created_at=clock.now(), credited_invoice_id=invoice.id)
    for line, quantity, field_name in wanted:
        before = credited.get(line.id, Decimal(0)) + drafts.get(line.id, Decimal(0))
        if quantity <= 0 and not cmd.lines:
            continue
        if before + quantity > line.quantity:
            raise refuse("CannotCreditMoreThanInvoiced", f"{line.sku}: {quantity} asked, "
                         f"{line.quantity - before} left to credit [{field_name}]")
        note.bill(invoice_line_billable(invoice, line), line_id=new_id(), quantity=quantity, billed_before=before,
                  field_name=field_name)
    if not note.lines:
        raise refuse("NothingToCredit", f"everything on {invoice.number} is credited already")
    uow.invoicing.invoices.add(note)
    return note.id


def delete_draft_invoice(cmd: DeleteDraftInvoice, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    invoice = get_invoice(uow, cmd.invoice_id)
    invoice.ensure_deletable()
    uow.invoicing.invoices.remove(invoice)


HANDLERS: Handlers = {CreateCreditNote: create_credit_note, DeleteDraftInvoice: delete_draft_invoice}
