"""Purchase and sales ledger figures from the in-memory store's committed documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from oms.adapters.memory.reports.products import kept_products
from oms.adapters.memory.store import InMemoryStore
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import Payment
from oms.domain.invoicing.supplier_payments import SupplierPayment
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill
from oms.domain.procurement.purchase_order import PurchaseOrder, PurchaseOrderStatus
from oms.domain.reports.ledgers import (
    AGEING_BUCKETS,
    OPEN_ORDER_STATUSES,
    ORDERED,
    ageing_bucket,
    days_late,
    expected_on,
)
from oms.ports.reports.ledgers import (
    AgeingKey,
    LedgerFilter,
    OpenAmounts,
    OpenPurchaseLine,
    Punctuality,
    SpendFigure,
    SpendKey,
)

ZERO = Decimal(0)


def ordered_on(order: PurchaseOrder) -> date:
    """The day the order first became ordered (UTC); the day it was made, when its trail does not say."""
    return next((change.at.date() for change in order.history if change.to_status == ORDERED),
                order.created_at.date())


class InMemoryLedgerFigures:
    _store: InMemoryStore

    def _by_id(self, kind: str) -> dict[str, Any]:
        return {thing.id: thing for thing in self._store.load_all(kind)}

    def purchase_spend(self, first: date, end: date, key: SpendKey, scope: LedgerFilter) -> Sequence[SpendFigure]:
        branches, suppliers = self._by_id("branch"), self._by_id("supplier")
        products = self._by_id("product") if key is SpendKey.PRODUCT else {}
        sums: dict[tuple[str, str, str, date | None], list[Any]] = defaultdict(lambda: [ZERO, ZERO, set()])
        kept = kept_products(self._store, scope.product_id, scope.category)
        bill: VendorBill
        for bill in self._store.load_all("vendor_bill"):
            if bill.status is not BillStatus.POSTED or not first <= bill.bill_date < end:
                continue
            if scope.branch_id not in (None, bill.branch_id) or scope.supplier_id not in (None, bill.supplier_id):
                continue
            branch_currency = branches[bill.branch_id].currency
            day = bill.bill_date if key is SpendKey.DAY or bill.currency != branch_currency else None
            for line in bill.lines:
                if not kept(line.product_id):
                    continue
                group = {SpendKey.SUPPLIER: bill.supplier_id, SpendKey.PRODUCT: line.product_id,
                         SpendKey.BRANCH: bill.branch_id, SpendKey.DAY: ""}[key]
                found = sums[(group, bill.currency, branch_currency, day)]
                if bill.kind is BillKind.BILL:
                    found[0] += line.net
                    found[2].add(bill.id)
                else:
                    found[1] += line.net

        def named(group: str) -> tuple[str, str]:
            if key is SpendKey.SUPPLIER:
                return suppliers[group].code, suppliers[group].name
            if key is SpendKey.PRODUCT:
                return products[group].sku, products[group].name
            if key is SpendKey.BRANCH:
                return branches[group].code, branches[group].name
            return "", ""

        return [SpendFigure(key=group, code=named(group)[0], name=named(group)[1], currency=currency,
                            branch_currency=branch_currency, day=day, billed=billed, debited=debited,
                            bills=len(bills))
                for (group, currency, branch_currency, day), (billed, debited, bills) in sums.items()]

    def open_purchase_lines(self, scope: LedgerFilter) -> Sequence[OpenPurchaseLine]:
        branches, suppliers, products = self._by_id("branch"), self._by_id("supplier"), self._by_id("product")
        found = []
        kept = kept_products(self._store, scope.product_id, scope.category)
        order: PurchaseOrder
        for order in sorted(self._store.load_all("purchase_order"), key=lambda o: o.number):
            # a received order has every goods line in full (a return that takes some back makes it partially
            # received again), as the SQL store reads them
            if str(order.status) not in OPEN_ORDER_STATUSES or order.status is PurchaseOrderStatus.RECEIVED:
                continue
            if scope.branch_id not in (None, order.branch_id) or scope.supplier_id not in (None, order.supplier_id):
                continue
            supplier, day = suppliers[order.supplier_id], ordered_on(order)
            for line in order.lines:
                if not line.kind.ships or not kept(line.product_id):
                    continue
                found.append(OpenPurchaseLine(
                    purchase_order_id=order.id, number=order.number, supplier_id=supplier.id,
                    supplier_code=supplier.code, supplier_name=supplier.name, product_id=line.product_id,
                    sku=line.sku, product_name=products[line.product_id].name, currency=order.currency,
                    branch_currency=branches[order.branch_id].currency, ordered_on=day,
                    lead_time_days=supplier.lead_time_days, quantity=line.quantity, received=order.received(line.id),
                    net=line.net))
        return found

    def receipt_punctuality(self, first: date, end: date, scope: LedgerFilter) -> Sequence[Punctuality]:
        suppliers = self._by_id("supplier")
        sums: dict[tuple[str, int], list[Any]] = defaultdict(lambda: [0, ZERO])
        kept = kept_products(self._store, scope.product_id, scope.category)
        order: PurchaseOrder
        for order in self._store.load_all("purchase_order"):
            if scope.branch_id not in (None, order.branch_id) or scope.supplier_id not in (None, order.supplier_id):
                continue
            expected = expected_on(ordered_on(order), suppliers[order.supplier_id].lead_time_days)
            for receipt in order.receipts:
                arrived = receipt.received_at.date()
                if not first <= arrived < end:
                    continue
                for line in receipt.lines:
                    if kept(line.product_id):
                        found = sums[(order.supplier_id, days_late(arrived, expected))]
                        found[0] += 1
                        found[1] += line.quantity
        return [Punctuality(supplier_id=supplier_id, supplier_code=suppliers[supplier_id].code,
                            supplier_name=suppliers[supplier_id].name, days_late=late, lines=lines, quantity=quantity)
                for (supplier_id, late), (lines, quantity) in sorted(sums.items())]

    def receivables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        documents: list[Invoice] = [
            d for d in self._store.load_all("invoice")
            if d.status is InvoiceStatus.POSTED and d.invoice_date is not None and d.invoice_date <= as_of]
        credited = _sums((d.credited_invoice_id or "", d.totals.grand_total) for d in documents
                         if d.kind is InvoiceKind.CREDIT_NOTE)
        payments: list[Payment] = self._store.load_all("payment")
        paid = _sums((a.invoice_id, a.amount) for p in payments if p.payment_date <= as_of for a in p.allocations)
        parties = self._by_id("customer") if key is AgeingKey.PARTY else self._by_id("branch")
        owing = [(d.customer_id if key is AgeingKey.PARTY else d.branch_id, d.currency, d.due_date,
                  d.totals.grand_total - credited.get(d.id, ZERO) - paid.get(d.id, ZERO))
                 for d in documents if d.kind is InvoiceKind.INVOICE
                 and scope.branch_id in (None, d.branch_id) and scope.customer_id in (None, d.customer_id)]
        return _aged(owing, parties, as_of)

    def payables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        documents: list[VendorBill] = [d for d in self._store.load_all("vendor_bill")
                                       if d.status is BillStatus.POSTED and d.bill_date <= as_of]
        debited = _sums((d.debited_bill_id or "", d.totals.grand_total) for d in documents
                        if d.kind is BillKind.DEBIT_NOTE)
        payments: list[SupplierPayment] = self._store.load_all("supplier_payment")
        paid = _sums((a.bill_id, a.amount) for p in payments if p.payment_date <= as_of for a in p.allocations)
        parties = self._by_id("supplier") if key is AgeingKey.PARTY else self._by_id("branch")
        owing = [(d.supplier_id if key is AgeingKey.PARTY else d.branch_id, d.currency, d.due_date,
                  d.totals.grand_total - debited.get(d.id, ZERO) - paid.get(d.id, ZERO))
                 for d in documents if d.kind is BillKind.BILL
                 and scope.branch_id in (None, d.branch_id) and scope.supplier_id in (None, d.supplier_id)]
        return _aged(owing, parties, as_of)


def _sums(pairs: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    found: dict[str, Decimal] = defaultdict(Decimal)
    for key, amount in pairs:
        found[key] += amount
    return found


def _aged(owing: Iterable[tuple[str, str, date | None, Decimal]], parties: dict[str, Any],
          as_of: date) -> list[OpenAmounts]:
    sums: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [0, ZERO])
    for key, currency, due_date, residual in owing:
        if residual > 0:
            found = sums[(key, currency, ageing_bucket(due_date, as_of))]
            found[0] += 1
            found[1] += residual
    groups = sorted({(key, currency) for key, currency, _ in sums})
    return [OpenAmounts(key=key, code=parties[key].code, name=parties[key].name, currency=currency,
                        documents=tuple(sums[(key, currency, bucket)][0] if (key, currency, bucket) in sums else 0
                                        for bucket in AGEING_BUCKETS),
                        residuals=tuple(sums[(key, currency, bucket)][1] if (key, currency, bucket) in sums else ZERO
                                        for bucket in AGEING_BUCKETS))
            for key, currency in groups]
