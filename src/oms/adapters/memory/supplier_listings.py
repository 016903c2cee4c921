"""In-memory rows of the supplier-side listings (purchase orders, RFQs, vendor bills, payments to suppliers), read
from an InMemoryStore's committed aggregates and kept to those every given filter takes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from oms.adapters.memory.store import InMemoryStore
from oms.domain.invoicing.vendor_bills import BillStatus
from oms.domain.procurement.rfqs import InvitationStatus
from oms.ports.invoicing.bill_listings import SUPPLIER_PAYMENTS, VENDOR_BILLS, BillSummary, SupplierPaymentSummary
from oms.ports.procurement.listings import PURCHASE_ORDERS, RFQS, PurchaseOrderSummary, RfqSummary
from oms.ports.sales.listings import searched

LISTINGS = frozenset({PURCHASE_ORDERS.name, RFQS.name, VENDOR_BILLS.name, SUPPLIER_PAYMENTS.name})


def supplier_rows(store: InMemoryStore, name: str, wanted: dict[str, Any]) -> list[Any]:
    """The listing's rows that every filter in `wanted` (none empty) takes, in no order."""
    readers: dict[str, Callable[[InMemoryStore], list[Any]]] = {
        PURCHASE_ORDERS.name: _orders, RFQS.name: _rfqs, VENDOR_BILLS.name: _bills,
        SUPPLIER_PAYMENTS.name: _payments}
    rows = readers[name]
    names = _codes(store, "supplier", "name")
    return [row for row in rows(store) if _kept(row, wanted, names)]


def _kept(row: Any, wanted: dict[str, Any], supplier_names: dict[str, str]) -> bool:
    texts = [text for name in ("number", "supplier_invoice_number", "supplier_code")
             if (text := getattr(row, name, None))]
    texts += [supplier_names.get(getattr(row, "supplier_id", ""), "")]
    return (("status" not in wanted or row.status in set(wanted["status"]))
            and ("kind" not in wanted or row.kind in set(wanted["kind"]))
            and ("match" not in wanted or row.match_status in set(wanted["match"]))
            and ("supplier_id" not in wanted or row.supplier_id == wanted["supplier_id"])
            and ("branch_id" not in wanted or row.branch_id == wanted["branch_id"])
            and ("from" not in wanted or row.created_at >= wanted["from"])
            and ("until" not in wanted or row.created_at < wanted["until"])
            and ("search" not in wanted or searched(str(wanted["search"]), *texts)))


def _codes(store: InMemoryStore, kind: str, attribute: str = "code") -> dict[str, str]:
    return {obj.id: getattr(obj, attribute) for obj in store.load_all(kind)}


def _orders(store: InMemoryStore) -> list[PurchaseOrderSummary]:
    codes, names, branches = _codes(store, "supplier"), _codes(store, "supplier", "name"), _codes(store, "branch")
    return [PurchaseOrderSummary(
        id=o.id, number=o.number, status=str(o.status), receipt_status=str(o.receipt_status()),
        supplier_id=o.supplier_id, supplier_code=codes.get(o.supplier_id, ""),
        supplier_name=names.get(o.supplier_id, ""),
        branch_id=o.branch_id, branch_code=branches.get(o.branch_id, ""), currency=o.currency,
        grand_total=o.grand_total, created_at=o.created_at) for o in store.load_all("purchase_order")]


def _rfqs(store: InMemoryStore) -> list[RfqSummary]:
    branches = _codes(store, "branch")
    return [RfqSummary(id=r.id, number=r.number, status=str(r.status), branch_id=r.branch_id,
                       branch_code=branches.get(r.branch_id, ""), lines=len(r.lines), suppliers=len(r.suppliers),
                       answered=sum(s.status is InvitationStatus.ANSWERED for s in r.suppliers),
                       created_at=r.created_at) for r in store.load_all("rfq")]


def _bills(store: InMemoryStore) -> list[BillSummary]:
    codes, bills = _codes(store, "supplier"), store.load_all("vendor_bill")
    debited: dict[str, Decimal] = defaultdict(Decimal)
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for note in bills:
        if note.debited_bill_id is not None and note.status is BillStatus.POSTED:
            debited[note.debited_bill_id] += note.totals.grand_total
    for payment in store.load_all("supplier_payment"):
        for allocation in payment.allocations:
            paid[allocation.bill_id] += allocation.amount
    return [BillSummary(id=b.id, kind=str(b.kind), status=str(b.status), match_status=str(b.match_status),
                        number=b.number, supplier_id=b.supplier_id, supplier_code=codes.get(b.supplier_id, ""),
                        supplier_invoice_number=b.supplier_invoice_number, bill_date=b.bill_date,
                        currency=b.currency, grand_total=b.totals.grand_total, debited=debited[b.id], paid=paid[b.id],
                        created_at=b.created_at) for b in bills]


def _payments(store: InMemoryStore) -> list[SupplierPaymentSummary]:
    codes = _codes(store, "supplier")
    return [SupplierPaymentSummary(id=p.id, number=p.number, supplier_id=p.supplier_id,
                                   supplier_code=codes.get(p.supplier_id, ""), amount=p.amount, currency=p.currency,
                                   payment_date=p.payment_date, allocated=p.allocated, created_at=p.recorded_at)
            for p in store.load_all("supplier_payment")]
