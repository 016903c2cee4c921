"""Sales figures from the in-memory store's committed documents (the rules: `oms.ports.reports.sales`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

from oms.adapters.memory.store import InMemoryStore
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.reports.bookings import is_booked
from oms.domain.sales.sales_order import OrderLine, SalesOrder
from oms.ports.reports.sales import SalesFigure, SalesFilter, SalesKey, SalesMeasure

# (day, product id, quantity, amount) of one document line, signed
Moved = tuple[date, str, Decimal, Decimal]


def _unit_net(line: OrderLine) -> Decimal:
    return line.net / line.quantity if line.quantity else Decimal(0)


def _order_lines(order: SalesOrder, measure: SalesMeasure) -> Iterator[Moved]:
    if measure is SalesMeasure.BOOKINGS:
        held_from = None if order.held_from is None else str(order.held_from)
        if is_booked(str(order.status), held_from):
            for line in order.lines:
                yield order.created_at.date(), line.product_id, line.quantity, line.net
        return
    lines = {line.id: line for line in order.lines}
    cost = measure is SalesMeasure.ISSUED_COST
    for issue in order.goods_issues:
        for issued in issue.lines:
            amount = issued.value if cost else issued.quantity * _unit_net(lines[issued.line_id])
            yield issue.issued_at.date(), issued.product_id, issued.quantity, amount
    for authorisation in order.returns:
        for receipt in authorisation.receipts:
            amount = receipt.value if cost else receipt.quantity * _unit_net(lines[authorisation.line_id])
            yield receipt.received_at.date(), authorisation.product_id, -receipt.quantity, -amount


class InMemorySalesFigures:
    _store: InMemoryStore

    def sales_figures(self, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                      scope: SalesFilter) -> Sequence[SalesFigure]:
        sums: dict[tuple[date | str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        of_category = None if scope.category is None else {
            product.id for product in self._store.load_all("product") if product.category == scope.category}

        def add(day: date, product_id: str, customer_id: str, branch_id: str, currency: str, quantity: Decimal,
                amount: Decimal) -> None:
            if not first <= day < end or scope.product_id not in (None, product_id):
                return
            if of_category is not None and product_id not in of_category:
                return
            if scope.customer_id not in (None, customer_id) or scope.branch_id not in (None, branch_id):
                return
            group: date | str = day if key is SalesKey.DAY else {
                SalesKey.PRODUCT: product_id, SalesKey.CUSTOMER: customer_id, SalesKey.BRANCH: branch_id}[key]
            found = sums[(group, currency)]
            found[0] += quantity
            found[1] += amount

        if measure is SalesMeasure.REVENUE:
            products = {product.sku: product.id for product in self._store.load_all("product")}
            invoice: Invoice
            for invoice in self._store.load_all("invoice"):
                if invoice.status is not InvoiceStatus.POSTED or invoice.invoice_date is None:
                    continue
                sign = Decimal(-1) if invoice.kind is InvoiceKind.CREDIT_NOTE else Decimal(1)
                for line in invoice.lines:
                    add(invoice.invoice_date, products.get(line.sku, line.sku), invoice.customer_id,
                        invoice.branch_id, invoice.currency, sign * line.quantity, sign * line.net)
        else:
            order: SalesOrder
            for order in self._store.load_all("sales_order"):
                for day, product_id, quantity, amount in _order_lines(order, measure):
                    add(day, product_id, order.customer_id, order.branch_id, order.currency, quantity, amount)
        return [SalesFigure(key=group, currency=currency, quantity=quantity, amount=amount)
                for (group, currency), (quantity, amount) in sums.items()]
