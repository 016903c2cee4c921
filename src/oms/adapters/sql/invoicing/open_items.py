"""The open items of receivables and payables (tables.receivable_items, tables.payable_items): one row per posted
invoice (bill) with its total, what reduced it (its posted credit or debit notes and the payment allocations to it,
each on its own day) and the day it was settled, kept in the transaction that writes what changes them.

How it stays right: the aggregates that change an item declare it (`KeptRecord`): a posted invoice (bill) touches
its own, a posted note the one of the document it credits (debits), a payment those of every document it is or was
allocated to (an allocation made, changed or taken off). At each flush the session queues, after the aggregates'
writes, one statement recomputing the touched items from the tables (`INSERT ... SELECT ... ON CONFLICT DO UPDATE`):
never an increment, so an item is what its documents say whatever was applied before (migration 0034 filled the
tables the same way from the documents already there). The one exception reads nothing: the item of a document the
flush posts (new, or a draft before) is written as the document in hand makes it (`whole_item`: its lines' total,
nothing reduced yet, since a note or a payment only reduces a posted document), unless another aggregate of the same
flush touches it too. That keeps the recomputation, a join the planner can get wrong while the documents' tables
grow fast (a renewal batch's 25 invoices), off the path that posts.

The day it is settled: posted documents never change and payments and notes only reduce a document, so what it owes
only goes down over the days; it is settled on the first day from its own date on that the reductions dated up to
then add up to its total (on its own date when they already do, or when its total is not above zero); NULL while
it owes. So it owes on a day exactly when it is dated on or before the day and settled after it (or not yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from attrs import frozen
from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    Numeric,
    Table,
    bindparam,
    case,
    cast,
    func,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ClauseElement, ColumnElement

from oms.adapters.sql.invoicing.tables import (
    invoice_lines,
    invoices,
    payable_balances,
    payable_items,
    payment_allocations,
    payments,
    receivable_balances,
    receivable_items,
    supplier_payment_allocations,
    supplier_payments,
    vendor_bill_lines,
    vendor_bills,
)
from oms.adapters.sql.shared.mapping import KeptRecord, RowsBefore, WholeRecord
from oms.adapters.sql.shared.metadata import AMOUNT
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import Payment
from oms.domain.invoicing.supplier_payments import SupplierPayment
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill

UNIT = 10 ** AMOUNT  # an item's amounts are whole ten-thousandths
COLUMNS = ("document_id", "party_id", "branch_id", "currency", "document_date", "due_date", "total", "reduced",
           "reduced_from", "reduced_until", "settled_on")


@frozen
class OpenItems:
    """Where the items of one side come from: the documents (`kind` posted ones), their lines, the notes that
    reduce them (`note_kind`, pointing at the document by `reduces`) and the allocations of payments to them."""

    items: Table
    balances: Table
    documents: Table
    lines: Table
    line_document: str
    kind: Any
    note_kind: Any
    posted: Any
    draft: Any
    party: str
    date: str
    reduces: str
    allocations: Table
    allocation_document: str
    payments: Table


RECEIVABLES = OpenItems(items=receivable_items, balances=receivable_balances, documents=invoices, lines=invoice_lines,
                        line_document="invoice_id",
                        kind=InvoiceKind.INVOICE, note_kind=InvoiceKind.CREDIT_NOTE, posted=InvoiceStatus.POSTED,
                        draft=InvoiceStatus.DRAFT,
                        party="customer_id", date="invoice_date", reduces="credited_invoice_id",
                        allocations=payment_allocations, allocation_document="invoice_id", payments=payments)
PAYABLES = OpenItems(items=payable_items, balances=payable_balances, documents=vendor_bills, lines=vendor_bill_lines,
                     line_document="bill_id",
                     kind=BillKind.BILL, note_kind=BillKind.DEBIT_NOTE, posted=BillStatus.POSTED,
                     draft=BillStatus.DRAFT,
                     party="supplier_id", date="bill_date", reduces="debited_bill_id",
                     allocations=supplier_payment_allocations, allocation_document="bill_id",
                     payments=supplier_payments)


def units(value: ColumnElement[Any], *, postgres: bool) -> ColumnElement[int]:
    """An amount column as a whole number of ten-thousandths, which both databases add up exactly (SQLite keeps
    exact decimals as text)."""
    return cast(func.round(cast(value, Numeric) * UNIT), BigInteger if postgres else Integer)


def reductions(side: OpenItems, ids: Sequence[Any] | None, *, postgres: bool) -> Any:
    """What reduced each document (of `ids`, or all): (document_id, day, amount in units) per line of a posted note
    and per payment allocation, by the note's date or the payment's."""
    notes, note_lines = side.documents.alias("note"), side.lines.alias("note_line")
    a, p = side.allocations.c, side.payments.c
    noted = (select(notes.c[side.reduces].label("document_id"), notes.c[side.date].label("day"),
                    units(note_lines.c.total, postgres=postgres).label("amount"))
             .select_from(note_lines.join(notes, notes.c.id == note_lines.c[side.line_document]))
             .where(notes.c.kind == side.note_kind, notes.c.status == side.posted))
    paid = (select(a[side.allocation_document], p.payment_date, units(a.amount, postgres=postgres))
            .join(side.payments, p.id == a.payment_id))
    if ids is not None:
        noted = noted.where(notes.c[side.reduces].in_(ids))
        paid = paid.where(a[side.allocation_document].in_(ids))
    return union_all(noted, paid).subquery("reductions")


def item_rows(side: OpenItems, ids: Sequence[Any] | None, *, postgres: bool) -> Any:
    """The items of the posted documents among `ids` (all: None), recomputed from the documents, in COLUMNS."""
    d, line = side.documents.c, side.lines.c
    reduced = reductions(side, ids, postgres=postgres)
    totals = select(line[side.line_document].label("document_id"),
                    func.sum(units(line.total, postgres=postgres)).label("total")).group_by(line[side.line_document])
    if ids is not None:
        totals = totals.where(line[side.line_document].in_(ids))
    total = totals.subquery("totals")
    sums = (select(reduced.c.document_id, func.sum(reduced.c.amount).label("reduced"),
                   func.min(reduced.c.day).label("reduced_from"), func.max(reduced.c.day).label("reduced_until"))
            .group_by(reduced.c.document_id).subquery("sums"))
    running = select(reduced.c.document_id, reduced.c.day, func.sum(reduced.c.amount).over(
        partition_by=reduced.c.document_id, order_by=reduced.c.day).label("upto")).subquery("running")
    paid_off = (select(running.c.document_id, func.min(running.c.day).label("day"))
                .join(total, total.c.document_id == running.c.document_id)
                .where(running.c.upto >= total.c.total).group_by(running.c.document_id).subquery("paid_off"))
    dated = d[side.date]
    settled = case((total.c.total <= 0, dated), (paid_off.c.day.is_(None), None), (paid_off.c.day < dated, dated),
                   else_=paid_off.c.day)
    statement = (select(d.id, d[side.party], d.branch_id, d.currency, dated, d.due_date, total.c.total,
                        func.coalesce(sums.c.reduced, 0), sums.c.reduced_from, sums.c.reduced_until, settled)
                 .select_from(side.documents.join(total, total.c.document_id == d.id)
                              .outerjoin(sums, sums.c.document_id == d.id)
                              .outerjoin(paid_off, paid_off.c.document_id == d.id))
                 .where(d.kind == side.kind, d.status == side.posted))
    return statement if ids is None else statement.where(d.id.in_(ids))


def _refresh_statement(side: OpenItems, count: int, postgres: bool) -> ClauseElement:
    ids: list[Any] = [bindparam(f"n{index}") for index in range(count)]
    return _replacing(_insert(postgres)(side.items).from_select(COLUMNS, item_rows(side, ids, postgres=postgres)))


def _insert(postgres: bool) -> Any:
    return postgresql.insert if postgres else sqlite.insert


def _replacing(statement: Any) -> ClauseElement:
    """The insert of items, an item already there taking the new row's values."""
    replacing: ClauseElement = statement.on_conflict_do_update(index_elements=["document_id"], set_={
        name: statement.excluded[name] for name in COLUMNS if name != "document_id"})
    return replacing


