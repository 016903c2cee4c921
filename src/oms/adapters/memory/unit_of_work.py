"""The in-memory unit of work: works on copies, writes them back at commit or forgets them."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Self

from oms.adapters.memory.repositories import (
    InMemoryBranchRepository,
    InMemoryCustomerRepository,
    InMemoryEventOutbox,
    InMemoryProductRepository,
    InMemoryQuotationRepository,
    InMemoryRequestLog,
    InMemorySalesOrderRepository,
    InMemorySequenceRepository,
    InMemoryStockRepository,
    InMemoryTaxRateRepository,
    InMemoryWarehouseRepository,
    Session,
)
from oms.adapters.memory.store import InMemoryStore, write_back
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.levels import StockLevel, StockMovement
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


class InMemoryUnitOfWork:
    """A unit of work over an `InMemoryStore`; give two of them the same store to share data."""

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

    def __init__(self, store: InMemoryStore | None = None) -> None:
        self.store = store if store is not None else InMemoryStore()
        self._new_events: list[DomainEvent] = []
        self._begin()

    def _begin(self) -> None:
        self._session = Session(self.store)
        session = self._session
        self.products = InMemoryProductRepository(session)
        self.customers = InMemoryCustomerRepository(session)
        self.branches = InMemoryBranchRepository(session)
        self.warehouses = InMemoryWarehouseRepository(session)
        self.tax_rates = InMemoryTaxRateRepository(session)
        self.stock = InMemoryStockRepository(session)
        self.quotations = InMemoryQuotationRepository(session)
        self.sales_orders = InMemorySalesOrderRepository(session)
        self.sequences = InMemorySequenceRepository(session)
        self._outbox = InMemoryEventOutbox(session)
        self.outbox = self._outbox
        self._requests = InMemoryRequestLog(session)
        self.requests = self._requests

    def __enter__(self) -> Self:
        self._begin()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.rollback()

    def commit(self) -> None:
        tracked = list(self._session.tracked.values())
        events: list[DomainEvent] = []
        movements: list[StockMovement] = []
        for item in tracked:
            pending = getattr(item.obj, "events", None)
            if pending:
                events.extend(pending)
                pending.clear()
            if isinstance(item.obj, StockLevel):
                movements.extend(item.obj.new_movements)
                item.obj.new_movements.clear()
        self._outbox.add(events)
        write_back(self.store, tracked, movements, self._outbox.pending, self._requests.pending)
        self._new_events.extend(self._outbox.pending)
        self._begin()

    def rollback(self) -> None:
        self._begin()

    def collect_new_events(self) -> Iterator[DomainEvent]:
        while self._new_events:
            yield self._new_events.pop(0)
