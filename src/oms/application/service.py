"""The facade other Python code embeds: send commands, read documents, stock and events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from attrs import define

from oms.application.sales import queries as sales_queries
from oms.application.shared import queries as shared_queries
from oms.application.shared.commands import Command
from oms.application.shared.messagebus import MessageBus
from oms.application.stock import queries as stock_queries
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.unit_of_work import UnitOfWork

R = TypeVar("R")


@define
class OrderManagement:
    """What `oms.bootstrap()` returns. Documents come back as detached copies: change them through commands."""

    bus: MessageBus
    uow_factory: Callable[[], UnitOfWork]

    def handle(self, command: Command[R], request_key: str | None = None) -> R:
        """Run one command in one transaction; raises the domain's error if it is refused.

        With a `request_key` (e.g. an HTTP Idempotency-Key) the command runs at most once for that key: its result
        is recorded in its own transaction, and a retry gets that result instead of a second run."""
        return self.bus.handle(command, request_key)

    def quotation(self, ref: str) -> Quotation:
        """A quotation by id or number."""
        return sales_queries.get_quotation(self.uow_factory(), ref)

    def sales_order(self, ref: str) -> SalesOrder:
        """A sales order by id or number."""
        return sales_queries.get_sales_order(self.uow_factory(), ref)

    def stock(self, sku: str) -> list[StockLevel]:
        """The product's stock level in every warehouse that has one."""
        return stock_queries.stock_of(self.uow_factory(), sku)

    def movements(self, sku: str | None = None, warehouse_code: str | None = None) -> Sequence[StockMovement]:
        return stock_queries.movements_of(self.uow_factory(), sku, warehouse_code)

    def events(self, aggregate_id: str) -> Sequence[DomainEvent]:
        """The events a document raised, oldest first."""
        return shared_queries.events_of(self.uow_factory(), aggregate_id)
