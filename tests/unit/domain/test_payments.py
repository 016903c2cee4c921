"""Payments in the domain: payment terms and due dates, allocations within the residual and the payment's rest,
and the residuals and customer credit derived from posted documents and allocations (peers.md I10)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine
from oms.domain.invoicing.payments import Payment, PaymentMethod
from oms.domain.invoicing.receivables import PaymentStatus, Receivable, bucket, paid_by, receivables
from oms.domain.masterdata.payment_terms import InvalidPaymentTerms, PaymentTerms
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.shared.tax import TaxCategory, TaxRounding

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
_ids = count(1)


def posted(total: str, *, customer: str = "c1", currency: str = "EUR", credits: Invoice | None = None) -> Invoice:
    """A posted invoice (or a credit note of `credits`) of one line whose total is `total`, tax-free."""
    document = Invoice(id=f"i{next(_ids)}", kind=InvoiceKind.CREDIT_NOTE if credits else InvoiceKind.INVOICE,
                       customer_id=customer, branch_id="b1", currency=currency, prices_include_tax=False,
                       tax_rounding=TaxRounding.GLOBAL, created_at=AT, credited_invoice_id=credits.id if credits
                       else None)
    amount = Decimal(total)
    document.lines.append(InvoiceLine(
        id=f"{document.id}-1", position=1, source_document_id="so1", source_line_id="ol1", sku="AUDIT",
        description="Audit", uom="unit", quantity=Decimal(1), unit_price=amount, tax_category=TaxCategory.ZERO,
        tax_rate=Decimal(0), gross_amount=amount, line_discount=Decimal(0), order_discount=Decimal(0), net=amount,
        tax=Decimal(0), total=amount))
    document.post(number=f"INV-2026-{next(_ids):06d}", invoice_date=date(2026, 3, 2), at=AT, actor="alice")
    return document


def payment(amount: str, *, customer: str = "c1", currency: str = "EUR") -> Payment:
    return Payment.record(id=f"p{next(_ids)}", number=f"PAY-2026-{next(_ids):06d}", customer_id=customer,
                          currency=currency, amount=Decimal(amount), payment_date=date(2026, 3, 2),
                          method=PaymentMethod.CASH, reference="", at=AT, actor="alice")


def allocate(pay: Payment, invoice: Invoice, amount: str | None, paid_before: str = "0") -> None:
    residual = invoice.totals.grand_total - Decimal(paid_before)
    pay.allocate(invoice, residual=residual, amount=None if amount is None else Decimal(amount),
                 allocation_id=f"a{next(_ids)}", at=AT, actor="alice")


@pytest.mark.parametrize(("written", "invoice_date", "due"), [
    ("immediate", date(2026, 3, 2), date(2026, 3, 2)),
    ("Net 30", date(2026, 1, 31), date(2026, 3, 2)),
    ("end of month + 15", date(2026, 2, 10), date(2026, 3, 15)),
    ("EOM", date(2026, 12, 5), date(2026, 12, 31)),
])
def test_payment_terms_give_the_due_date_from_the_invoice_date(written: str, invoice_date: date, due: date) -> None:
    terms = PaymentTerms.parse(written)

    assert terms.due_date(invoice_date) == due
    assert PaymentTerms.parse(str(terms)) == terms


@pytest.mark.parametrize("written", ["net thirty", "net -5", "net 400", "end of month - 3", "30"])
def test_payment_terms_that_cannot_be_read_are_refused_naming_the_field(written: str) -> None:
    with pytest.raises(InvalidPaymentTerms) as refused:
        PaymentTerms.parse(written)

    assert refused.value.field == "payment_terms"


def test_an_allocation_never_exceeds_the_residual_nor_what_the_payment_has_left() -> None:
    invoice, other = posted("120.00"), posted("300.00")
    pay = payment("200.00")

    with pytest.raises(BusinessRuleViolation) as beyond_residual:
        allocate(pay, invoice, "120.01")
    allocate(pay, invoice, None)
    with pytest.raises(BusinessRuleViolation) as beyond_rest:
        allocate(pay, other, "80.01")

    assert beyond_residual.value.rule == "CannotAllocateMoreThanResidual"
    assert beyond_rest.value.rule == "CannotAllocateMoreThanUnallocated"
    assert pay.unallocated == Decimal("80.00")


def test_a_payment_pays_only_posted_invoices_of_its_customer_and_currency() -> None:
    pay = payment("50.00")

    with pytest.raises(BusinessRuleViolation) as other_customer:
        allocate(pay, posted("10.00", customer="c2"), None)
    with pytest.raises(BusinessRuleViolation) as other_currency:
        allocate(pay, posted("10.00", currency="USD"), None)
    with pytest.raises(BusinessRuleViolation) as a_credit_note:
        allocate(pay, posted("10.00", credits=posted("10.00")), None)

    assert {other_customer.value.rule, other_currency.value.rule} == {"PaymentAndInvoiceMustMatch"}
    assert a_credit_note.value.rule == "PaymentsPayPostedInvoices"


def test_a_payment_is_a_positive_amount_to_the_cent_and_says_it_was_received() -> None:
    with pytest.raises(InvalidValue) as zero:
        payment("0")
    with pytest.raises(InvalidValue) as fraction:
        payment("1.005")

    received = payment("12.50").events

    assert (zero.value.field, fraction.value.field) == ("amount", "amount")
    assert [type(event).__name__ for event in received] == ["PaymentReceived"]


def test_unallocating_gives_the_amount_back_as_credit_and_an_invoice_it_does_not_pay_is_refused() -> None:
    invoice = posted("120.00")
    pay = payment("50.00")
    allocate(pay, invoice, "30.00")

    freed = pay.unallocate(invoice)
    with pytest.raises(BusinessRuleViolation) as nothing:
        pay.unallocate(invoice)

    assert freed == Decimal("30.00")
    assert pay.unallocated == Decimal("50.00")
    assert nothing.value.rule == "NoSuchAllocation"


def test_a_credit_note_lowers_the_residual_and_what_it_gives_back_beyond_is_customer_credit() -> None:
    invoice = posted("120.00")
    pay = payment("120.00")
    allocate(pay, invoice, None)
    note = posted("20.00", credits=invoice)

    owed = receivables([invoice, note], paid_by([pay]))[invoice.id]
    fully_credited = Receivable(invoice_id="x", total=Decimal(100), credited=Decimal(100), paid=Decimal(0))

    assert (owed.residual, owed.excess_credit, owed.status) == (Decimal(0), Decimal("20.00"), PaymentStatus.PAID)
    assert fully_credited.status is PaymentStatus.REVERSED


def test_overdue_means_a_residual_after_the_due_date_and_ageing_counts_days_past_due() -> None:
    owed = Receivable(invoice_id="x", total=Decimal(120), credited=Decimal(0), paid=Decimal(50))
    settled = Receivable(invoice_id="x", total=Decimal(120), credited=Decimal(0), paid=Decimal(120))

    assert owed.overdue(date(2026, 3, 1), date(2026, 3, 2))
    assert not owed.overdue(date(2026, 3, 2), date(2026, 3, 2))
    assert not settled.overdue(date(2026, 3, 1), date(2026, 3, 3))
    assert [bucket(date(2026, 3, 1), date(2026, 3, 1) + timedelta(days=late))
            for late in (0, 1, 30, 31, 60, 61, 90, 91)] == [
        "current", "days_1_30", "days_1_30", "days_31_60", "days_31_60", "days_61_90", "days_61_90", "days_over_90"]


CENTS = st.integers(min_value=1, max_value=50_000).map(lambda cents: Decimal(cents).scaleb(-2))


@settings(max_examples=150, deadline=None)
@given(invoice_totals=st.lists(CENTS, min_size=1, max_size=5), payments=st.lists(CENTS, min_size=1, max_size=5),
       credited=st.lists(st.tuples(st.integers(0, 4), CENTS), max_size=3),
       steps=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.one_of(st.none(), CENTS), st.booleans()),
                      max_size=25))
def test_random_allocations_never_exceed_totals_or_payments_and_residuals_and_credit_reconcile(
        invoice_totals: list[Decimal], payments: list[Decimal], credited: list[tuple[int, Decimal]],
        steps: list[tuple[int, int, Decimal | None, bool]]) -> None:
    invoices = [posted(str(total)) for total in invoice_totals]
    notes = [posted(str(amount), credits=invoices[i % len(invoices)]) for i, amount in credited]
    pays = [payment(str(amount)) for amount in payments]
    for p, i, amount, undo in steps:
        pay, invoice = pays[p % len(pays)], invoices[i % len(invoices)]
        now = receivables([*invoices, *notes], paid_by(pays))[invoice.id]
        try:
            if undo:
                pay.unallocate(invoice)
            else:
                pay.allocate(invoice, residual=now.residual, amount=amount, allocation_id=f"a{next(_ids)}", at=AT,
                             actor="alice")
        except (BusinessRuleViolation, InvalidValue):
            pass

    paid = paid_by(pays)
    owed = receivables([*invoices, *notes], paid)
    credit = sum((p.unallocated for p in pays), Decimal(0)) + sum((r.excess_credit for r in owed.values()),
                                                                   Decimal(0))
    assert all(paid.get(invoice.id, 0) <= invoice.totals.grand_total for invoice in invoices)
    assert all(0 <= p.allocated <= p.amount for p in pays)
    assert sum((r.residual for r in owed.values()), Decimal(0)) - credit == (
        sum(invoice_totals, Decimal(0)) - sum((a for _, a in credited), Decimal(0)) - sum(payments, Decimal(0)))
