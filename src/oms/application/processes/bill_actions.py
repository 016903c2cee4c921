"""The commands of billing purchase orders, declared once: a draft bill of an order, posting it (matched three
ways), matching a posted bill again."""

from __future__ import annotations

from oms.application.invoicing.bill_actions import BILL, DRAFT, POSTED
from oms.application.processes import vendor_billing as billing
from oms.application.shared.actions import Action
from oms.domain.access.tokens import Role

ACTIONS = [
    Action(BILL, "create", billing.BillPurchaseOrder, Role.CLERK, "Make a draft vendor bill of a purchase order "
           "under the supplier's invoice number: what is left to bill (by each line's billing policy), or the "
           "lines given", path="", collection=True, status=201, creates=BILL),
    Action(BILL, "post", billing.PostVendorBill, Role.MANAGER, "Post a draft bill or debit note: matched three "
           "ways, numbered, posted to the books; never beyond the ordered quantities", when=DRAFT),
    Action(BILL, "rematch", billing.RematchVendorBill, Role.CLERK, "Match a posted bill again against its "
           "purchase orders as they are now (goods received since turn a hold into ok)", when=POSTED),
]
