"""The commands of the processes that span contexts, declared once: invoicing sales orders and posting invoices."""

from __future__ import annotations

from oms.application.invoicing.actions import DRAFT, INVOICE
from oms.application.processes import billing
from oms.application.shared.actions import Action
from oms.domain.access.tokens import Role

ACTIONS = [
    Action(INVOICE, "create", billing.InvoiceOrders, Role.CLERK, "Make a draft invoice of one customer's orders: "
           "what is left to invoice on them, or the lines given", path="", collection=True, status=201,
           creates=INVOICE),
    Action(INVOICE, "post", billing.PostInvoice, Role.MANAGER, "Post a draft invoice or credit note: it takes its "
           "number and date and never changes again", when=DRAFT),
]