def refresh(side: OpenItems, transaction: Transaction, ids: list[str]) -> None:
    """Queue the recomputation of the items of these documents (after the writes queued before it). The ids are
    padded to a power of two (repeating the last), so few statements are compiled."""
    size = 1
    while size < len(ids):
        size *= 2
    padded = ids + [ids[-1]] * (size - len(ids))
    statement = transaction.compiler.get(("open items", side.items.name, size),
                                         partial(_refresh_statement, side, size, transaction.is_postgres))
    transaction.queue(statement, [{f"n{index}": value for index, value in enumerate(padded)}])


def _units(amount: Decimal) -> int:
    """An amount in ten-thousandths, rounded as `units` rounds it in SQL (half away from zero)."""
    return int((amount * UNIT).to_integral_value(rounding=ROUND_HALF_UP))


def whole_item(side: OpenItems, document: Any, before: RowsBefore) -> tuple[str, dict[str, Any]] | None:
    """The item of a document (an invoice or a bill) that this write posts, new or stored as a draft, from the
    document in hand: nothing can have reduced it before (a note reduces, a payment is allocated to, a posted
    document only), so its total is its lines' and nothing reduced it. Whatever else in the same flush touches it
    (a payment allocated to it at once) has it refreshed from the tables instead (session.py). None for any other
    write."""
    stored = before.get((side.documents.name, (document.id,)))
    if (document.kind != side.kind or document.status != side.posted or not document.lines
            or (stored is not None and stored["status"] != side.draft)):
        return None
    total = sum(_units(line.total) for line in document.lines)
    dated = getattr(document, side.date)
    return document.id, {
        "document_id": document.id, "party_id": getattr(document, side.party), "branch_id": document.branch_id,
        "currency": document.currency, "document_date": dated, "due_date": document.due_date, "total": total,
        "reduced": 0, "reduced_from": None, "reduced_until": None, "settled_on": dated if total <= 0 else None}


