"""The vendor bill and supplier payment repositories' contract, on memory, SQLite and PostgreSQL: a bill comes back
whole (lines, match, exact amounts); what posted bills billed of PO lines is their quantity less posted debit notes,
drafts and cancelled bills counting nothing; the supplier invoice number's claim is found, freed by a cancel, and
held by the unique index; payments come back with their allocations and are found by the bill they pay."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.supplier_payments import SupplierPayment
from oms.domain.invoicing.vendor_bills import BillKind, BillSource, Match, MatchStatus, VendorBill
from oms.domain.masterdata.parties import Branch
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import ConcurrencyConflict
from oms.domain.shared.tax import TaxCategory
from oms.ports.unit_of_work import UnitOfWorkFactory

from .integration_helpers import Backend, snapshot

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
D = Decimal


def _source(po_line: str, bill_line: str | None = None) -> BillSource:
    return BillSource(purchase_order_id="po1", po_line_id=po_line, product_id="p1", sku="BOLT", description="Bolt",
                      uom="unit", po_unit_price=D("5.000001"), tax_category=TaxCategory.STANDARD, tax_rate=D("0.19"),
                      debited_line_id=bill_line)


def _bill(bill_id: str, number: str, quantity: int, *, post: str | None = None, kind: BillKind = BillKind.BILL,
          debits: VendorBill | None = None) -> VendorBill:
    bill = VendorBill(id=bill_id, kind=kind, supplier_id="s1", branch_id="b1", currency="EUR",
                      supplier_invoice_number=number, bill_date=date(2026, 3, 2), created_at=AT, created_by="alice",
                      debited_bill_id=None if debits is None else debits.id)
    line = bill.charge(_source("pol1", None if debits is None else debits.lines[0].id), line_id=f"{bill_id}-1",
                       quantity=D(quantity), unit_price=D("5.2"))
    if post is not None:
        bill.post(number=post, matches={line.id: Match(status=MatchStatus.EXCEPTION, reason="price")},
                  due_date=date(2026, 4, 1), at=AT, actor="bob")
    return bill


@pytest.fixture
def uow_factory(backend: Backend) -> UnitOfWorkFactory:
    uow = backend.uow_factory()
    with uow:
        uow.masterdata.branches.add(Branch("b1", "BER", "Berlin", "EUR", "DE"))
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.commit()
    return backend.uow_factory


def test_a_posted_bill_comes_back_whole_and_billed_counts_posted_bills_less_debit_notes(
        uow_factory: UnitOfWorkFactory) -> None:
    posted = _bill("b1", "INV-1", 10, post="BILL-2026-000001")
    note = _bill("n1", "CN-1", 3, kind=BillKind.DEBIT_NOTE, debits=posted, post="DN-2026-000001")
    draft = _bill("b2", "INV-2", 4)
    cancelled = _bill("b3", "INV-3", 7)
    cancelled.cancel(AT, "alice")
    with uow_factory() as uow:
        for bill in (posted, note, draft, cancelled):
            uow.invoicing.bills.add(bill)
        uow.commit()

    with uow_factory() as uow:
        loaded = uow.invoicing.bills.by_number("BILL-2026-000001")
        billed = uow.invoicing.bills.billed(["pol1", "other"])
        debited = uow.invoicing.bills.debited([posted.lines[0].id])
        notes = uow.invoicing.bills.debit_notes_of(posted.id)
        everything = uow.invoicing.bills.list()

    assert snapshot(loaded) == snapshot(posted)
    assert billed == {"pol1": D(7)}
    assert debited == {posted.lines[0].id: D(3)}
    assert [n.id for n in notes] == ["n1"]
    assert [b.id for b in everything] == ["b1", "b2", "b3", "n1"]


def test_the_supplier_invoice_number_is_claimed_until_cancelled_and_the_index_refuses_a_second_claim(
        uow_factory: UnitOfWorkFactory, backend: Backend) -> None:
    first = _bill("b1", "INV-7", 1)
    with uow_factory() as uow:
        uow.invoicing.bills.add(first)
        uow.commit()

    with uow_factory() as uow:
        found = [b.id for b in uow.invoicing.bills.claiming("s1", first.claim or "")]
    if backend.name != "memory":  # the memory store has no unique index: the domain's check is what refuses there
        # (a lost race is a conflict the bus retries, and the retry's check refuses the duplicate by name)
        with uow_factory() as uow:
            uow.invoicing.bills.add(_bill("b2", "inv-7", 1))
            with pytest.raises(ConcurrencyConflict):
                uow.commit()
    with uow_factory() as uow:
        uow.invoicing.bills.get("b1").cancel(AT, "alice")
        uow.commit()
    with uow_factory() as uow:
        uow.invoicing.bills.add(_bill("b3", "INV-7", 1))
        uow.commit()
    with uow_factory() as uow:
        after = [b.id for b in uow.invoicing.bills.claiming("s1", first.claim or "")]

    assert found == ["b1"]
    assert after == ["b3"]


def _paid_in_part(uow_factory: UnitOfWorkFactory) -> SupplierPayment:
    """Bill b1 (released for payment) and payment p1 of 100.00, 40.00 of it allocated to b1, stored."""
    bill = _bill("b1", "INV-1", 10, post="BILL-2026-000001")
    bill.release_for_payment(AT, "manager")
    payment = SupplierPayment.make(id="p1", number="SPAY-2026-000001", supplier_id="s1", currency="EUR",
                                   amount=D("100.00"), payment_date=date(2026, 3, 3),
                                   method=PaymentMethod.BANK_TRANSFER, reference="bank 7", at=AT, actor="alice")
    payment.allocate(bill, residual=bill.totals.grand_total, amount=D("40.00"), allocation_id="a1", at=AT,
                     actor="alice")
    with uow_factory() as uow:
        uow.invoicing.bills.add(bill)
        uow.invoicing.supplier_payments.add(payment)
        uow.commit()
    return payment


def test_a_supplier_payment_comes_back_with_its_allocations_and_is_found_by_the_bill_it_pays(
        uow_factory: UnitOfWorkFactory) -> None:
    payment = _paid_in_part(uow_factory)

    with uow_factory() as uow:
        loaded = uow.invoicing.supplier_payments.by_number("SPAY-2026-000001")
        paying = [p.id for p in uow.invoicing.supplier_payments.paying("b1")]
        released = uow.invoicing.bills.get("b1").released_by

    assert snapshot(loaded) == snapshot(payment)
    assert paying == ["p1"]
    assert released == "manager"


def test_a_supplier_payment_taken_off_its_bill_is_stored_without_the_allocation_and_pays_it_no_more(
        uow_factory: UnitOfWorkFactory) -> None:
    _paid_in_part(uow_factory)

    with uow_factory() as uow:
        freed = uow.invoicing.supplier_payments.get("p1").unallocate(uow.invoicing.bills.get("b1"))
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.invoicing.supplier_payments.get("p1")
        paying = uow.invoicing.supplier_payments.paying("b1")

    assert freed == D("40.00")
    assert (loaded.allocations, loaded.unallocated) == ([], D("100.00"))
    assert paying == []
