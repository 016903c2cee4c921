"""The payment repository's contract, on memory, SQLite and PostgreSQL: a payment comes back with its allocations
and exact amounts, an unallocated amount leaves no row behind, and payments are found by customer and by the
invoice they pay; an invoice keeps its due date and a customer its payment terms."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine
from oms.domain.invoicing.payments import Payment, PaymentMethod
from oms.domain.masterdata.parties import Branch, Customer
from oms.domain.shared.tax import TaxCategory, TaxRounding
from oms.ports.unit_of_work import UnitOfWorkFactory

from .integration_helpers import Backend, snapshot

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def _invoice(invoice_id: str, total: str) -> Invoice:
    invoice = Invoice(id=invoice_id, kind=InvoiceKind.INVOICE, customer_id="c1", branch_id="b1", currency="EUR",
                      prices_include_tax=False, tax_rounding=TaxRounding.GLOBAL, created_at=AT)
    amount = Decimal(total)
    invoice.lines.append(InvoiceLine(
        id=f"{invoice_id}-1", position=1, source_document_id="so1", source_line_id=f"ol-{invoice_id}", sku="AUDIT",
        description="Audit", uom="unit", quantity=Decimal(1), unit_price=amount, tax_category=TaxCategory.ZERO,
        tax_rate=Decimal(0), gross_amount=amount, line_discount=Decimal(0), order_discount=Decimal(0), net=amount,
        tax=Decimal(0), total=amount))
    invoice.post(number=f"INV-2026-{invoice_id}", invoice_date=date(2026, 2, 1), at=AT, actor="alice")
    invoice.due_date = date(2026, 3, 1)
    return invoice


def _payment(number: str, amount: str, *, day: int = 2, customer: str = "c1") -> Payment:
    return Payment.record(id=f"p{number}", number=f"PAY-2026-{number}", customer_id=customer, currency="EUR",
                          amount=Decimal(amount), payment_date=date(2026, 3, day), method=PaymentMethod.CARD,
                          reference="card ****4242", at=AT + timedelta(days=day), actor="alice")


@pytest.fixture
def uow_factory(backend: Backend) -> UnitOfWorkFactory:
    """The backend with a branch, customers c1 (net 30) and c2, and posted invoices i1 (120.00) and i2 (80.00)."""
    uow = backend.uow_factory()
    with uow:
        uow.masterdata.branches.add(Branch("b1", "BER", "Berlin", "EUR", "DE"))
        uow.masterdata.customers.add(Customer("c1", "C1", "c1", payment_terms="net 30"))
        uow.masterdata.customers.add(Customer("c2", "C2", "c2"))
        uow.invoicing.invoices.add(_invoice("i1", "120.00"))
        uow.invoicing.invoices.add(_invoice("i2", "80.00"))
        uow.commit()
    return backend.uow_factory


def _store(uow_factory: UnitOfWorkFactory, *payments: Payment) -> None:
    uow = uow_factory()
    with uow:
        for payment in payments:
            invoices = {a.invoice_id: uow.invoicing.invoices.get(a.invoice_id) for a in payment.allocations}
            assert all(invoice.number for invoice in invoices.values())
            uow.invoicing.payments.add(payment)
        uow.commit()


def _allocate(payment: Payment, invoice_id: str, amount: str) -> None:
    payment.allocate(_invoice(invoice_id, "1000.00"), residual=Decimal(amount), amount=Decimal(amount),
                     allocation_id=f"{payment.id}-{invoice_id}", at=AT, actor="bob")


def test_a_payment_round_trips_with_its_allocations_and_exact_amounts(uow_factory: UnitOfWorkFactory) -> None:
    payment = _payment("000001", "130.05")
    _allocate(payment, "i1", "120.00")
    _allocate(payment, "i2", "0.05")
    _store(uow_factory, payment)

    uow = uow_factory()
    with uow:
        loaded = uow.invoicing.payments.by_number("PAY-2026-000001")
        invoice = uow.invoicing.invoices.get("i1")
        customer = uow.masterdata.customers.get("c1")

    assert loaded is not None
    assert snapshot(loaded) == snapshot(payment)
    assert str(loaded.unallocated) == "10.00"
    assert invoice.due_date == date(2026, 3, 1)
    assert customer.payment_terms == "net 30"


def test_unallocating_deletes_the_allocation_and_payments_are_found_by_customer_and_invoice(
        uow_factory: UnitOfWorkFactory) -> None:
    early, late, other = _payment("000001", "50.00", day=2), _payment("000002", "80.00", day=3), _payment(
        "000003", "5.00", customer="c2")
    _allocate(early, "i1", "50.00")
    _allocate(late, "i1", "70.00")
    _allocate(late, "i2", "10.00")
    _store(uow_factory, late, early, other)

    uow = uow_factory()
    with uow:
        uow.invoicing.payments.get(late.id).unallocate(uow.invoicing.invoices.get("i1"))
        uow.commit()
    with uow:
        paying_i1 = [p.number for p in uow.invoicing.payments.paying("i1")]
        paying_i2 = [p.number for p in uow.invoicing.payments.paying("i2")]
        of_c1 = [p.number for p in uow.invoicing.payments.of_customer("c1")]
        everyone = [p.number for p in uow.invoicing.payments.list()]
        reloaded = uow.invoicing.payments.get(late.id)

    assert paying_i1 == ["PAY-2026-000001"]
    assert paying_i2 == ["PAY-2026-000002"]
    assert of_c1 == ["PAY-2026-000001", "PAY-2026-000002"]
    assert everyone == ["PAY-2026-000001", "PAY-2026-000003", "PAY-2026-000002"]
    assert [(a.invoice_id, str(a.amount)) for a in reloaded.allocations] == [("i2", "10.00")]
