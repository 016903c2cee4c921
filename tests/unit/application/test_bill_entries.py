"""The entries of vendor bills through the Python API: a bill in the supplier's currency posts in the branch's,
converted at the bill date's rate from master data, and refuses to post without a rate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import oms
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import BusinessRuleViolation

D = Decimal


def _usd_order(system: oms.OrderManagement) -> str:
    """10 DESK ordered from YANK (a USD supplier) at 5.00 USD for BER (EUR); 1 USD = 0.90 EUR from 2026-01-01.
    Returns the order's id."""
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-yank", "YANK", "Yankee Tools", "USD", "net 30"))
        uow.masterdata.exchange_rates.add(ExchangeRate.new("USD", "EUR", date(2026, 1, 1), "0.90"))
        uow.commit()
    order = system.handle(oms.CreatePurchaseOrder(supplier_code="YANK", branch_code="BER", lines=(
        oms.LineInput(sku="DESK", quantity="10", unit_price="5.00"),)))
    system.handle(oms.PlacePurchaseOrder(order_id=order))
    return order


def _entry(system: oms.OrderManagement, kind: str, ref: str) -> dict[str, tuple[Decimal, Decimal]]:
    with system.uow_factory() as uow:
        [entry] = [e for e in uow.accounting.journal.entries() if (e.source_kind, e.source_ref) == (kind, ref)]
        assert entry.currency == "EUR"
        return {line.account_code: (line.debit, line.credit) for line in entry.lines}


def test_a_bill_in_the_suppliers_currency_posts_in_the_branchs_at_the_bill_dates_rate(
        system: oms.OrderManagement) -> None:
    order = _usd_order(system)
    bill = system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number="US-1", lines=(
        oms.BillLineRequest(line="1", quantity="10"),), bill_date=date(2026, 3, 2)))

    system.handle(oms.PostVendorBill(bill_id=bill))
    posted = system.read(oms.show_bill, bill)
    lines = _entry(system, "vendor_bill", str(posted.number))

    assert posted.totals.grand_total == oms.Money(D("59.50"), oms.Currency.of("USD"))
    assert lines == {"2200": (D("45.00"), D(0)), "1400": (D("8.55"), D(0)), "2000": (D(0), D("53.55"))}


def test_a_bill_in_another_currency_without_a_rate_is_not_posted(system: oms.OrderManagement) -> None:
    order = _usd_order(system)
    bill = system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number="US-1", lines=(
        oms.BillLineRequest(line="1", quantity="10"),), bill_date=date(2025, 12, 31)))  # before the first rate

    with pytest.raises(BusinessRuleViolation) as refused:
        system.handle(oms.PostVendorBill(bill_id=bill))

    assert refused.value.rule == "NoExchangeRate"
    assert system.read(oms.show_bill, bill).status == oms.BillStatus.DRAFT
