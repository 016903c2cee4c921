"""The invoicing commands, declared once: credit notes of posted invoices, deleting drafts, and payments (invoices
are made and posted by the billing process: `application/processes/actions.py`)."""

from __future__ import annotations

from typing import Any

from oms.application.invoicing import invoices as inv
from oms.application.invoicing import payments as pay
from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import DeletedInvoice
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.invoicing.invoices import InvoiceStatus

INVOICE = Resource(name="invoice", title="invoice", path="/invoices", cli="invoice", tag="invoices",
                   show=show_invoice, ref_field="invoice_id", key=lambda view: str(view.number or view.id))
DRAFT: frozenset[str] = frozenset({InvoiceStatus.DRAFT})
POSTED: frozenset[str] = frozenset({InvoiceStatus.POSTED})
PAYMENT = Resource(name="payment", title="payment", path="/payments", cli="payment", tag="payments",
                   show=pay.show_payment, ref_field="payment_id")


def _deleted(_uow: Any, command: inv.DeleteDraftInvoice, _result: None) -> DeletedInvoice:
    return DeletedInvoice(deleted=command.invoice_id)


ACTIONS = [
    Action(INVOICE, "credit", inv.CreateCreditNote, Role.MANAGER, "Make a draft credit note of a posted invoice: "
           "the lines given, or everything not yet credited", path="credit-notes", status=201, creates=INVOICE,
           operation="credit_invoice", when=POSTED),
    Action(INVOICE, "delete", inv.DeleteDraftInvoice, Role.CLERK, "Delete a draft invoice or credit note",
           method="DELETE", path="", answer=_deleted, when=DRAFT),
    Action(PAYMENT, "record", pay.RecordPayment, Role.CLERK, "Record a payment received from a customer (posted at "
           "once with its number); with invoice_id it pays that invoice up to what it owes, the rest staying the "
           "customer's credit", path="", collection=True, status=201, creates=PAYMENT),
    Action(PAYMENT, "allocate", pay.AllocatePayment, Role.CLERK, "Put a payment (or part of it) against a posted "
           "invoice of the same customer and currency, never more than the invoice owes or the payment has left"),
    Action(PAYMENT, "unallocate", pay.UnallocatePayment, Role.MANAGER, "Take a payment off an invoice: what it "
           "paid of it becomes the customer's credit again"),
]
