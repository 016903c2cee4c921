"""The SQL repositories of vendor bills and debit notes (and what they billed of purchase-order lines), and of
payments to suppliers, from the declarations of the aggregates.

Quantities are summed here rather than in SQL: SQLite keeps exact decimals as text, which its SUM would turn into
floats; each question is still one statement a chunk of lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select
from sqlalchemy.sql import Select

from oms.adapters.sql.invoicing.open_items import PAYABLES_OF_BILLS, PAYABLES_OF_PAYMENTS
from oms.adapters.sql.invoicing.tables import (
    supplier_payment_allocations,
    supplier_payments,
    vendor_bill_lines,
    vendor_bills,
)
from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.domain.invoicing.supplier_payments import SupplierAllocation, SupplierPayment
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill, VendorBillLine

VENDOR_BILL = Aggregate(
    "vendor_bill",
    Entity(VendorBill, vendor_bills, children=(
        Children("lines", Entity(VendorBillLine, vendor_bill_lines), parent_column="bill_id"),)),
    natural_key="number", lock=True, kept=PAYABLES_OF_BILLS)

SUPPLIER_PAYMENT = Aggregate(
    "supplier_payment",
    Entity(SupplierPayment, supplier_payments, children=(
        Children("allocations", Entity(SupplierAllocation, supplier_payment_allocations),
                 parent_column="payment_id"),)),
    natural_key="number", lock=True, kept=PAYABLES_OF_PAYMENTS)

AGGREGATES = (VENDOR_BILL, SUPPLIER_PAYMENT)

CHUNK = 500
_b, _l = vendor_bills.c, vendor_bill_lines.c


def _among(column: ColumnElement[Any], count: int) -> ColumnElement[bool]:
    return column.in_([bindparam(f"n{index}") for index in range(count)])


def _posted_lines(key: ColumnElement[Any], count: int) -> Select[Any]:
    """The lines of posted documents whose `key` (a PO line, or the bill line a debit note gives back) is among
    the ones asked, with their kind."""
    return select(key.label("line_id"), _l.quantity, _b.kind).join(vendor_bills, _b.id == _l.bill_id).where(
        _b.status == bindparam("posted", BillStatus.POSTED, type_=_b.status.type), _among(key, count))


class SqlVendorBillRepository(SqlRepository[VendorBill]):
    aggregate = VENDOR_BILL

    def by_number(self, number: str) -> VendorBill | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[VendorBill]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def _sum(self, name: str, key: ColumnElement[Any], line_ids: Collection[str],
             kinds: dict[BillKind, int]) -> dict[str, Decimal]:
        self._session.flush()  # what this unit of work changed counts too
        transaction = self._session.transaction
        totals: dict[str, Decimal] = defaultdict(Decimal)
        todo = sorted(set(line_ids))
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            statement = transaction.compiler.get(("vendor_bills", name, len(chunk)),
                                                 partial(_posted_lines, key, len(chunk)))
            for row in transaction.run(statement, {f"n{index}": value for index, value in enumerate(chunk)}):
                sign = kinds.get(BillKind(row["kind"]), 0)
                if sign:
                    totals[row["line_id"]] += sign * row["quantity"]
        return dict(totals)

    def billed(self, po_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        return self._sum("billed", _l.po_line_id, po_line_ids, {BillKind.BILL: 1, BillKind.DEBIT_NOTE: -1})

    def debited(self, bill_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        return self._sum("debited", _l.debited_line_id, bill_line_ids, {BillKind.DEBIT_NOTE: 1})

    def claiming(self, supplier_id: str, claim: str) -> Sequence[VendorBill]:
        self._session.flush()
        return self._select("claiming", lambda table: select(table).where(
            table.c.supplier_id == bindparam("supplier_id"), table.c.claim == bindparam("claim")),
            supplier_id=supplier_id, claim=claim)

    def debit_notes_of(self, bill_id: str) -> Sequence[VendorBill]:
        self._session.flush()
        return self._select("debit_notes_of", lambda table: select(table).where(
            table.c.debited_bill_id == bindparam("bill_id")).order_by(table.c.created_at, table.c.id),
            bill_id=bill_id)


class SqlSupplierPaymentRepository(SqlRepository[SupplierPayment]):
    aggregate = SUPPLIER_PAYMENT

    def by_number(self, number: str) -> SupplierPayment | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[SupplierPayment]:
        return self._select("list", lambda table: select(table).order_by(
            table.c.payment_date, table.c.recorded_at, table.c.id))

    def paying(self, bill_id: str) -> Sequence[SupplierPayment]:
        self._session.flush()  # allocations this unit of work made count too
        return self._select("paying", lambda table: select(table).where(table.c.id.in_(
            select(supplier_payment_allocations.c.payment_id).where(
                supplier_payment_allocations.c.bill_id == bindparam("bill_id")))).order_by(
            table.c.payment_date, table.c.recorded_at, table.c.id), bill_id=bill_id)
