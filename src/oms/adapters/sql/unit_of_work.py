"""The SQL unit of work: one transaction, the repositories of every context on it, and the commit that writes back.

Errors come out as the domain's: a concurrent update or a deadlock as ConcurrencyConflict (safe to retry), a
duplicate natural key as AlreadyExists, a store held by another writer for too long as StoreBusy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from oms.adapters.sql.accounting.repositories import SqlAccountingBooks
from oms.adapters.sql.carts.repositories import SqlCartDocuments
from oms.adapters.sql.invoicing.repositories import SqlInvoicingDocuments
from oms.adapters.sql.masterdata.repositories import SqlMasterData
from oms.adapters.sql.procurement.planning import SqlPlanningBook
from oms.adapters.sql.procurement.repositories import SqlProcurementDocuments
from oms.adapters.sql.production.repositories import SqlProductionDocuments
from oms.adapters.sql.reports.data import SqlReportData
from oms.adapters.sql.sales.repositories import SqlSalesDocuments
from oms.adapters.sql.shared.errors import translate
from oms.adapters.sql.shared.outbox import SqlEventOutbox
from oms.adapters.sql.shared.requests import SqlRequestLog
from oms.adapters.sql.shared.sequences import SqlSequenceRepository
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.shared.transaction import Transaction
from oms.adapters.sql.stock.holds import SqlStockHoldRepository
from oms.adapters.sql.stock.repositories import SqlStockRepository
from oms.adapters.sql.subscriptions.repositories import SqlSubscriptionDocuments
from oms.adapters.sql.webhooks.repositories import SqlWebhookBook
from oms.domain.shared.errors import DomainError
from oms.domain.shared.events import DomainEvent

if TYPE_CHECKING:
    from oms.adapters.sql.database import SqlDatabase

R = TypeVar("R")


class _Repositories(Generic[R]):
    """A context's repositories on a unit of work: made on first use in each transaction, on its session (a
    command uses two or three contexts of the twelve; making them all cost a fiftieth of an order's placement)."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, uow: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, uow: SqlUnitOfWork, owner: type[Any]) -> R: ...
    def __get__(self, uow: SqlUnitOfWork | None, owner: type[Any]) -> Self | R:
        if uow is None:
            return self
        made = uow._repositories
        found: R | None = made.get(self._name)
        if found is None:
            assert uow._session is not None, "use the unit of work inside `with uow:`"
            found = made[self._name] = self._make(uow._session)
        return found


class SqlUnitOfWork:
    """A unit of work on a database; make one per command from `SqlDatabase.unit_of_work`. Nothing connects
    until it is entered."""

    masterdata = _Repositories(SqlMasterData)
    stock = _Repositories(SqlStockRepository)
    stock_holds = _Repositories(SqlStockHoldRepository)
    carts = _Repositories(SqlCartDocuments)
    sales = _Repositories(SqlSalesDocuments)
    invoicing = _Repositories(SqlInvoicingDocuments)
    procurement = _Repositories(SqlProcurementDocuments)
    production = _Repositories(SqlProductionDocuments)
    subscriptions = _Repositories(SqlSubscriptionDocuments)
    accounting = _Repositories(SqlAccountingBooks)
    webhooks = _Repositories(SqlWebhookBook)
    planning = _Repositories(SqlPlanningBook)
    sequences: SqlSequenceRepository
    _numbers: SqlSequenceRepository  # the same, for the commit (a test may wrap `sequences`)
    outbox: SqlEventOutbox
    requests: SqlRequestLog
    reports: SqlReportData

    def __init__(self, database: SqlDatabase) -> None:
        self._database = database
        self._read_only = False
        self._transaction: Transaction | None = None
        self._session: Session | None = None
        self._new_events: list[DomainEvent] = []
        self._flushed_events: list[DomainEvent] = []  # written to the outbox in this transaction, for the bus after it
        self._repositories: dict[str, Any] = {}  # each context's, made on first use in this transaction

    @property
    def database(self) -> SqlDatabase:
        """The database this unit of work opens its transactions on (for what reads it outside a command)."""
        return self._database

    @property
    def session(self) -> Session | None:
        """What this unit of work holds, while it is entered (for tests and tools that add declared aggregates)."""
        return self._session

    def reading(self) -> Self:
        self._read_only = True
        return self

    def __enter__(self) -> Self:
        database = self._database
        self._transaction = Transaction(database.connections, database.compiler, self._translate,
                                        read_only=self._read_only, traffic=database.traffic,
                                        writers=database.writers)
        self._session = Session(self._transaction, database.write_ranks, database.cache, database.watch,
                                database.snapshots)
        self._flushed_events = []
        self._repositories = {}
        self.sequences = self._numbers = SqlSequenceRepository(self._transaction)
        self.outbox = SqlEventOutbox(self._transaction)
        self.requests = SqlRequestLog(self._transaction)
        self.reports = SqlReportData(self._transaction)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._end()

    def flush(self) -> None:
        assert self._session is not None, "use the unit of work inside `with uow:`"
        self._session.flush()

    def flush_events(self) -> None:
        assert self._session is not None, "use the unit of work inside `with uow:`"
        events = self._session.take_events()
        if events:
            self.outbox.add(events)  # queued: sent with the next statement
            self._flushed_events.extend(events)

    def commit(self) -> None:
        session, transaction = self._session, self._transaction
        assert session is not None, "use the unit of work inside `with uow:`"
        assert transaction is not None
        session.flush()
        self._numbers.give_back()  # the numbers reserved and not taken, of series that stay gapless
        self.flush_events()
        transaction.commit()
        session.remember_committed()
        if session.raised is not None and self._database.watch is not None:
            self._database.watch.heard(*session.raised)
        self._new_events.extend(self._flushed_events)
        self._flushed_events = []

    def pending_events(self) -> list[DomainEvent]:
        assert self._session is not None, "use the unit of work inside `with uow:`"
        return [*self._flushed_events, *self._session.peek_events()]

    def collect_new_events(self) -> Iterator[DomainEvent]:
        while self._new_events:
            yield self._new_events.pop(0)

    def _end(self) -> None:
        if self._transaction is not None:
            self._transaction.close()
        self._transaction = None
        self._read_only = False

    def _translate(self, error: Exception) -> DomainError | None:
        pending: dict[str, str] = {}
        if self._session is not None:
            for tracked in self._session.tracked:
                natural = tracked.aggregate.natural_key_of(tracked.obj)
                if tracked.created and natural is not None and tracked.aggregate.root.table.name not in pending:
                    pending[tracked.aggregate.root.table.name] = natural
        return translate(error, self._database.natural_keys, pending)
