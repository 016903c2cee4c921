"""The commands of vendor bills and payments to suppliers within invoicing, declared once: debit notes, cancelling
drafts, releasing a bill for payment, paying bills (bills are made from purchase orders and posted by the process in
`application/processes/bill_actions.py`)."""

from __future__ import annotations

from oms.application.invoicing import vendor_bills as vb
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.invoicing.vendor_bills import BillStatus

BILL = Resource(name="vendor_bill", title="vendor bill", path="/vendor-bills", cli="bill", tag="vendor bills",
                show=vb.show_bill, ref_field="bill_id", key=lambda view: str(view.number or view.id))
SUPPLIER_PAYMENT = Resource(name="supplier_payment", title="supplier payment", path="/supplier-payments",
                            cli="supplier-payment", tag="supplier payments", show=vb.show_supplier_payment,
                            ref_field="payment_id")
DRAFT: frozenset[str] = frozenset({BillStatus.DRAFT})
POSTED: frozenset[str] = frozenset({BillStatus.POSTED})

ACTIONS = [
    Action(BILL, "debit", vb.CreateDebitNote, Role.MANAGER, "Make a draft debit note of a posted bill under the "
           "supplier's credit-note number: the lines given, or everything not yet given back", path="debit-notes",
           status=201, creates=BILL, operation="debit_vendor_bill", when=POSTED),
    Action(BILL, "cancel", vb.CancelVendorBill, Role.CLERK, "Cancel a draft bill or debit note (its supplier "
           "invoice number is free again)", when=DRAFT),
    Action(BILL, "release", vb.ReleaseBillForPayment, Role.MANAGER, "Release a posted bill whose 3-way match is "
           "on hold or an exception for payment", when=POSTED),
    Action(BILL, "pay", vb.PayBill, Role.CLERK, "Pay a posted bill what it owes (or an amount): a payment to its "
           "supplier, posted at once with its number", status=201, creates=SUPPLIER_PAYMENT, when=POSTED),
    Action(SUPPLIER_PAYMENT, "record", vb.PaySupplier, Role.CLERK, "Record a payment to a supplier (posted at once "
           "with its number); with bill_id it pays that bill up to what it owes", path="", collection=True,
           status=201, creates=SUPPLIER_PAYMENT),
    Action(SUPPLIER_PAYMENT, "allocate", vb.AllocateSupplierPayment, Role.CLERK, "Put a payment to a supplier (or "
           "part of it) against a posted bill of the supplier, never more than the bill owes or the payment has "
           "left"),
    Action(SUPPLIER_PAYMENT, "unallocate", vb.UnallocateSupplierPayment, Role.MANAGER, "Take a payment to a "
           "supplier off a bill: the bill owes it again, and the payment has it left for another bill"),
]
