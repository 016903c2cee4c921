"""Postings to the books from other contexts' documents, in the transaction of the command that posts them.

These are in-transaction policies (`MessageBus.policies`): run after a command's handler, on the events it raised,
before its answer and its commit, so a document and its journal entry are committed together or not at all.
`POLICIES` is what `bootstrap` wires; a policy for another document is one function calling `record_entry` with
the legs of `oms.domain.accounting.postings` (`payment_legs`, `stock_legs`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from oms.application.accounting.books import record_entry
from oms.domain.accounting.journal import SourceKind
from oms.domain.accounting.postings import Leg, RevenueLine, TaxAmount, invoice_legs
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoicePosted
from oms.domain.shared.events import DomainEvent
from oms.ports.unit_of_work import UnitOfWork

Policy = Callable[[UnitOfWork, DomainEvent], None]


def invoice_entry_legs(invoice: Invoice) -> list[Leg]:
    """The legs of a posted invoice or credit note, from its own lines, totals and taxes."""
    totals = invoice.totals
    return invoice_legs(
        grand_total=totals.grand_total, credit_note=invoice.kind is InvoiceKind.CREDIT_NOTE,
        lines=[RevenueLine(net=line.net, sku=line.sku, tax_category=str(line.tax_category)) for line in invoice.lines],
        taxes=[TaxAmount(category=str(tax.category), rate=tax.rate, tax=tax.tax) for tax in totals.taxes])


def post_invoice_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """A posted invoice: Dr receivable / Cr revenue / Cr tax payable; a credit note the reverse; dated as the
    document."""
    assert isinstance(event, InvoicePosted)
    invoice = uow.invoicing.invoices.get(event.aggregate_id)
    assert invoice.invoice_date is not None
    assert invoice.number is not None
    kind = SourceKind.INVOICE if invoice.kind is InvoiceKind.INVOICE else SourceKind.CREDIT_NOTE
    record_entry(uow, invoice_entry_legs(invoice), entry_date=invoice.invoice_date, currency=invoice.currency,
                 source=(kind, invoice.number), description=f"{kind.replace('_', ' ').capitalize()} {invoice.number}",
                 at=event.occurred_at, actor=invoice.posted_by)


POLICIES: Mapping[type[DomainEvent], Sequence[Policy]] = {
    InvoicePosted: (post_invoice_entry,),
}
