"""Benchmark h: random orders billed in partial invoices and credited in full, checked to the minor unit.

One price (issue 13 item 2, peers.md 5d case 3): an order's invoices, once everything is billed, add up exactly to
the order's gross, discounts, net, tax per tax and grand total; a credit note of a whole invoice gives back exactly
that invoice's totals; no amount has digits below the currency's minor unit; and each document's journal entry
balances, debits the receivable its total and credits each tax its amount, a credit note's reversing its invoice's
exactly.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from attrs import frozen

from benchmarks.random_orders import RandomOrder, random_order
from benchmarks.report import Row
from oms.application.processes.accounting import invoice_entry_legs
from oms.domain.accounting.accounts import DEFAULT_ROLES, AccountRole
from oms.domain.accounting.journal import check_balanced
from oms.domain.accounting.postings import Leg, journal_lines
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind, InvoiceLine
from oms.domain.shared.errors import DomainError
from oms.domain.shared.money import Currency, decimals_of
from oms.domain.shared.pricing import DocumentTotals, LineTotals, PricingLine, PricingTerms, price_document

SEED = 13
KEPT = 5  # discrepancies kept with their seed and index, to reproduce them
CHUNK = 500
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
AMOUNTS = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")


class Biller(Protocol):
    """How a document bills `quantity` more of `source` after `billed_before`: `Invoice.bill` unless a test plants
    a wrong one to show the check finds it."""

    def __call__(self, document: Invoice, source: Billable, *, line_id: str, quantity: Decimal,
                 billed_before: Decimal) -> InvoiceLine: ...


def bill(document: Invoice, source: Billable, *, line_id: str, quantity: Decimal,
         billed_before: Decimal) -> InvoiceLine:
    return document.bill(source, line_id=line_id, quantity=quantity, billed_before=billed_before)


Poster = Callable[[Invoice], list[Leg]]
"""What a posted document's journal entry is made of: `invoice_entry_legs` unless a test plants a wrong one."""
RECEIVABLE, TAX = DEFAULT_ROLES[AccountRole.RECEIVABLE], DEFAULT_ROLES[AccountRole.TAX_PAYABLE]


@frozen(kw_only=True)
class Discrepancy:
    seed: int
    index: int
    what: str

    def __str__(self) -> str:
        return f"seed {self.seed} document {self.index}: {self.what}"


@frozen(kw_only=True)
class SweepResult:
    documents: int
    discrepancies: int
    first: tuple[Discrepancy, ...]

    def __add__(self, other: SweepResult) -> SweepResult:
        return SweepResult(documents=self.documents + other.documents,
                           discrepancies=self.discrepancies + other.discrepancies,
                           first=tuple(sorted((*self.first, *other.first), key=lambda d: d.index))[:KEPT])


def sweep(seed: int, start: int, count: int, biller: Biller = bill,
          poster: Poster = invoice_entry_legs) -> SweepResult:
    """Check the documents `start` to `start + count` of `seed`; count those with a discrepancy."""
    found: list[Discrepancy] = []
    for index in range(start, start + count):
        what = check(random_order(seed, index), biller, poster)
        if what:
            found.append(Discrepancy(seed=seed, index=index, what="; ".join(what)))
    return SweepResult(documents=count, discrepancies=len(found), first=tuple(found[:KEPT]))


def check(order: RandomOrder, biller: Biller = bill, poster: Poster = invoice_entry_legs) -> list[str]:
    """What differs between the order, its invoices, their credit notes and their journal entries (nothing, if one
    price holds)."""
    priced = price_document(list(order.lines), order.terms)
    sources = [_billable(line, totals, f"L{i}")
               for i, (line, totals) in enumerate(zip(order.lines, priced.lines, strict=True))]
    invoices = list(_invoices(order, sources, biller))
    credit_notes = [_credit_note(invoice, order.terms, biller) for invoice in invoices]
    wrong = _order_against_invoices(priced, invoices)
    wrong += [f"credit note of {invoice.id}: {credit.totals} != {invoice.totals}"
              for invoice, credit in zip(invoices, credit_notes, strict=True) if credit.totals != invoice.totals]
    # A sum of decimals keeps the finest exponent of its terms: one sum shows whether any amount has a digit
    # below the minor unit, at a fraction of the cost of looking at each.
    every = sum((getattr(line, name) for document in (*invoices, *credit_notes) for line in document.lines
                 for name in AMOUNTS), Decimal(0))
    if decimals_of(every) > order.terms.currency.minor_units:
        wrong.append(f"an amount below the minor unit of {order.terms.currency}")
    wrong += [what for invoice, credit in zip(invoices, credit_notes, strict=True)
              for what in _journal_against_documents(invoice, credit, poster)]
    return wrong


def _entry(document: Invoice, poster: Poster) -> list[tuple[str, Decimal, Decimal]]:
    """The document's journal entry as (account, debit, credit), checked balanced to the cent (none when all its
    amounts are zero)."""
    lines = journal_lines(poster(document), {}, str)
    if lines:
        check_balanced(lines, Currency.of(document.currency))
    return [(line.account_code, line.debit, line.credit) for line in lines]


