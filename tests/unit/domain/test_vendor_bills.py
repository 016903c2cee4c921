"""Vendor bills: the 3-way match per line, the bill's match, the supplier invoice number unique per supplier and year,
posting and cancelling, payments blocked until a bill that is not matched is released; the bill's entry balances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.accounting.postings import TaxAmount, bill_legs
from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.supplier_payments import BillPaymentStatus, SupplierPayment, payable
from oms.domain.invoicing.vendor_bills import (
    BillKind,
    BillSource,
    BillStatus,
    Match,
    MatchStatus,
    VendorBill,
    VendorBillPosted,
    match_line,
)
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.shared.tax import TaxCategory

from .builders import ACTOR, AT, refusal

M = MatchStatus
D = Decimal


def source(line_id: str = "po-line-1", price: str = "5.00") -> BillSource:
    return BillSource(purchase_order_id="po-1", po_line_id=line_id, product_id="p", sku="BOLT", description="Bolt",
                      uom="unit", po_unit_price=D(price), tax_category=TaxCategory.STANDARD, tax_rate=D("0.2"))


def make_bill(number: str = "INV-77", *, day: date = date(2026, 3, 2), supplier: str = "s1",
              kind: BillKind = BillKind.BILL) -> VendorBill:
    return VendorBill(id=new_id(), kind=kind, supplier_id=supplier, branch_id="b", currency="EUR",
                      supplier_invoice_number=number, bill_date=day, created_at=AT,
                      debited_bill_id="bill-1" if kind is BillKind.DEBIT_NOTE else None)


def match(ordered: str, received: str, billed: str, bill_price: str = "5.00") -> MatchStatus:
    return match_line(ordered=D(ordered), received=D(received), billed=D(billed), po_price=D("5.00"),
                      bill_price=D(bill_price), price_tolerance=D(2)).status


@pytest.mark.parametrize(("ordered", "received", "billed", "expected"), [
    ("10", "0", "10", M.HOLD),       # billed before any receipt, within what was ordered
    ("10", "8", "10", M.EXCEPTION),  # more billed than received
    ("10", "8", "8", M.OK),          # billed = received
    ("10", "0", "11", M.EXCEPTION),  # nothing received and more than ordered
    ("10", "10", "6", M.EXCEPTION),  # less billed than received is not "ok" either (the lines disagree)
])
def test_the_three_way_match_of_a_line_compares_billed_with_received_and_ordered(
        ordered: str, received: str, billed: str, expected: MatchStatus) -> None:
    assert match(ordered, received, billed) is expected


def test_a_unit_price_beyond_the_tolerance_of_the_orders_is_an_exception_within_it_is_not() -> None:
    assert match("10", "8", "8", bill_price="5.20") is M.EXCEPTION  # 4% above, tolerance 2%
    assert match("10", "8", "8", bill_price="5.10") is M.OK  # 2% exactly
    assert match("10", "8", "8", bill_price="4.85") is M.EXCEPTION  # 3% below


@given(ordered=st.integers(1, 100), received=st.integers(0, 120), billed=st.integers(0, 120))
def test_a_line_is_ok_exactly_when_billed_equals_received(ordered: int, received: int, billed: int) -> None:
    status = match(str(ordered), str(received), str(billed))

    assert (status is M.OK) == (billed == received)
    assert (status is M.HOLD) == (received == 0 and 0 < billed <= ordered)


def test_a_bill_is_an_exception_if_any_line_is_and_posting_gives_number_due_date_and_event() -> None:
    bill = make_bill()
    first = bill.charge(source("a"), line_id="l1", quantity=D(8))
    second = bill.charge(source("b"), line_id="l2", quantity=D(2), unit_price=D("5.20"))

    bill.post(number="BILL-2026-000001", matches={first.id: Match(status=M.OK),
                                                 second.id: Match(status=M.EXCEPTION, reason="price")},
              due_date=date(2026, 4, 1), at=AT, actor=ACTOR)

    assert (bill.status, bill.match_status, bill.number) == (BillStatus.POSTED, M.EXCEPTION, "BILL-2026-000001")
    assert [line.match_status for line in bill.lines] == [M.OK, M.EXCEPTION]
    assert bill.totals.grand_total == D("60.48")  # 8 x 5.00 + 2 x 5.20 = 50.40 net, 20% tax 10.08
    assert isinstance(bill.events[-1], VendorBillPosted)
    assert not bill.payable
    assert refusal(lambda: bill.charge(source("c"), line_id="l3", quantity=D(1))) == "PostedBillsAreImmutable"


def test_a_bill_not_matched_is_paid_only_once_a_manager_releases_it() -> None:
    bill = make_bill()
    line = bill.charge(source(), line_id="l1", quantity=D(10))
    bill.post(number="BILL-2026-000001", matches={line.id: Match(status=M.HOLD)}, due_date=None, at=AT, actor=ACTOR)
    payment = SupplierPayment.make(id="pay", number="SPAY-2026-000001", supplier_id="s1", currency="EUR",
                                   amount=D("100.00"), payment_date=date(2026, 3, 2),
                                   method=PaymentMethod.BANK_TRANSFER, reference="", at=AT, actor=ACTOR)

    blocked = refusal(lambda: payment.allocate(bill, residual=D("60.00"), amount=None, allocation_id="a", at=AT,
                                               actor=ACTOR))
    bill.release_for_payment(AT, "manager")
    payment.allocate(bill, residual=D("60.00"), amount=None, allocation_id="a", at=AT, actor=ACTOR)

    assert blocked == "BillPaymentMustBeReleased"
    assert payment.unallocated == D("40.00")
    assert payable(bill, [], payment.allocated).status is BillPaymentStatus.PAID


def test_what_a_bill_owes_is_its_total_less_debit_notes_and_payments() -> None:
    bill = make_bill()
    bill.charge(source(), line_id="l1", quantity=D(10))
    bill.post(number="BILL-2026-000001", matches={}, due_date=None, at=AT, actor=ACTOR)
    note = VendorBill(id="dn", kind=BillKind.DEBIT_NOTE, supplier_id="s1", branch_id="b", currency="EUR",
                      supplier_invoice_number="CN-1", bill_date=date(2026, 3, 3), created_at=AT,
                      debited_bill_id=bill.id)
    note.charge(source(), line_id="n1", quantity=D(2))
    note.post(number="DN-2026-000001", matches={}, due_date=None, at=AT, actor=ACTOR)

    owed = payable(bill, [note], D("20.00"))

    assert (owed.total, owed.debited, owed.residual, owed.status) == (D("60.00"), D("12.00"), D("28.00"),
                                                                      BillPaymentStatus.PARTIALLY_PAID)


def test_the_supplier_invoice_number_is_unique_per_supplier_kind_and_year_and_free_again_when_cancelled() -> None:
    first = make_bill("inv-77")
    same = make_bill("INV-77")
    next_year = make_bill("INV-77", day=date(2027, 1, 5))
    other_supplier = make_bill("INV-77", supplier="s2")

    assert refusal(lambda: same.check_unique([first])) == "DuplicateSupplierInvoiceNumber"
    assert first.claim == same.claim
    assert next_year.claim != first.claim
    assert refusal(lambda: other_supplier.check_unique([])) is None
    first.cancel(AT, ACTOR)
    assert first.claim is None
    assert first.status is BillStatus.CANCELLED
    assert refusal(lambda: first.cancel(AT, ACTOR)) == "PostedBillsAreImmutable"


def test_a_bill_needs_a_supplier_invoice_number_and_positive_quantities() -> None:
    with pytest.raises(InvalidValue) as blank:
        make_bill(" ")
    with pytest.raises(InvalidValue) as zero:
        make_bill().charge(source(), line_id="l1", quantity=D(0), field_name="lines[0]")

    assert blank.value.field == "supplier_invoice_number"
    assert zero.value.field == "lines[0].quantity"


def test_posting_on_or_before_the_lock_date_is_refused() -> None:
    bill = make_bill()
    bill.charge(source(), line_id="l1", quantity=D(1))

    assert refusal(lambda: bill.post(number="B", matches={}, due_date=None, at=AT, actor=ACTOR,
                                     lock_date=date(2026, 3, 31))) == "PeriodIsLocked"


@given(quantities=st.lists(st.integers(1, 500), min_size=1, max_size=6),
       prices=st.lists(st.decimals(D("0.01"), D("999.99"), places=4), min_size=6, max_size=6),
       po_prices=st.lists(st.decimals(D("0.01"), D("999.99"), places=4), min_size=6, max_size=6),
       debit_note=st.booleans())
def test_a_bills_entry_always_balances(quantities: list[int], prices: list[Decimal], po_prices: list[Decimal],
                                       debit_note: bool) -> None:
    bill = make_bill()
    for index, quantity in enumerate(quantities):
        bill.charge(source(f"l{index}", price=str(po_prices[index])), line_id=f"x{index}", quantity=D(quantity),
                    unit_price=prices[index])
    totals = bill.totals
    grni = sum((line.quantity * line.po_unit_price for line in bill.lines), D(0)).quantize(D("0.01"))

    legs = bill_legs(grand_total=totals.grand_total, net_total=totals.net_total, grni=grni,
                     taxes=[TaxAmount(category=str(t.category), rate=t.rate, tax=t.tax) for t in totals.taxes],
                     debit_note=debit_note)

    assert sum(leg.amount for leg in legs) == 0
    assert sum(leg.amount for leg in legs if leg.role == "payable") == (1 if debit_note else -1) * totals.grand_total
