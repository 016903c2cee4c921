"""The unit of work: one transaction around one command, and the aggregates it touched."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Protocol, Self

from oms.domain.shared.events import DomainEvent
from oms.ports.masterdata.repositories import (
    BranchRepository,
    CustomerRepository,
    ProductRepository,
    TaxRateRepository,
    WarehouseRepository,
)
from oms.ports.sales.repositories import QuotationRepository, SalesOrderRepository
from oms.ports.shared.repositories import EventOutbox, RequestLog, SequenceRepository
from oms.ports.stock.repositories import StockRepository


class UnitOfWork(Protocol):
    """Use as `with uow: ...; uow.commit()`. Leaving the block without commit rolls everything back.

    `commit` writes the events the touched aggregates recorded to the outbox in the same transaction;
    `collect_new_events` hands them to the message bus afterwards.
    """

    products: ProductRepository
    customers: CustomerRepository
    branches: BranchRepository
    warehouses: WarehouseRepository
    tax_rates: TaxRateRepository
    stock: StockRepository
    quotations: QuotationRepository
    sales_orders: SalesOrderRepository
    sequences: SequenceRepository
    outbox: EventOutbox
    requests: RequestLog

    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def collect_new_events(self) -> Iterator[DomainEvent]: ...
