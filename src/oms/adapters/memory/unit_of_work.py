"""The in-memory unit of work: works on copies, writes them back at commit or forgets them."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Self

from oms.adapters.memory.accounting import InMemoryAccountingBooks
from oms.adapters.memory.carts import InMemoryCartDocuments, InMemoryStockHoldRepository
from oms.adapters.memory.invoicing import InMemoryInvoicingDocuments
from oms.adapters.memory.masterdata import InMemoryMasterData
from oms.adapters.memory.planning import InMemoryPlanningBook
from oms.adapters.memory.procurement import InMemoryProcurementDocuments
from oms.adapters.memory.production import InMemoryProductionDocuments
from oms.adapters.memory.records import InMemoryEventOutbox, InMemoryRequestLog, InMemorySequenceRepository
from oms.adapters.memory.reports.data import InMemoryReportData
from oms.adapters.memory.repository import Session
from oms.adapters.memory.sales import InMemorySalesDocuments
from oms.adapters.memory.stock import InMemoryStockRepository
from oms.adapters.memory.store import InMemoryStore, write_back
from oms.adapters.memory.subscriptions import InMemorySubscriptionDocuments
from oms.adapters.memory.webhooks import InMemoryWebhookBook
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.levels import StockLevel, StockMovement


class InMemoryUnitOfWork:
    """A unit of work over an `InMemoryStore`; give two of them the same store to share data."""

    masterdata: InMemoryMasterData
    stock: InMemoryStockRepository
    stock_holds: InMemoryStockHoldRepository
    carts: InMemoryCartDocuments
    sales: InMemorySalesDocuments
    invoicing: InMemoryInvoicingDocuments
    procurement: InMemoryProcurementDocuments
    production: InMemoryProductionDocuments
    subscriptions: InMemorySubscriptionDocuments
    accounting: InMemoryAccountingBooks
    webhooks: InMemoryWebhookBook
    planning: InMemoryPlanningBook
    sequences: InMemorySequenceRepository
    outbox: InMemoryEventOutbox
    requests: InMemoryRequestLog
    reports: InMemoryReportData

    def __init__(self, store: InMemoryStore | None = None) -> None:
        self.store = store if store is not None else InMemoryStore()
        self._new_events: list[DomainEvent] = []
        self._begin()

    def _begin(self) -> None:
        self._session = session = Session(self.store)
        self.masterdata = InMemoryMasterData(session)
        self.stock = InMemoryStockRepository(session)
        self.stock_holds = InMemoryStockHoldRepository(session)
        self.carts = InMemoryCartDocuments(session)
        self.sales = InMemorySalesDocuments(session)
        self.invoicing = InMemoryInvoicingDocuments(session)
        self.procurement = InMemoryProcurementDocuments(session)
        self.production = InMemoryProductionDocuments(session)
        self.subscriptions = InMemorySubscriptionDocuments(session)
        self.accounting = InMemoryAccountingBooks(session)
        self.webhooks = InMemoryWebhookBook(session)
        self.planning = InMemoryPlanningBook(session)
        self.sequences = InMemorySequenceRepository(self.store)
        self.outbox = InMemoryEventOutbox(self.store)
        self.requests = InMemoryRequestLog(self.store)
        self.reports = InMemoryReportData(self.store)

    def reading(self) -> Self:
        return self

    def __enter__(self) -> Self:
        self._begin()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.requests.release()
        self.sequences.release()
        self._begin()

    def flush(self) -> None:
        """Give every changed aggregate its next version, once per transaction (as the SQL store's flush does)."""
        for item in self._session.tracked.values():
            if not item.bumped and item.changed():
                item.obj.version += 1
                item.bumped = True

    def flush_events(self) -> None:
        for item in self._session.tracked.values():
            pending = getattr(item.obj, "events", None)
            if pending:
                self.outbox.add(pending)
                pending.clear()

    def commit(self) -> None:
        self.flush()
        self.flush_events()
        tracked = list(self._session.tracked.values())
        movements: list[StockMovement] = []
        for item in tracked:
            if isinstance(item.obj, StockLevel):
                movements.extend(item.obj.new_movements)
                item.obj.new_movements.clear()
        write_back(self.store, tracked, movements, self.outbox.pending, self.requests.pending)
        self._new_events.extend(self.outbox.pending)
        self.sequences.commit()
        self.requests.release()
        self._begin()

    def pending_events(self) -> list[DomainEvent]:
        return [*self.outbox.pending, *(event for item in self._session.tracked.values()
                                        for event in getattr(item.obj, "events", None) or ())]

    def collect_new_events(self) -> Iterator[DomainEvent]:
        while self._new_events:
            yield self._new_events.pop(0)
