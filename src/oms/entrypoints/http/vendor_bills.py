"""Vendor bills, debit notes and payments to suppliers: shown to viewers, made, posted, matched, released, paid as
their actions declare; what a purchase order has billed and has left to bill."""

from __future__ import annotations

import attrs
from attrs import frozen

from oms.application.invoicing.bill_actions import ACTIONS, BILL
from oms.application.invoicing.bill_views import (
    BillList,
    BillView,
    PurchaseOrderBillingView,
    SupplierPaymentList,
    SupplierPaymentView,
)
from oms.application.invoicing.vendor_bills import bill_list, show_bill, show_supplier_payment, supplier_payment_list
from oms.application.processes import bill_actions as processes
from oms.application.processes.vendor_billing import purchase_order_billing
from oms.domain.access.tokens import Role
from oms.domain.invoicing.vendor_bills import BillStatus, MatchStatus
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE

bp = ApiBlueprint("vendor_bills", __name__, tag=BILL.tag)


@frozen(kw_only=True)
class BillFilter:
    """Bills of one 3-way match status (`ok`, `hold`, `exception`, `pending` for drafts), one status, one supplier
    (its code); every bill when none is given."""

    match: MatchStatus | None = None
    status: BillStatus | None = None
    supplier: str | None = attrs.field(default=None, metadata=CODE)


@bp.operation("GET", "/vendor-bills", summary="Vendor bills and debit notes, oldest first, by match status, status "
              "or supplier", role=Role.VIEWER, response=BillList, query=BillFilter, errors=(422,))
def list_bills(call: Call) -> BillList:
    wanted = call.query(BillFilter)
    return call.system.read(bill_list, match=wanted.match, status=wanted.status, supplier_code=wanted.supplier)


@bp.operation("GET", "/vendor-bills/<ref>", summary="Show a vendor bill or debit note: lines with their 3-way match, "
              "totals, taxes and what it owes", role=Role.VIEWER, response=BillView)
def get_bill(call: Call) -> BillView:
    return call.system.read(show_bill, call.args["ref"])


@bp.operation("GET", "/supplier-payments", summary="Payments to suppliers, oldest first", role=Role.VIEWER,
              response=SupplierPaymentList)
def list_supplier_payments(call: Call) -> SupplierPaymentList:
    return call.system.read(supplier_payment_list)


@bp.operation("GET", "/supplier-payments/<ref>", summary="Show a payment to a supplier: the bills it pays and what "
              "it has left", role=Role.VIEWER, response=SupplierPaymentView)
def get_supplier_payment(call: Call) -> SupplierPaymentView:
    return call.system.read(show_supplier_payment, call.args["ref"])


@bp.operation("GET", "/purchase-orders/<ref>/billing", summary="What the purchase order has billed and has left to "
              "bill, per line", role=Role.VIEWER, response=PurchaseOrderBillingView)
def get_purchase_order_billing(call: Call) -> PurchaseOrderBillingView:
    return call.system.read(purchase_order_billing, call.args["ref"])


bp.actions([*processes.ACTIONS, *ACTIONS])
