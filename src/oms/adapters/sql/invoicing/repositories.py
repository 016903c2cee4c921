"""The SQL repository of invoices and credit notes, from the declaration of the aggregate, and what they billed.

Quantities are summed here rather than in SQL: SQLite keeps exact decimals as text, which its SUM would turn into
floats; each question is still one statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, bindparam, literal, select, union_all
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.invoicing.open_items import RECEIVABLES_OF_INVOICES, RECEIVABLES_OF_PAYMENTS
from oms.adapters.sql.invoicing.tables import invoice_lines, invoices, payment_allocations, payments
from oms.adapters.sql.invoicing.vendor_bills import AGGREGATES as VENDOR_BILLS
from oms.adapters.sql.invoicing.vendor_bills import SqlSupplierPaymentRepository, SqlVendorBillRepository
from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from oms.domain.invoicing.payments import Allocation, Payment

INVOICE = Aggregate(
    "invoice",
    Entity(Invoice, invoices, children=(
        Children("lines", Entity(InvoiceLine, invoice_lines), parent_column="invoice_id"),)),
    natural_key="number", lock=True, kept=RECEIVABLES_OF_INVOICES)

PAYMENT = Aggregate(
    "payment",
    Entity(Payment, payments, children=(
        Children("allocations", Entity(Allocation, payment_allocations), parent_column="payment_id"),)),
    natural_key="number", lock=True, kept=RECEIVABLES_OF_PAYMENTS)

AGGREGATES = (INVOICE, PAYMENT, *VENDOR_BILLS)

CHUNK = 500  # source lines per statement

_i, _l = invoices.c, invoice_lines.c


def _is(column: ColumnElement[Any], name: str, value: InvoiceKind | InvoiceStatus) -> ColumnElement[bool]:
    return column == bindparam(name, value, type_=column.type)


def _among(column: ColumnElement[Any], count: int) -> ColumnElement[bool]:
    return column.in_([bindparam(f"n{index}") for index in range(count)])


def _invoiced(count: int) -> ClauseElement:
    """Posted invoice lines of the order lines, and the posted credit-note lines crediting them (`credit` = 1)."""
    billed = invoice_lines.alias("billed")
    notes = invoices.alias("notes")
    on_invoices = select(_l.source_line_id.label("line_id"), _l.quantity, literal(0).label("credit")).join(
        invoices, _i.id == _l.invoice_id).where(
        _is(_i.kind, "invoice", InvoiceKind.INVOICE), _is(_i.status, "posted", InvoiceStatus.POSTED),
        _among(_l.source_line_id, count))
    on_credit_notes = select(billed.c.source_line_id, _l.quantity, literal(1)).join(
        notes, notes.c.id == _l.invoice_id).join(billed, billed.c.id == _l.source_line_id).where(
        _is(notes.c.kind, "credit_note", InvoiceKind.CREDIT_NOTE),
        _is(notes.c.status, "posted_note", InvoiceStatus.POSTED), _among(billed.c.source_line_id, count))
    return union_all(on_invoices, on_credit_notes)


def _billing(kind: InvoiceKind | None, status: InvoiceStatus, count: int) -> ClauseElement:
    """The lines of documents of a kind (any when None) in a status billing the source lines."""
    conditions = [_is(_i.status, "status", status), _among(_l.source_line_id, count)]
    if kind is not None:
        conditions.append(_is(_i.kind, "kind", kind))
    return select(_l.source_line_id.label("line_id"), _l.quantity, literal(0).label("credit")).join(
        invoices, _i.id == _l.invoice_id).where(*conditions)


class SqlInvoiceRepository(SqlRepository[Invoice]):
    aggregate = INVOICE

    def by_number(self, number: str) -> Invoice | None:
        return self._by_natural_key(number)

    def remove(self, invoice: Invoice) -> None:
        self._session.remove(self.aggregate, invoice)

    def invoiced(self, order_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        return self._sum("invoiced", _invoiced, order_line_ids)

    def credited(self, invoice_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        return self._sum("credited", lambda count: _billing(InvoiceKind.CREDIT_NOTE, InvoiceStatus.POSTED, count),
                         invoice_line_ids)

    def drafts_billing(self, source_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        return self._sum("drafts", lambda count: _billing(None, InvoiceStatus.DRAFT, count), source_line_ids)

    def of_customer(self, customer_id: str) -> Sequence[Invoice]:
        return self._select("of_customer", lambda table: select(table).where(
            table.c.customer_id == bindparam("customer_id")).order_by(table.c.created_at, table.c.id),
            customer_id=customer_id)

    def credit_notes_of(self, invoice_id: str) -> Sequence[Invoice]:
        return self._select("credit_notes_of", lambda table: select(table).where(
            table.c.credited_invoice_id == bindparam("invoice_id")).order_by(table.c.created_at, table.c.id),
            invoice_id=invoice_id)

    def list(self) -> Sequence[Invoice]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def _sum(self, name: str, build: Callable[[int], ClauseElement], line_ids: Collection[str]) -> dict[str, Decimal]:
        """Per line id: the quantities of the rows `build` selects, credits taken off."""
        self._session.flush()  # what this unit of work changed counts too
        transaction = self._session.transaction
        totals: dict[str, Decimal] = defaultdict(Decimal)
        todo = sorted(set(line_ids))
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            statement = transaction.compiler.get(("invoices", name, len(chunk)), partial(build, len(chunk)))
            for row in transaction.run(statement, {f"n{index}": value for index, value in enumerate(chunk)}):
                totals[row["line_id"]] += -row["quantity"] if row["credit"] else row["quantity"]
        return dict(totals)


class SqlPaymentRepository(SqlRepository[Payment]):
    aggregate = PAYMENT

    def by_number(self, number: str) -> Payment | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[Payment]:
        return self._select("list", lambda table: select(table).order_by(
            table.c.payment_date, table.c.recorded_at, table.c.id))

    def of_customer(self, customer_id: str) -> Sequence[Payment]:
        return self._select("of_customer", lambda table: select(table).where(
            table.c.customer_id == bindparam("customer_id")).order_by(
            table.c.payment_date, table.c.recorded_at, table.c.id), customer_id=customer_id)

    def paying(self, invoice_id: str) -> Sequence[Payment]:
        self._session.flush()  # allocations this unit of work made count too
        return self._select("paying", lambda table: select(table).where(table.c.id.in_(
            select(payment_allocations.c.payment_id).where(payment_allocations.c.invoice_id == bindparam(
                "invoice_id")))).order_by(table.c.payment_date, table.c.recorded_at, table.c.id),
            invoice_id=invoice_id)


class SqlInvoicingDocuments:
    """The invoicing repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.invoices = SqlInvoiceRepository(session)
        self.payments = SqlPaymentRepository(session)
        self.bills = SqlVendorBillRepository(session)
        self.supplier_payments = SqlSupplierPaymentRepository(session)
