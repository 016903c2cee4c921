"""Demo vendor bills: the closed order billed by what it received (matched, paid in part), the partially received one
billed at a price beyond the tolerance (an exception waiting for release), and the returned one billed before its
debit note. Runs after the demo's purchase orders."""

from __future__ import annotations

from decimal import Decimal

import oms


def _orders(system: oms.OrderManagement, status: str) -> list[str]:
    with system.uow_factory() as uow:
        return [order.number for order in uow.procurement.orders.list() if order.status == status]


def load_demo_bills(system: oms.OrderManagement) -> None:
    handle = system.handle
    closed = _orders(system, "closed")
    partial = _orders(system, "partially_received")
    if closed:  # billed on what arrived: matched, paid in part
        bill = handle(oms.BillPurchaseOrder(order_id=closed[0], supplier_invoice_number="WW-2026-0117"))
        handle(oms.PostVendorBill(bill_id=bill))
        handle(oms.PayBill(bill_id=bill, amount=Decimal("500.00"), reference="bank run 9"))
    if partial:  # 10 desks received, billed at 160.00 instead of 150.00: an exception until a manager releases it
        bill = handle(oms.BillPurchaseOrder(order_id=partial[0], supplier_invoice_number="INV-88412", lines=(
            oms.BillLineRequest(line="1", quantity="10", unit_price="160.00"),)))
        handle(oms.PostVendorBill(bill_id=bill))