def _journal_against_documents(invoice: Invoice, credit: Invoice, poster: Poster) -> list[str]:
    """The invoice's entry debits the receivable its total and credits each tax the invoice's amount; the credit
    note's entry is its exact reverse."""
    try:
        entry, reverse = _entry(invoice, poster), _entry(credit, poster)
    except DomainError as error:
        return [f"journal of {invoice.id}: {error}"]
    totals = invoice.totals
    wrong = []
    if sum((debit - credit for code, debit, credit in entry if code == RECEIVABLE), Decimal(0)) != totals.grand_total:
        wrong.append(f"journal of {invoice.id}: receivable differs from {totals.grand_total}")
    if sorted(credit - debit for code, debit, credit in entry if code == TAX) != sorted(
            tax.tax for tax in totals.taxes if tax.tax):
        wrong.append(f"journal of {invoice.id}: tax lines differ from {[tax.tax for tax in totals.taxes]}")
    if sorted(reverse) != sorted((code, credit, debit) for code, debit, credit in entry):
        wrong.append(f"journal of {credit.id} does not reverse {invoice.id}'s")
    return wrong


def _billable(line: PricingLine, totals: LineTotals, line_id: str) -> Billable:
    return Billable(document_id="SO", line_id=line_id, sku=line_id, description="", uom="unit",
                    unit_price=line.unit_price, tax_category=line.tax_category, tax_rate=line.tax_rate,
                    whole=line.quantity, totals=totals)


def _draft(terms: PricingTerms, document_id: str, credited: str | None = None) -> Invoice:
    return Invoice(id=document_id, kind=InvoiceKind.INVOICE if credited is None else InvoiceKind.CREDIT_NOTE,
                   customer_id="C", branch_id="B", currency=terms.currency.code,
                   prices_include_tax=terms.prices_include_tax, tax_rounding=terms.tax_rounding, created_at=AT,
                   credited_invoice_id=credited)


def _invoices(order: RandomOrder, sources: list[Billable], biller: Biller) -> Iterator[Invoice]:
    """One invoice per step of the plan, each billing every line's part of that step (empty invoices left out)."""
    for step in range(len(order.parts[0])):
        invoice = _draft(order.terms, f"INV{step}")
        for source, parts in zip(sources, order.parts, strict=True):
            if parts[step]:
                biller(invoice, source, line_id=f"{step}/{source.line_id}", quantity=parts[step],
                       billed_before=sum(parts[:step], Decimal(0)))
        if invoice.lines:
            yield invoice


def _credit_note(invoice: Invoice, terms: PricingTerms, biller: Biller) -> Invoice:
    credit = _draft(terms, f"CN-{invoice.id}", credited=invoice.id)
    for line in invoice.lines:
        source = Billable(document_id=invoice.id, line_id=line.id, sku=line.sku, description=line.description,
                          uom=line.uom, unit_price=line.unit_price, tax_category=line.tax_category,
                          tax_rate=line.tax_rate, whole=line.quantity,
                          totals=LineTotals(**{name: getattr(line, name) for name in AMOUNTS}))
        biller(credit, source, line_id=f"c/{line.id}", quantity=line.quantity, billed_before=Decimal(0))
    return credit


def _order_against_invoices(order: DocumentTotals, invoices: list[Invoice]) -> list[str]:
    def billed(*names: str) -> Decimal:
        return sum((getattr(line, name) for invoice in invoices for line in invoice.lines for name in names),
                   Decimal(0))

    pairs = {"gross": (order.gross_amount, billed("gross_amount")),
             "discounts": (order.discount_total, billed("line_discount", "order_discount")),
             "net": (order.net_total, billed("net")), "tax": (order.tax_total, billed("tax")),
             "grand total": (order.grand_total, sum((i.totals.grand_total for i in invoices), Decimal(0)))}
    by_tax: dict[tuple[str, Decimal], list[Decimal]] = {}
    for invoice in invoices:
        for tax in invoice.totals.taxes:
            sums = by_tax.setdefault((tax.category, tax.rate), [Decimal(0), Decimal(0)])
            sums[0] += tax.base
            sums[1] += tax.tax
    ordered = {(tax.category, tax.rate): [tax.base, tax.tax] for tax in order.taxes}
    wrong = [f"{name}: order {expected}, invoices {got}" for name, (expected, got) in pairs.items() if expected != got]
    if ordered != by_tax:
        wrong.append(f"taxes: order {ordered}, invoices {by_tax}")
    return wrong


def _sweep_chunk(job: tuple[int, int, int]) -> SweepResult:
    return sweep(*job)


def run(documents: int, *, processes: int = 2, seed: int = SEED) -> list[Row]:
    """Sweep `documents` orders over `processes` processes, each taking chunks of consecutive indexes."""
    jobs = [(seed, start, min(CHUNK, documents - start)) for start in range(0, documents, CHUNK)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        result = sum(pool.imap_unordered(_sweep_chunk, jobs), SweepResult(documents=0, discrepancies=0, first=()))
    elapsed = time.perf_counter() - started
    first = "; ".join(str(d) for d in result.first) or "none"
    title = "h. one price: random documents"
    return [
        Row(name=f"{title} checked (order = invoices = credit notes = journals)", figure=result.documents,
            unit="documents",
            note=f"seed {seed}, 1-30 lines, billed in 1-4 partial invoices, each credited in full; gross, "
                 "discounts, net, tax per tax and grand total to the minor unit; each document's journal entry "
                 "balanced at its total and taxes, a credit note's reversing its invoice's"),
        Row(name=f"{title} with a discrepancy", figure=result.discrepancies, unit="documents", target="0",
            met=result.discrepancies == 0, note=f"first: {first}"),
        Row(name=f"{title} checked per second", figure=result.documents / elapsed, unit="documents/s",
            note=f"{processes} processes, {elapsed:.0f} s"),
    ]
