"""The invoicing commands, declared once: credit notes of posted invoices and deleting drafts (invoices are made and
posted by the billing process: `application/processes/actions.py`)."""

from __future__ import annotations

from typing import Any

from oms.application.invoicing import invoices as inv
from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import DeletedInvoice
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.invoicing.invoices import InvoiceStatus

INVOICE = Resource(name="invoice", title="invoice", path="/invoices", cli="invoice", tag="invoices",
                   show=show_invoice, ref_field="invoice_id", key=lambda view: str(view.number or view.id))
DRAFT: frozenset[str] = frozenset({InvoiceStatus.DRAFT})
POSTED: frozenset[str] = frozenset({InvoiceStatus.POSTED})


def _deleted(_uow: Any, command: inv.DeleteDraftInvoice, _result: None) -> DeletedInvoice:
    return DeletedInvoice(deleted=command.invoice_id)


ACTIONS = [
    Action(INVOICE, "credit", inv.CreateCreditNote, Role.MANAGER, "Make a draft credit note of a posted invoice: "
           "the lines given, or everything not yet credited", path="credit-notes", status=201, creates=INVOICE,
           operation="credit_invoice", when=POSTED),
    Action(INVOICE, "delete", inv.DeleteDraftInvoice, Role.CLERK, "Delete a draft invoice or credit note",
           method="DELETE", path="", answer=_deleted, when=DRAFT),
]
