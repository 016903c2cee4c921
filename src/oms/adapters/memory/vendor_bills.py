"""In-memory repositories of vendor bills and debit notes (and what they billed), and of payments to suppliers."""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from oms.adapters.memory.repository import InMemoryRepository
from oms.domain.invoicing.supplier_payments import SupplierPayment
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill


class InMemoryVendorBillRepository(InMemoryRepository[VendorBill]):
    kind = "vendor_bill"

    @staticmethod
    def natural_key(bill: VendorBill) -> str | None:
        return bill.number

    def by_number(self, number: str) -> VendorBill | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[VendorBill]:
        return sorted(super().list(), key=lambda bill: (bill.created_at, bill.id))

    def _posted(self, kind: BillKind) -> builtins.list[VendorBill]:
        return [bill for bill in self.list() if bill.kind is kind and bill.status is BillStatus.POSTED]

    def billed(self, po_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        wanted, totals = set(po_line_ids), defaultdict[str, Decimal](Decimal)
        for kind, sign in ((BillKind.BILL, 1), (BillKind.DEBIT_NOTE, -1)):
            for bill in self._posted(kind):
                for line in bill.lines:
                    if line.po_line_id in wanted:
                        totals[line.po_line_id] += sign * line.quantity
        return dict(totals)

    def debited(self, bill_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        wanted, totals = set(bill_line_ids), defaultdict[str, Decimal](Decimal)
        for note in self._posted(BillKind.DEBIT_NOTE):
            for line in note.lines:
                if line.debited_line_id in wanted:
                    totals[line.debited_line_id] += line.quantity
        return dict(totals)

    def claiming(self, supplier_id: str, claim: str) -> Sequence[VendorBill]:
        return [bill for bill in self.list() if (bill.supplier_id, bill.claim) == (supplier_id, claim)]

    def debit_notes_of(self, bill_id: str) -> Sequence[VendorBill]:
        return [bill for bill in self.list() if bill.debited_bill_id == bill_id]


class InMemorySupplierPaymentRepository(InMemoryRepository[SupplierPayment]):
    kind = "supplier_payment"

    @staticmethod
    def natural_key(payment: SupplierPayment) -> str | None:
        return payment.number

    def by_number(self, number: str) -> SupplierPayment | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[SupplierPayment]:
        return sorted(super().list(), key=lambda payment: (payment.payment_date, payment.recorded_at, payment.id))

    def paying(self, bill_id: str) -> Sequence[SupplierPayment]:
        return [payment for payment in self.list() if any(a.bill_id == bill_id for a in payment.allocations)]
