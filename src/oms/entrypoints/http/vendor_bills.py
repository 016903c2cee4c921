"""Vendor bills, debit notes and payments to suppliers: shown to viewers, made, posted, matched, released, paid as
their actions declare; what a purchase order has billed and has left to bill."""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen

from oms.application.invoicing.bill_actions import ACTIONS, BILL
from oms.application.invoicing.bill_listings import bill_page, supplier_payment_page
from oms.application.invoicing.bill_views import (
    BillList,
    BillView,
    PurchaseOrderBillingView,
    SupplierPaymentList,
    SupplierPaymentView,
)
from oms.application.invoicing.vendor_bills import show_bill, show_supplier_payment
from oms.application.processes import bill_actions as processes
from oms.application.processes.vendor_billing import purchase_order_billing
from oms.domain.access.tokens import Role
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, DOCUMENT_PARAMETERS, SEARCH, STATUSES, Order, Paging, parameters

bp = ApiBlueprint("vendor_bills", __name__, tag=BILL.tag)


@frozen(kw_only=True)
class BillFilter(Paging):
    """Bills of the 3-way match statuses (`ok`, `hold`, `exception`, `pending` for drafts), statuses and kinds given
    (each may be repeated), of one supplier (its code; an unknown one matches nothing); `created_from` inclusive,
    `created_until` exclusive; `search` a part of the number, of the supplier's invoice number or of the supplier's
    code or name, in any case; every bill when none is given."""

    match: tuple[MatchStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    status: tuple[BillStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    kind: tuple[BillKind, ...] = attrs.field(default=(), metadata=STATUSES)
    supplier: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.OLDEST


@frozen(kw_only=True)
class SupplierPaymentFilter(Paging):
    """Payments to one supplier (its code; an unknown one matches nothing), recorded from `created_from`
    (inclusive) until `created_until` (exclusive)."""

    supplier: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    order: Order = Order.OLDEST


@bp.operation("GET", "/vendor-bills", summary="Vendor bills and debit notes, oldest first, by match status, status, "
              "supplier or a search, a page at a time", role=Role.VIEWER, response=BillList, query=BillFilter)
def list_bills(call: Call) -> BillList:
    wanted = call.query(BillFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(bill_page, api().listings, kinds=tuple(k.value for k in wanted.kind),
                                statuses=tuple(s.value for s in wanted.status),
                                matches=tuple(m.value for m in wanted.match), supplier_code=wanted.supplier,
                                created_from=wanted.created_from, created_until=wanted.created_until,
                                search=wanted.search, newest_first=wanted.order is Order.NEWEST, limit=wanted.limit,
                                cursor=wanted.cursor)


@bp.operation("GET", "/vendor-bills/<ref>", summary="Show a vendor bill or debit note: lines with their 3-way match, "
              "totals, taxes and what it owes", role=Role.VIEWER, response=BillView)
def get_bill(call: Call) -> BillView:
    return call.system.read(show_bill, call.args["ref"])


@bp.operation("GET", "/supplier-payments", summary="Payments to suppliers, oldest first, a page at a time",
              role=Role.VIEWER, response=SupplierPaymentList, query=SupplierPaymentFilter)
def list_supplier_payments(call: Call) -> SupplierPaymentList:
    wanted = call.query(SupplierPaymentFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(supplier_payment_page, api().listings, supplier_code=wanted.supplier,
                                created_from=wanted.created_from, created_until=wanted.created_until,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/supplier-payments/<ref>", summary="Show a payment to a supplier: the bills it pays and what "
              "it has left", role=Role.VIEWER, response=SupplierPaymentView)
def get_supplier_payment(call: Call) -> SupplierPaymentView:
    return call.system.read(show_supplier_payment, call.args["ref"])


@bp.operation("GET", "/purchase-orders/<ref>/billing", summary="What the purchase order has billed and has left to "
              "bill, per line", role=Role.VIEWER, response=PurchaseOrderBillingView)
def get_purchase_order_billing(call: Call) -> PurchaseOrderBillingView:
    return call.system.read(purchase_order_billing, call.args["ref"])


bp.actions([*processes.ACTIONS, *ACTIONS])