def _upsert_statement(side: OpenItems, count: int, postgres: bool) -> ClauseElement:
    return _replacing(_insert(postgres)(side.items).values([
        {name: bindparam(f"{name}_{index}", type_=side.items.c[name].type) for name in COLUMNS}
        for index in range(count)]))


def write_items(side: OpenItems, transaction: Transaction, rows: list[dict[str, Any]]) -> None:
    """Queue the items given whole (`whole_item`), in one statement (after the writes queued before it)."""
    statement = transaction.compiler.get(("open items whole", side.items.name, len(rows)),
                                         partial(_upsert_statement, side, len(rows), transaction.is_postgres))
    transaction.queue_rows(statement, rows)


def _invoice_touches(invoice: Invoice, _: RowsBefore) -> Iterable[str]:
    if invoice.status is not InvoiceStatus.POSTED:
        return ()
    return (invoice.id,) if invoice.credited_invoice_id is None else (invoice.credited_invoice_id,)


def _bill_touches(bill: VendorBill, _: RowsBefore) -> Iterable[str]:
    if bill.status is not BillStatus.POSTED:
        return ()
    return (bill.id,) if bill.debited_bill_id is None else (bill.debited_bill_id,)


def _allocated(table: str, column: str, now: Iterable[Any], before: RowsBefore) -> set[str]:
    """The documents a payment is allocated to now and was allocated to in the rows it was stored in."""
    return ({getattr(allocation, column) for allocation in now}
            | {row[column] for (name, _), row in before.items() if name == table})


def _payment_touches(payment: Payment, before: RowsBefore) -> Iterable[str]:
    return _allocated(payment_allocations.name, "invoice_id", payment.allocations, before)


def _supplier_payment_touches(payment: SupplierPayment, before: RowsBefore) -> Iterable[str]:
    return _allocated(supplier_payment_allocations.name, "bill_id", payment.allocations, before)


def _kept(side: OpenItems, touches: Any, *, posts: bool = False) -> KeptRecord:
    whole = WholeRecord(of=partial(whole_item, side), write=partial(write_items, side)) if posts else None
    return KeptRecord(name=side.items.name, touched=touches, refresh=partial(refresh, side), whole=whole)


RECEIVABLES_OF_INVOICES = (_kept(RECEIVABLES, _invoice_touches, posts=True),)
RECEIVABLES_OF_PAYMENTS = (_kept(RECEIVABLES, _payment_touches),)
PAYABLES_OF_BILLS = (_kept(PAYABLES, _bill_touches, posts=True),)
PAYABLES_OF_PAYMENTS = (_kept(PAYABLES, _supplier_payment_touches),)


def reduced_by(side: OpenItems, count: int, *, postgres: bool) -> Any:
    """What the notes and payment allocations dated on or before `as_of` took off each of `count` documents (ids
    n0, n1, ...), in units: read from the documents, for the items reduced both before and after the day."""
    reduced = reductions(side, [bindparam(f"n{index}") for index in range(count)], postgres=postgres)
    return (select(reduced.c.document_id, func.sum(reduced.c.amount).label("reduced"))
            .where(reduced.c.day <= bindparam("as_of", type_=Date)).group_by(reduced.c.document_id))
