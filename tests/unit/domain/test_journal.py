"""Journal entries balance to the cent, and what documents post: an invoice Dr receivable / Cr revenue / Cr tax at
the invoice's own amounts, a credit note the exact reverse, payments and stock movements to their accounts."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings

from oms.application.processes.accounting import invoice_entry_legs
from oms.domain.accounting.accounts import AccountMapping, AccountRole, ScopeKind, resolve
from oms.domain.accounting.journal import JournalEntry, JournalLine
from oms.domain.accounting.postings import (
    Leg,
    RevenueLine,
    StockPosting,
    TaxAmount,
    invoice_legs,
    journal_lines,
    payment_legs,
    stock_legs,
)
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import LineTotals, PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

from .test_pricing_properties import documents

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
_ids = itertools.count(1)


def _id() -> str:
    return f"id{next(_ids)}"


def _lines(legs: list[Leg], mappings: dict[str, str] | None = None) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account_code, line.debit, line.credit) for line in journal_lines(legs, mappings or {}, _id)]


def _invoice(lines: list[PricingLine], terms: PricingTerms) -> Invoice:
    invoice = Invoice(id=_id(), kind=InvoiceKind.INVOICE, customer_id="ACME", branch_id="BER",
                      currency=terms.currency.code, prices_include_tax=terms.prices_include_tax,
                      tax_rounding=terms.tax_rounding, created_at=AT)
    for i, (line, money) in enumerate(zip(lines, price_document(lines, terms).lines, strict=True)):
        invoice.bill(Billable(document_id="SO-1", line_id=f"L{i}", sku=f"SKU-{i}", description="", uom="unit",
                              unit_price=line.unit_price, tax_category=line.tax_category, tax_rate=line.tax_rate,
                              whole=line.quantity, totals=money),
                     line_id=_id(), quantity=line.quantity, billed_before=Decimal(0))
    return invoice


def _credit_note(invoice: Invoice) -> Invoice:
    note = Invoice(id=_id(), kind=InvoiceKind.CREDIT_NOTE, customer_id="ACME", branch_id="BER",
                   currency=invoice.currency, prices_include_tax=invoice.prices_include_tax,
                   tax_rounding=invoice.tax_rounding, created_at=AT, credited_invoice_id=invoice.id)
    for line in invoice.lines:
        note.bill(Billable(document_id=invoice.id, line_id=line.id, sku=line.sku, description="", uom="unit",
                           unit_price=line.unit_price, tax_category=line.tax_category, tax_rate=line.tax_rate,
                           whole=line.quantity, totals=LineTotals.of(line)),
                  line_id=_id(), quantity=line.quantity, billed_before=Decimal(0))
    return note


def _terms(rounding: TaxRounding = TaxRounding.GLOBAL) -> PricingTerms:
    return PricingTerms(currency=Currency.of("EUR"), prices_include_tax=False, tax_rounding=rounding)


def _line(price: str, rate: str, quantity: str = "1") -> PricingLine:
    return PricingLine(quantity=Decimal(quantity), unit_price=Decimal(price), tax_rate=Decimal(rate),
                       tax_category=TaxCategory.STANDARD)


def _post(lines: list[JournalLine], day: date = date(2026, 3, 2), lock_date: date | None = None) -> JournalEntry:
    return JournalEntry.post(id=_id(), number="JE-2026-000001", entry_date=day, currency="EUR", source_kind="manual",
                             source_ref="", description="test", lines=lines, at=AT, actor="alice",
                             lock_date=lock_date)


def _journal_line(account: str, debit: str = "0", credit: str = "0") -> JournalLine:
    return JournalLine(id=_id(), position=1, account_code=account, debit=Decimal(debit), credit=Decimal(credit))


def test_an_invoice_of_100_net_and_20_vat_posts_ar_120_revenue_100_vat_20() -> None:
    invoice = _invoice([_line("100.00", "0.20")], _terms())

    lines = _lines(invoice_entry_legs(invoice))

    assert lines == [("1100", Decimal("120.00"), 0), ("4000", 0, Decimal("100.00")), ("2100", 0, Decimal("20.00"))]


def test_three_lines_of_ten_cents_at_seven_and_a_half_percent_per_line_post_the_invoices_own_tax() -> None:
    invoice = _invoice([_line("0.10", "0.075")] * 3, _terms(TaxRounding.PER_LINE))

    lines = _lines(invoice_entry_legs(invoice))

    assert invoice.totals.tax_total == Decimal("0.03")
    assert lines == [("1100", Decimal("0.33"), 0), ("4000", 0, Decimal("0.30")), ("2100", 0, Decimal("0.03"))]


def test_a_difference_of_a_cent_goes_to_the_rounding_account() -> None:
    legs = invoice_legs(grand_total=Decimal("100.01"), lines=[RevenueLine(net=Decimal("100.00"))], taxes=[])

    assert _lines(legs) == [("1100", Decimal("100.01"), 0), ("4000", 0, Decimal("100.00")),
                            ("7900", 0, Decimal("0.01"))]


def test_a_larger_difference_is_refused() -> None:
    with pytest.raises(BusinessRuleViolation) as refused:
        invoice_legs(grand_total=Decimal("101.00"), lines=[RevenueLine(net=Decimal("100.00"))],
                     taxes=[TaxAmount(category="standard", rate=Decimal("0.2"), tax=Decimal("0.50"))])

    assert refused.value.rule == "InvoiceEntryDoesNotBalance"


def test_an_unbalanced_entry_is_refused() -> None:
    with pytest.raises(BusinessRuleViolation) as refused:
        _post([_journal_line("1200", debit="10.00"), _journal_line("4000", credit="9.99")])

    assert refused.value.rule == "UnbalancedJournalEntry"


def test_an_entry_of_one_line_is_refused() -> None:
    with pytest.raises(BusinessRuleViolation) as refused:
        _post([_journal_line("1200", debit="10.00")])

    assert refused.value.rule == "UnbalancedJournalEntry"


def test_a_line_both_debit_and_credit_or_below_the_cent_is_refused_naming_it() -> None:
    with pytest.raises(InvalidValue) as both:
        _post([_journal_line("1200", debit="1.00", credit="1.00"), _journal_line("4000", credit="0")])
    with pytest.raises(InvalidValue) as fraction:
        _post([_journal_line("1200", debit="1.001"), _journal_line("4000", credit="1.001")])

    assert both.value.field == "lines[0]"
    assert fraction.value.field == "lines[0].debit"


def test_nothing_is_posted_on_or_before_the_lock_date() -> None:
    lines = [_journal_line("1200", debit="10.00"), _journal_line("4000", credit="10.00")]

    with pytest.raises(BusinessRuleViolation) as refused:
        _post(lines, day=date(2026, 3, 31), lock_date=date(2026, 3, 31))
    posted = _post(lines, day=date(2026, 4, 1), lock_date=date(2026, 3, 31))

    assert refused.value.rule == "PeriodIsLocked"
    assert posted.debit_total == Decimal("10.00")


def test_a_payment_debits_the_bank_and_credits_the_receivable_and_the_rest_to_customer_credit() -> None:
    assert _lines(payment_legs(Decimal("150.00"), unallocated=Decimal("30.00"))) == [
        ("1200", Decimal("150.00"), 0), ("1100", 0, Decimal("120.00")), ("2300", 0, Decimal("30.00"))]


@pytest.mark.parametrize(("kind", "value", "expected"), [
    (StockPosting.ISSUE, "40.00", [("5000", Decimal("40.00"), 0), ("1300", 0, Decimal("40.00"))]),
    (StockPosting.RECEIPT, "40.00", [("1300", Decimal("40.00"), 0), ("2200", 0, Decimal("40.00"))]),
    (StockPosting.ADJUSTMENT, "-5.00", [("5100", Decimal("5.00"), 0), ("1300", 0, Decimal("5.00"))]),
    (StockPosting.RETURN, "40.00", [("1300", Decimal("40.00"), 0), ("5000", 0, Decimal("40.00"))]),
])
def test_a_stock_movement_with_a_value_posts_to_inventory_and_its_counter_account(
        kind: StockPosting, value: str, expected: list[tuple[str, Decimal, Decimal]]) -> None:
    assert _lines(stock_legs(kind, Decimal(value))) == expected


def test_the_most_specific_mapping_wins_then_the_roles_then_the_default() -> None:
    mappings = {AccountMapping.key(AccountRole.INVENTORY, ScopeKind.WAREHOUSE, "MUC-1"): "1310",
                AccountMapping.key(AccountRole.INVENTORY, ScopeKind.ALL, ""): "1301"}

    munich = resolve(mappings, AccountRole.INVENTORY, ((ScopeKind.WAREHOUSE, "MUC-1"),))
    berlin = resolve(mappings, AccountRole.INVENTORY, ((ScopeKind.WAREHOUSE, "BER-1"),))
    cogs = resolve(mappings, AccountRole.COGS)

    assert (munich, berlin, cogs) == ("1310", "1301", "5000")


@settings(max_examples=150, deadline=None)
@given(document=documents())
def test_a_random_invoices_entry_balances_at_its_own_total_and_taxes_and_its_credit_note_reverses_it(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    invoice = _invoice(*document)
    note = _credit_note(invoice)
    totals = invoice.totals

    entry = _lines(invoice_entry_legs(invoice))
    reverse = _lines(invoice_entry_legs(note))

    assert sum(debit for _, debit, _ in entry) == sum(credit for _, _, credit in entry)
    assert [debit - credit for code, debit, credit in entry if code == "1100"] == [totals.grand_total] or \
        totals.grand_total == 0
    assert sorted(credit - debit for code, debit, credit in entry if code == "2100") == \
        sorted(tax.tax for tax in totals.taxes if tax.tax)
    assert sorted(reverse) == sorted((code, credit, debit) for code, debit, credit in entry)


def test_a_document_whose_amounts_are_all_zero_posts_no_entry() -> None:
    invoice = _invoice([_line("0.00", "0.19")], _terms())

    assert _lines(invoice_entry_legs(invoice)) == []
