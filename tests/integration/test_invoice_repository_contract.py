"""The invoice repository's contract, on memory, SQLite and PostgreSQL: invoices and credit notes come back as they
were stored, drafts have no number, and what was billed is derived from posted documents only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count

import pytest

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine
from oms.domain.masterdata.parties import Address, Branch, Customer
from oms.domain.shared.errors import NotFound
from oms.domain.shared.tax import TaxCategory, TaxRounding
from oms.ports.unit_of_work import UnitOfWorkFactory

from .integration_helpers import Backend, snapshot

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
_ids = count(1)


@pytest.fixture
def uow_factory(backend: Backend) -> UnitOfWorkFactory:
    """The backend with a branch and two customers, whom invoices bill."""
    uow = backend.uow_factory()
    with uow:
        uow.masterdata.branches.add(Branch("b1", "BER", "Berlin", "EUR", "DE"))
        for code in ("c1", "c2"):
            uow.masterdata.customers.add(Customer(code, code.upper(), code, f"{code}@example.com",
                                                  Address(city="Berlin", country="DE")))
        uow.commit()
    return backend.uow_factory


def _document(*billed: tuple[str, str], customer: str = "c1", credits: Invoice | None = None,
              minutes: int = 0) -> Invoice:
    """A draft billing (source line, quantity) pairs; a credit note when it `credits` an invoice."""
    document = Invoice(id=f"inv{next(_ids)}", kind=InvoiceKind.CREDIT_NOTE if credits else InvoiceKind.INVOICE,
                       customer_id=customer, branch_id="b1", currency="EUR", prices_include_tax=False,
                       tax_rounding=TaxRounding.GLOBAL, created_at=AT + timedelta(minutes=minutes),
                       credited_invoice_id=credits.id if credits else None)
    for position, (source_line, quantity) in enumerate(billed, start=1):
        net = Decimal(quantity) * Decimal("12.50")
        document.lines.append(InvoiceLine(
            id=f"{document.id}-{position}", position=position, source_document_id=credits.id if credits else "so1",
            source_line_id=source_line, sku="WIDGET", description="Widget, blue", uom="pc",
            quantity=Decimal(quantity), unit_price=Decimal("12.500001"), tax_category=TaxCategory.REDUCED,
            tax_rate=Decimal("0.070"), gross_amount=net + Decimal("1.25"), line_discount=Decimal("1.25"),
            order_discount=Decimal("0.00"), net=net, tax=(net * Decimal("0.07")).quantize(Decimal("0.01")),
            total=net + (net * Decimal("0.07")).quantize(Decimal("0.01"))))
    return document


def _post(document: Invoice, number: str) -> Invoice:
    document.post(number=number, invoice_date=date(2026, 3, 2), at=AT, actor="alice")
    return document


def _store(uow_factory: UnitOfWorkFactory, *documents: Invoice) -> None:
    uow = uow_factory()
    with uow:
        for document in documents:
            uow.invoicing.invoices.add(document)
        uow.commit()


def test_an_invoice_and_a_credit_note_round_trip_with_every_field_and_exact_amounts(
        uow_factory: UnitOfWorkFactory) -> None:
    invoice = _post(_document(("ol1", "6"), ("ol2", "0.125")), "INV-2026-000001")
    note = _post(_document((invoice.lines[0].id, "2"), credits=invoice), "INV-2026-000002")
    _store(uow_factory, invoice, note)

    uow = uow_factory()
    with uow:
        loaded = uow.invoicing.invoices.get(invoice.id)
        loaded_note = uow.invoicing.invoices.by_number("INV-2026-000002")

    assert [snapshot(loaded), snapshot(loaded_note)] == [snapshot(invoice), snapshot(note)]
    assert str(loaded.lines[1].quantity) == "0.125"
    assert str(loaded.lines[0].unit_price) == "12.500001"
    assert loaded.totals == invoice.totals


def test_invoices_are_read_together_by_id_as_stored_and_an_unknown_id_is_left_out(
        uow_factory: UnitOfWorkFactory) -> None:
    invoice = _post(_document(("ol1", "6")), "INV-2026-000001")
    draft = _document(("ol2", "1"))
    _store(uow_factory, invoice, draft)

    uow = uow_factory()
    with uow:
        found = uow.invoicing.invoices.by_ids([invoice.id, "inv-unknown", draft.id])

    assert sorted(found) == sorted([invoice.id, draft.id])
    assert [snapshot(found[invoice.id]), snapshot(found[draft.id])] == [snapshot(invoice), snapshot(draft)]


def test_a_draft_has_no_number_and_is_not_found_by_one(uow_factory: UnitOfWorkFactory) -> None:
    draft = _document(("ol1", "1"))
    _store(uow_factory, draft, _document(("ol2", "1")))

    uow = uow_factory()
    with uow:
        loaded = uow.invoicing.invoices.get(draft.id)
        by_none = uow.invoicing.invoices.by_number("None")

    assert loaded.number is None
    assert by_none is None


def test_removing_a_draft_deletes_it_with_its_lines(uow_factory: UnitOfWorkFactory) -> None:
    draft, kept = _document(("ol1", "3"), ("ol2", "1")), _document(("ol1", "2"))
    _store(uow_factory, draft, kept)

    uow = uow_factory()
    with uow:
        uow.invoicing.invoices.remove(uow.invoicing.invoices.get(draft.id))
        uow.commit()
    with uow:
        billing = uow.invoicing.invoices.drafts_billing(["ol1", "ol2"])
        with pytest.raises(NotFound):
            uow.invoicing.invoices.get(draft.id)
        remaining = [found.id for found in uow.invoicing.invoices.of_customer("c1")]

    assert billing == {"ol1": Decimal("2")}
    assert remaining == [kept.id]


def test_a_draft_added_and_removed_in_one_unit_of_work_is_never_stored(uow_factory: UnitOfWorkFactory) -> None:
    draft = _document(("ol1", "3"))

    uow = uow_factory()
    with uow:
        uow.invoicing.invoices.add(draft)
        uow.invoicing.invoices.remove(draft)
        uow.commit()
    with uow:
        found = uow.invoicing.invoices.of_customer("c1")

    assert found == []


def test_invoiced_is_posted_invoices_less_posted_credit_notes_per_order_line(uow_factory: UnitOfWorkFactory) -> None:
    first = _post(_document(("ol1", "6"), ("ol2", "1")), "INV-2026-000001")
    second = _post(_document(("ol1", "4")), "INV-2026-000002")
    credit = _post(_document((first.lines[0].id, "2"), (first.lines[1].id, "1"), credits=first), "INV-2026-000003")
    draft_invoice = _document(("ol1", "100"), ("ol3", "5"))
    draft_credit = _document((second.lines[0].id, "4"), credits=second)
    _store(uow_factory, first, second, credit, draft_invoice, draft_credit)

    uow = uow_factory()
    with uow:
        invoiced = uow.invoicing.invoices.invoiced(["ol1", "ol2", "ol3", "ol9"])
        only_one = uow.invoicing.invoices.invoiced(["ol2"])
        none = uow.invoicing.invoices.invoiced([])

    assert invoiced == {"ol1": Decimal("8"), "ol2": Decimal("0")}
    assert only_one == {"ol2": Decimal("0")}
    assert none == {}


def test_credited_is_per_invoice_line_on_posted_credit_notes(uow_factory: UnitOfWorkFactory) -> None:
    invoice = _post(_document(("ol1", "6"), ("ol2", "3")), "INV-2026-000001")
    first, second = invoice.lines
    posted = [_post(_document((first.id, "2"), credits=invoice), "INV-2026-000002"),
              _post(_document((first.id, "1.5"), (second.id, "3"), credits=invoice), "INV-2026-000003")]
    _store(uow_factory, invoice, *posted, _document((first.id, "1"), credits=invoice))

    uow = uow_factory()
    with uow:
        credited = uow.invoicing.invoices.credited([first.id, second.id, "ol1"])

    assert credited == {first.id: Decimal("3.5"), second.id: Decimal("3")}


def test_an_invoices_credit_notes_are_found_by_it_drafts_too_and_no_other(uow_factory: UnitOfWorkFactory) -> None:
    invoice = _post(_document(("ol1", "6")), "INV-2026-000001")
    other = _post(_document(("ol2", "1")), "INV-2026-000002")
    posted = _post(_document((invoice.lines[0].id, "2"), credits=invoice), "INV-2026-000003")
    draft = _document((invoice.lines[0].id, "1"), credits=invoice)
    _store(uow_factory, invoice, other, posted, draft, _document((other.lines[0].id, "1"), credits=other))

    uow = uow_factory()
    with uow:
        found = sorted(note.id for note in uow.invoicing.invoices.credit_notes_of(invoice.id))

    assert found == sorted([posted.id, draft.id])


def test_drafts_billing_counts_draft_invoices_and_credit_notes_only(uow_factory: UnitOfWorkFactory) -> None:
    invoice = _post(_document(("ol1", "6")), "INV-2026-000001")
    _store(uow_factory, invoice, _document(("ol1", "2"), ("ol2", "1")), _document(("ol1", "0.5")),
           _document((invoice.lines[0].id, "2"), credits=invoice))

    uow = uow_factory()
    with uow:
        billing = uow.invoicing.invoices.drafts_billing(["ol1", "ol2", invoice.lines[0].id])

    assert billing == {"ol1": Decimal("2.5"), "ol2": Decimal("1"), invoice.lines[0].id: Decimal("2")}


def test_a_customers_documents_are_listed_oldest_first_drafts_too(uow_factory: UnitOfWorkFactory) -> None:
    late, early = _document(("ol1", "1"), minutes=5), _post(_document(("ol2", "1"), minutes=1), "INV-2026-000001")
    other = _document(("ol3", "1"), customer="c2")
    _store(uow_factory, late, other, early)

    uow = uow_factory()
    with uow:
        found = [document.id for document in uow.invoicing.invoices.of_customer("c1")]

    assert found == [early.id, late.id]


def test_what_a_unit_of_work_posted_counts_in_its_own_queries(uow_factory: UnitOfWorkFactory) -> None:
    draft = _document(("ol1", "6"))
    _store(uow_factory, draft)

    uow = uow_factory()
    with uow:
        _post(uow.invoicing.invoices.get(draft.id), "INV-2026-000001")
        invoiced = uow.invoicing.invoices.invoiced(["ol1"])
        billing = uow.invoicing.invoices.drafts_billing(["ol1"])

    assert invoiced == {"ol1": Decimal("6")}
    assert billing == {}
