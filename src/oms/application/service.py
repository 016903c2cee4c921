"""The facade other Python code embeds: send commands, read documents, stock and events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec, TypeVar

from attrs import define

from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import InvoiceView
from oms.application.messagebus import Answer, MessageBus
from oms.application.reports.catalogue import run_report
from oms.application.reports.requests import ReportRequest
from oms.application.sales import queries as sales_queries
from oms.application.shared import queries as shared_queries
from oms.application.shared.commands import Command
from oms.application.shared.requests import Request
from oms.application.stock import queries as stock_queries
from oms.domain.reports.tables import ReportTable
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import DomainError
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

R = TypeVar("R")
A = TypeVar("A")
P = ParamSpec("P")


@define
class OrderManagement:
    """What `oms.bootstrap()` returns. Documents come back as detached copies: change them through commands."""

    bus: MessageBus
    uow_factory: UnitOfWorkFactory

    def handle(self, command: Command[R], request_key: str | None = None) -> R:
        """Run one command in one transaction; raises the domain's error if it is refused.

        With a `request_key` (e.g. an HTTP Idempotency-Key) the command runs at most once for that key: its result
        is recorded in its own transaction, and a retry gets that result instead of a second run."""
        return self.bus.handle(command, request_key)

    def answer(self, command: Command[R], respond: Answer[R, A], *, request: Request | None = None,
               refusal: Callable[[DomainError], A] | None = None) -> A:
        """Run one command and answer with `respond(uow, result)`, read in the command's own transaction from the
        aggregates it holds (an entrypoint renders its answer there); with a `request`, at most once per key, a retry
        getting the recorded answer (see `MessageBus.answer`)."""
        return self.bus.answer(command, respond, request=request, refusal=refusal)

    def read(self, query: Callable[Concatenate[UnitOfWork, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a read (a query function of the application) in a transaction that only reads."""
        uow = self.uow_factory()
        with uow.reading():
            return query(uow, *args, **kwargs)

    def report(self, name: str, request: ReportRequest | None = None) -> ReportTable:
        """The report `name` (see `oms.report_catalogue()`) for `request` (default: its default period, grouping
        and basis, unfiltered), with today from the clock."""
        return self.read(run_report, name, request or ReportRequest(), self.bus.clock.now().date())

    def quotation(self, ref: DocumentRef) -> Quotation:
        """A quotation by id or number."""
        return self.read(sales_queries.get_quotation, ref)

    def sales_order(self, ref: DocumentRef) -> SalesOrder:
        """A sales order by id or number."""
        return self.read(sales_queries.get_sales_order, ref)

    def invoice(self, ref: DocumentRef) -> InvoiceView:
        """An invoice or credit note by id or number, with what it still owes today (residual, overdue)."""
        return self.read(show_invoice, ref, self.bus.clock.now().date())

    def stock(self, sku: str) -> list[StockLevel]:
        """The product's stock level in every warehouse that has one."""
        return self.read(stock_queries.stock_of, sku)

    def movements(self, sku: str | None = None, warehouse_code: str | None = None) -> Sequence[StockMovement]:
        return self.read(stock_queries.movements_of, sku, warehouse_code)

    def events(self, aggregate_id: str) -> Sequence[DomainEvent]:
        """The events a document raised, oldest first."""
        return self.read(shared_queries.events_of, aggregate_id)


