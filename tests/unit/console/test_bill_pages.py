"""Vendor bills in the console: the list filtered by match status, a bill's page with each line's 3-way match and
the steps its status allows, posting a draft and paying a released bill from its page."""

from __future__ import annotations

import re
from decimal import Decimal

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from oms.domain.masterdata.suppliers import Supplier
from tests.unit.console.conftest import Browser, browser, text


def _draft_bill(system: oms.OrderManagement) -> str:
    """10 DESK ordered from BOLT-AG at 5.00, none received; a draft bill of all 10 (INV-1). Returns the draft's id."""
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT-AG", "Bolt AG", "EUR", "net 30"))
        uow.commit()
    order = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT-AG", branch_code="BER", lines=(
        oms.LineInput(sku="DESK", quantity="10", unit_price="5.00"),)))
    system.handle(oms.PlacePurchaseOrder(order_id=order))
    return system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number="INV-1", lines=(
        oms.BillLineRequest(line="1", quantity=Decimal(10)),)))


def test_a_manager_posts_a_draft_bill_and_its_page_shows_the_hold_and_that_payment_waits_for_release(
        app: Flask) -> None:
    draft = _draft_bill(app.extensions["oms"].system)
    manager: Browser = browser(app, Role.MANAGER)

    before = text(manager.get(f"/console/vendor-bills/{draft}"))
    posted = manager.post(f"/console/vendor_bill/{draft}/do/post", {})
    page = text(manager.get("/console/vendor-bills/BILL-2026-000001"))
    held = text(manager.get("/console/vendor-bills?match=hold"))
    matched = text(manager.get("/console/vendor-bills?match=ok"))

    assert "Post" in before
    assert posted.status_code == 302
    assert "hold" in page
    assert "nothing received yet" in page
    assert "blocked until released" in page
    assert "BILL-2026-000001" in held
    assert "BILL-2026-000001" not in matched


def test_a_released_bill_is_paid_from_its_page(app: Flask, clerk: Browser) -> None:
    system: oms.OrderManagement = app.extensions["oms"].system
    draft = _draft_bill(system)
    system.handle(oms.PostVendorBill(bill_id=draft))
    system.handle(oms.ReleaseBillForPayment(bill_id=draft))

    paid = clerk.post("/console/vendor_bill/BILL-2026-000001/do/pay", {"amount": "", "payment_date": "",
                                                                        "method": "bank_transfer", "reference": ""})
    page = text(clerk.get("/console/vendor-bills/BILL-2026-000001"))
    listed = text(clerk.get("/console/vendor-bills"))

    assert paid.status_code == 302
    assert "paid" in page
    assert "0.00 EUR" in page
    assert re.search(r"BILL-2026-000001.*?59\.50 EUR</td><td>paid</td>\s*<td class=\"num\">0\.00 EUR", listed, re.S)


def test_paying_a_bill_leads_to_the_payments_page_where_a_manager_takes_it_off_the_bill(app: Flask,
                                                                                        clerk: Browser) -> None:
    system: oms.OrderManagement = app.extensions["oms"].system
    draft = _draft_bill(system)
    system.handle(oms.PostVendorBill(bill_id=draft))
    system.handle(oms.ReleaseBillForPayment(bill_id=draft))
    manager = browser(app, Role.MANAGER)

    paid = clerk.post("/console/vendor_bill/BILL-2026-000001/do/pay", {"amount": "", "payment_date": "",
                                                                        "method": "bank_transfer", "reference": ""})
    page = text(clerk.get(paid.headers["Location"]))
    managed = text(manager.get("/console/supplier-payments/SPAY-2026-000001"))
    freed = manager.post("/console/supplier_payment/SPAY-2026-000001/do/unallocate", {"bill_id": "BILL-2026-000001"})
    after = text(manager.get("/console/supplier-payments/SPAY-2026-000001"))

    assert paid.headers["Location"].endswith("/console/supplier-payments/SPAY-2026-000001")
    assert "Payment SPAY-2026-000001 to BOLT-AG" in page
    assert "BILL-2026-000001" in page
    assert "59.50 EUR" in page
    assert "Unallocate" not in page  # a clerk may not take it off
    assert "Unallocate" in managed
    assert freed.status_code == 302, text(freed)
    assert "Not allocated to any bill" in after
