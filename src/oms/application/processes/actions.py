"""The commands of the processes that span contexts, declared once: invoicing sales orders, posting invoices and
crediting the goods that came back."""

from __future__ import annotations

from oms.application.invoicing.actions import DRAFT, INVOICE
from oms.application.processes import billing, returned_goods
from oms.application.sales.actions import RETURNABLE, SALES_ORDER
from oms.application.shared.actions import Action
from oms.domain.access.tokens import Role

ACTIONS = [
    Action(INVOICE, "create", billing.InvoiceOrders, Role.CLERK, "Make a draft invoice of one customer's orders: "
           "what is left to invoice on them, or the lines given", path="", collection=True, status=201,
           creates=INVOICE),
    Action(INVOICE, "post", billing.PostInvoice, Role.MANAGER, "Post a draft invoice or credit note: it takes its "
           "number and date and never changes again", when=DRAFT),
    Action(SALES_ORDER, "credit-returns", returned_goods.CreditReturnedGoods, Role.MANAGER, "Make a draft credit "
           "note of the goods that came back: what was invoiced beyond what is now delivered, on the latest invoice "
           "that billed it", path="credit-notes", status=201, creates=INVOICE, operation="credit_returned_goods",
           when=RETURNABLE),
]
