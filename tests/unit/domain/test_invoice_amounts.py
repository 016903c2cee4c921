"""Invoices bill shares of priced lines: partial invoices of an order add up to it exactly, to the cent, a credit
note of everything gives back exactly what was billed, and the fixed cases of peers.md 5d come out as written."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind, InvoiceLine
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.shared.money import Currency, decimals_of
from oms.domain.shared.pricing import LineTotals, PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

from .test_pricing_properties import documents

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FIELDS = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")


def _billables(lines: list[PricingLine], terms: PricingTerms, document_id: str = "SO-1") -> list[Billable]:
    totals = price_document(lines, terms)
    return [Billable(document_id=document_id, line_id=f"{document_id}/{i}", sku=f"SKU-{i}", description="thing",
                     uom="unit", unit_price=line.unit_price, tax_category=line.tax_category, tax_rate=line.tax_rate,
                     whole=line.quantity, totals=money) for i, (line, money) in enumerate(zip(lines, totals.lines,
                                                                                                strict=True))]


def _draft(terms: PricingTerms, number: int, kind: InvoiceKind = InvoiceKind.INVOICE,
           credited: str | None = None) -> Invoice:
    return Invoice(id=f"inv-{kind}-{number}", kind=kind, customer_id="ACME", branch_id="BER",
                   currency=terms.currency.code, prices_include_tax=terms.prices_include_tax,
                   tax_rounding=terms.tax_rounding, created_at=AT, credited_invoice_id=credited)


def _as_billable(line: InvoiceLine, invoice: Invoice) -> Billable:
    return Billable(document_id=invoice.id, line_id=line.id, sku=line.sku, description=line.description,
                    uom=line.uom, unit_price=line.unit_price, tax_category=line.tax_category,
                    tax_rate=line.tax_rate, whole=line.quantity,
                    totals=LineTotals.of(line))


@st.composite
def splits(draw: st.DrawFn, whole: Decimal, parts: int) -> list[Decimal]:
    """`whole` cut into up to `parts` positive pieces, in its own decimals."""
    places = max(decimals_of(whole), 0)
    unit = Decimal(1).scaleb(-places)
    units = int(whole / unit)
    cuts = sorted(draw(st.sets(st.integers(1, units - 1), max_size=min(parts - 1, units - 1)))) if units > 1 else []
    bounds = [0, *cuts, units]
    return [Decimal(b - a) * unit for a, b in itertools.pairwise(bounds)]


@settings(max_examples=150, deadline=None)
@given(document=documents(), data=st.data())
def test_an_order_invoiced_in_random_steps_is_billed_exactly_its_totals_and_credited_back_exactly(
        document: tuple[list[PricingLine], PricingTerms], data: st.DataObject) -> None:
    lines, terms = document
    order = price_document(lines, terms)
    sources = _billables(lines, terms)
    steps = [data.draw(splits(source.whole, 4)) for source in sources]
    invoices: list[Invoice] = []
    for step in range(max(len(parts) for parts in steps)):
        invoice = _draft(terms, step)
        for source, parts in zip(sources, steps, strict=True):
            if step < len(parts):
                invoice.bill(source, line_id=f"{step}/{source.line_id}", quantity=parts[step],
                             billed_before=sum(parts[:step], Decimal(0)))
        invoices.append(invoice)
    credit_notes: list[Invoice] = []
    for invoice in invoices:
        credit = _draft(terms, len(credit_notes), InvoiceKind.CREDIT_NOTE, credited=invoice.id)
        for line in invoice.lines:
            credit.bill(_as_billable(line, invoice), line_id=f"c/{line.id}", quantity=line.quantity,
                        billed_before=Decimal(0))
        credit_notes.append(credit)

    billed = {name: sum((getattr(line, name) for i in invoices for line in i.lines), Decimal(0)) for name in FIELDS}
    assert billed["gross_amount"] == order.gross_amount
    assert billed["line_discount"] + billed["order_discount"] == order.discount_total
    assert billed["net"] == order.net_total
    assert billed["tax"] == order.tax_total
    assert sum((i.totals.grand_total for i in invoices), Decimal(0)) == order.grand_total
    for tax in order.taxes:
        assert sum((t.tax for i in invoices for t in i.totals.taxes if (t.category, t.rate) == (tax.category,
                                                                                               tax.rate)),
                   Decimal(0)) == tax.tax
    for invoice, credit in zip(invoices, credit_notes, strict=True):
        assert credit.totals == invoice.totals
    assert all(decimals_of(getattr(line, name)) <= terms.currency.minor_units
               for i in invoices for line in i.lines for name in FIELDS)


def _order_of_ten_at_12_50() -> tuple[list[Billable], PricingTerms]:
    terms = PricingTerms(currency=Currency.of("EUR"), tax_rounding=TaxRounding.PER_LINE)
    line = PricingLine(quantity=Decimal(10), unit_price=Decimal("12.50"), tax_rate=Decimal("0.20"),
                       tax_category=TaxCategory.STANDARD)
    return _billables([line], terms), terms


def test_six_then_four_of_ten_at_12_50_with_20_percent_tax_bill_90_then_60() -> None:
    [source], terms = _order_of_ten_at_12_50()
    first, second = _draft(terms, 1), _draft(terms, 2)

    first.bill(source, line_id="a", quantity=Decimal(6), billed_before=Decimal(0))
    second.bill(source, line_id="b", quantity=Decimal(4), billed_before=Decimal(6))

    assert (first.totals.net_total, first.totals.tax_total, first.totals.grand_total) == (
        Decimal("75.00"), Decimal("15.00"), Decimal("90.00"))
    assert second.totals.grand_total == Decimal("60.00")


def test_a_posted_invoice_has_its_number_and_date_and_refuses_every_change_and_deletion() -> None:
    [source], terms = _order_of_ten_at_12_50()
    invoice = _draft(terms, 1)
    invoice.bill(source, line_id="a", quantity=Decimal(6), billed_before=Decimal(0))

    invoice.post(number="INV-2026-000001", invoice_date=date(2026, 3, 2), at=AT, actor="anna")

    assert (invoice.number, invoice.status, invoice.events[-1].name) == ("INV-2026-000001", "posted",
                                                                          "InvoicePosted")
    with pytest.raises(BusinessRuleViolation, match="PostedInvoicesAreImmutable"):
        invoice.bill(source, line_id="b", quantity=Decimal(1), billed_before=Decimal(6))
    with pytest.raises(BusinessRuleViolation, match="PostedInvoicesAreImmutable"):
        invoice.ensure_deletable()


def test_posting_on_or_before_the_lock_date_is_refused_and_after_it_is_allowed() -> None:
    [source], terms = _order_of_ten_at_12_50()
    invoice = _draft(terms, 1)
    invoice.bill(source, line_id="a", quantity=Decimal(1), billed_before=Decimal(0))

    with pytest.raises(BusinessRuleViolation, match="PeriodIsLocked"):
        invoice.post(number="INV-1", invoice_date=date(2026, 3, 15), at=AT, actor="anna",
                     lock_date=date(2026, 3, 31))
    invoice.post(number="INV-1", invoice_date=date(2026, 4, 2), at=AT, actor="anna", lock_date=date(2026, 3, 31))

    assert invoice.invoice_date == date(2026, 4, 2)


def test_an_empty_draft_cannot_be_posted_and_a_line_needs_a_positive_quantity() -> None:
    [source], terms = _order_of_ten_at_12_50()
    invoice = _draft(terms, 1)

    with pytest.raises(InvalidValue, match="quantity"):
        invoice.bill(source, line_id="a", quantity=Decimal(0), billed_before=Decimal(0))
    with pytest.raises(BusinessRuleViolation, match="InvoiceMustHaveLines"):
        invoice.post(number="INV-1", invoice_date=date(2026, 3, 2), at=AT, actor="anna")


def test_a_credit_note_must_name_the_invoice_it_credits_and_an_invoice_none() -> None:
    _, terms = _order_of_ten_at_12_50()

    with pytest.raises(InvalidValue, match="credited_invoice_id"):
        _draft(terms, 1, InvoiceKind.CREDIT_NOTE)
    with pytest.raises(InvalidValue, match="credited_invoice_id"):
        _draft(terms, 1, InvoiceKind.INVOICE, credited="inv-1")
