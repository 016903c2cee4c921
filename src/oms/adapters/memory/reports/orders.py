"""Order figures from the in-memory store: open lines and their sums by group, booked lines' progress, quotations
by day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from attrs import asdict, evolve

from oms.adapters.memory.reports.products import kept_products
from oms.adapters.memory.store import InMemoryStore
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.reports.backlog import open_quantity, open_value
from oms.domain.reports.bookings import is_booked
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import OrderLine, SalesOrder, SalesOrderStatus
from oms.ports.reports.orders import (
    BacklogKey,
    OpenLinesGroup,
    OpenOrderLine,
    OrderLineFigures,
    OrdersFilter,
    QuotationFigures,
)

_S = SalesOrderStatus
L = TypeVar("L", bound=OrderLineFigures)
OPEN = frozenset({_S.CONFIRMED, _S.PARTIALLY_ISSUED})


def is_open(order: SalesOrder) -> bool:
    """Still to ship: confirmed or partially issued, or on hold after being confirmed."""
    return order.status in OPEN or (order.status is _S.ON_HOLD and order.held_from in OPEN)


def _figures(order: SalesOrder, line: OrderLine, issued: Decimal, returned: Decimal) -> OrderLineFigures:
    return OrderLineFigures(
        order_id=order.id, order_number=order.number, order_day=order.created_at.date(), status=str(order.status),
        branch_id=order.branch_id, customer_id=order.customer_id, currency=order.currency, line_id=line.id,
        position=line.position, product_id=line.product_id, sku=line.sku, ships=line.kind.ships,
        invoice_policy=str(line.invoice_policy), quantity=line.quantity, net=line.net,
        issued=issued, returned=returned)


def _key(figures: OrderLineFigures) -> tuple[date, str, int]:
    return figures.order_day, figures.order_number, figures.position


def open_lines_by_group(lines: Iterable[L], label: Callable[[L], str], today: date) -> list[OpenLinesGroup]:
    """Open lines summed by their group's code (`label`) and currency, each line's open value rounded first."""
    groups: dict[tuple[str, str], list[L]] = defaultdict(list)
    for line in lines:
        groups[(label(line), line.currency)].append(line)
    return [OpenLinesGroup(
        code=code, currency=currency, lines=len(members),
        late_lines=sum(1 for line in members if line.order_day < today),
        open_quantity=sum((open_quantity(line.quantity, line.issued) for line in members), Decimal(0)),
        open_value=sum((open_value(line.quantity, line.issued, line.net, currency) for line in members), Decimal(0)),
        first_day=min(line.order_day for line in members)) for (code, currency), members in groups.items()]


class InMemoryOrderFigures:
    _store: InMemoryStore

    def _orders(self, scope: OrdersFilter) -> Iterator[SalesOrder]:
        order: SalesOrder
        for order in self._store.load_all("sales_order"):
            if scope.branch_id in (None, order.branch_id) and scope.customer_id in (None, order.customer_id):
                yield order

    def _kept(self, scope: OrdersFilter) -> Callable[[str], bool]:
        return kept_products(self._store, scope.product_id, scope.category)

    def _open_lines(self, scope: OrdersFilter) -> list[OrderLineFigures]:
        kept = self._kept(scope)
        found = [_figures(order, line, line.quantity_issued, line.quantity_returned)
                 for order in self._orders(scope) if is_open(order) for line in order.lines
                 if line.kind.ships and line.quantity > line.quantity_issued and kept(line.product_id)]
        return sorted(found, key=_key)

    def open_order_lines(self, scope: OrdersFilter, limit: int) -> Sequence[OpenOrderLine]:
        customers, branches = self._label(BacklogKey.CUSTOMER), self._label(BacklogKey.BRANCH)
        return [OpenOrderLine(**asdict(line, recurse=False), customer_code=customers(line),
                              branch_code=branches(line)) for line in self._open_lines(scope)[:limit]]

    def open_order_groups(self, scope: OrdersFilter, key: BacklogKey, today: date) -> Sequence[OpenLinesGroup]:
        return open_lines_by_group(self._open_lines(scope), self._label(key), today)

    def _label(self, key: BacklogKey) -> Callable[[OrderLineFigures], str]:
        """The code of a line's group: its customer's code, its SKU, its branch's code, or "" for all."""
        if key is BacklogKey.CUSTOMER:
            customers = {customer.id: customer.code for customer in self._store.load_all("customer")}
            return lambda line: customers[line.customer_id]
        if key is BacklogKey.BRANCH:
            branches = {branch.id: branch.code for branch in self._store.load_all("branch")}
            return lambda line: branches[line.branch_id]
        return (lambda line: line.sku) if key is BacklogKey.PRODUCT else (lambda line: "")

    def booked_order_lines(self, first: date, end: date, scope: OrdersFilter, orders: int
                           ) -> Sequence[OrderLineFigures]:
        kept = self._kept(scope)
        chosen = sorted((order for order in self._orders(scope) if first <= order.created_at.date() < end
                         and is_booked(str(order.status), None if order.held_from is None else str(order.held_from))
                         and any(kept(line.product_id) for line in order.lines)),
                        key=lambda order: (order.created_at, order.id))[:orders]
        return self._progress(chosen, kept)

    def _progress(self, orders: list[SalesOrder], kept: Callable[[str], bool]) -> Sequence[OrderLineFigures]:
        billed = self._billed({order.id for order in orders})
        found = []
        for order in orders:
            # each child table summed on its own: goods issue lines, return receipts, invoice lines
            issued: dict[str, Decimal] = defaultdict(Decimal)
            returned: dict[str, Decimal] = defaultdict(Decimal)
            for issue in order.goods_issues:
                for issue_line in issue.lines:
                    issued[issue_line.line_id] += issue_line.quantity
            for authorisation in order.returns:
                returned[authorisation.line_id] += sum((r.quantity for r in authorisation.receipts), Decimal(0))
            for line in order.lines:
                if not kept(line.product_id):
                    continue
                quantity, amount = billed.get(line.id, (Decimal(0), Decimal(0)))
                found.append(evolve(_figures(order, line, issued[line.id], returned[line.id]),
                                    billed_quantity=quantity, billed_amount=amount))
        return sorted(found, key=_key)

    def _billed(self, order_ids: set[str]) -> dict[str, tuple[Decimal, Decimal]]:
        """Per order line: posted invoices' quantity and net, less posted credit notes'."""
        invoices: list[Invoice] = [i for i in self._store.load_all("invoice") if i.status is InvoiceStatus.POSTED]
        order_line_of: dict[str, str] = {}  # invoice line id -> order line id
        sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for invoice in invoices:
            if invoice.kind is InvoiceKind.INVOICE:
                for line in invoice.lines:
                    if line.source_document_id in order_ids:
                        order_line_of[line.id] = line.source_line_id
                        sums[line.source_line_id][0] += line.quantity
                        sums[line.source_line_id][1] += line.net
        for invoice in invoices:
            if invoice.kind is InvoiceKind.CREDIT_NOTE:
                for line in invoice.lines:
                    order_line = order_line_of.get(line.source_line_id)
                    if order_line is not None:
                        sums[order_line][0] -= line.quantity
                        sums[order_line][1] -= line.net
        return {line_id: (quantity, amount) for line_id, (quantity, amount) in sums.items()}

    def quotations_by_day(self, first: date, end: date, scope: OrdersFilter) -> Sequence[QuotationFigures]:
        sums: dict[tuple[date, str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        kept, filtered = self._kept(scope), scope.product_id is not None or scope.category is not None
        quotation: Quotation
        for quotation in self._store.load_all("quotation"):
            day = quotation.created_at.date()
            if not first <= day < end:
                continue
            if scope.branch_id not in (None, quotation.branch_id) \
                    or scope.customer_id not in (None, quotation.customer_id):
                continue
            if filtered and not any(kept(line.product_id) for line in quotation.lines):
                continue
            found = sums[(day, quotation.currency, str(quotation.status))]
            found[0] += 1
            found[1] += quotation.net_total
        return [QuotationFigures(day=day, currency=currency, status=status, count=int(count), net=net)
                for (day, currency, status), (count, net) in sorted(sums.items())]
