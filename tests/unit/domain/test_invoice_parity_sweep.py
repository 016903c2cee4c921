"""Benchmark h's sweep: random orders billed in parts and credited in full show no discrepancy, and a billing that
rounds each part on its own (the classic cent lost between partial invoices) is caught."""

from __future__ import annotations

from decimal import Decimal

from benchmarks.invoice_parity import check, sweep
from benchmarks.random_orders import random_order
from oms.domain.accounting.postings import Leg, RevenueLine, TaxAmount, invoice_legs
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind, InvoiceLine
from oms.domain.shared.money import Currency


def _each_part_rounded_alone(document: Invoice, source: Billable, *, line_id: str, quantity: Decimal,
                             billed_before: Decimal) -> InvoiceLine:
    """Wrong on purpose: bills every part as if it were the first, so rounding differences pile up."""
    return document.bill(source, line_id=line_id, quantity=quantity, billed_before=Decimal(0))


def _tax_recomputed(document: Invoice) -> list[Leg]:
    """Wrong on purpose: posts each rate's tax recomputed from its base (the classic second tax calculation), not
    the document's own; a difference of a few cents ends on the rounding account, a larger one is refused."""
    totals = document.totals
    currency = Currency.of(document.currency)
    return invoice_legs(grand_total=totals.grand_total, credit_note=document.kind is InvoiceKind.CREDIT_NOTE,
                        lines=[RevenueLine(net=line.net) for line in document.lines],
                        taxes=[TaxAmount(category=str(tax.category), rate=tax.rate,
                                         tax=currency.round(tax.base * tax.rate)) for tax in totals.taxes])


def test_three_hundred_random_orders_invoiced_in_parts_and_credited_show_no_discrepancy() -> None:
    result = sweep(seed=7, start=0, count=300)

    assert (result.documents, result.discrepancies, result.first) == (300, 0, ())


def test_a_billing_that_rounds_each_part_on_its_own_is_counted_with_the_documents_that_show_it() -> None:
    result = sweep(seed=7, start=0, count=100, biller=_each_part_rounded_alone)

    assert result.discrepancies > 0
    assert all(check(random_order(7, found.index), _each_part_rounded_alone) for found in result.first)
    assert not any(check(random_order(7, found.index)) for found in result.first)


def test_the_same_seed_and_index_make_the_same_order() -> None:
    assert random_order(7, 42) == random_order(7, 42) != random_order(7, 43)


def test_a_journal_that_recomputes_the_tax_is_counted_with_the_documents_that_show_it() -> None:
    result = sweep(seed=7, start=0, count=200, poster=_tax_recomputed)

    assert result.discrepancies > 0
    assert all(found.what.startswith("journal of") for found in result.first)
    assert not any(check(random_order(7, found.index)) for found in result.first)
