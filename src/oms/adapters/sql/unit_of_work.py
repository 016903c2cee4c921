"""The SQL unit of work: one session and one transaction per `with uow:` block, with the memory one's semantics.

`commit` writes the changed aggregates, the audit trail entries and stock movements they added, and the events they
recorded (to the outbox), in one transaction; then `collect_new_events` hands those events out. Leaving the block
without commit rolls back. Errors come out as the domain's: a concurrent change, a deadlock or a lock timeout as
ConcurrencyConflict (safe to retry), a duplicate natural key as AlreadyExists.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from oms.adapters.sql.errors import is_retryable, translate_integrity_error
from oms.adapters.sql.history import append_history
from oms.adapters.sql.outbox import SqlEventOutbox
from oms.adapters.sql.repositories import (
    SqlBranchRepository,
    SqlCustomerRepository,
    SqlProductRepository,
    SqlQuotationRepository,
    SqlSalesOrderRepository,
    SqlTaxRateRepository,
    SqlWarehouseRepository,
)
from oms.adapters.sql.requests import SqlRequestLog
from oms.adapters.sql.stock import SqlSequenceRepository, SqlStockRepository, write_movements
from oms.domain.shared.errors import ConcurrencyConflict, DomainError
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


class SqlUnitOfWork:
    """A unit of work on a database; make one per command from `SqlDatabase.unit_of_work`."""

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

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._new_events: list[DomainEvent] = []
        self._begin()

    def _begin(self) -> None:
        self.session = session = self._session_factory()
        self.products = SqlProductRepository(session)
        self.customers = SqlCustomerRepository(session)
        self.branches = SqlBranchRepository(session)
        self.warehouses = SqlWarehouseRepository(session)
        self.tax_rates = SqlTaxRateRepository(session)
        self.stock = SqlStockRepository(session)
        self.quotations = SqlQuotationRepository(session)
        self.sales_orders = SqlSalesOrderRepository(session)
        self.sequences = SqlSequenceRepository(session)
        self._outbox = SqlEventOutbox(session)
        self.outbox = self._outbox
        self.requests = SqlRequestLog(session)

    def __enter__(self) -> Self:
        self.session.close()
        self._begin()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        pending = list(self.session.new)
        self.rollback()
        if exc is not None and not isinstance(exc, DomainError):
            translated = _translate(exc, pending)
            if translated is not None:
                raise translated from exc

    def commit(self) -> None:
        session = self.session
        pending = list(session.new)
        touched: list[Any] = [*pending, *session.identity_map.values()]
        try:
            session.flush()
            append_history(session, touched)
            movements, events = _take_recorded(touched)
            write_movements(session, movements)
            self._outbox.add(events)
            session.commit()
        except Exception as error:
            translated = _translate(error, pending)
            if translated is None:
                raise
            raise translated from error
        finally:
            session.close()
            self._begin()
        self._new_events.extend(events)

    def rollback(self) -> None:
        # close() rolls the transaction back and detaches the objects without expiring them (rollback() would):
        # what a query returned stays readable after the block, as the in-memory adapter's copies do.
        self.session.close()
        self._begin()

    def collect_new_events(self) -> Iterator[DomainEvent]:
        while self._new_events:
            yield self._new_events.pop(0)


def _take_recorded(touched: list[Any]) -> tuple[list[StockMovement], list[DomainEvent]]:
    """The movements and events the touched aggregates recorded, which they no longer hold afterwards."""
    movements: list[StockMovement] = []
    events: list[DomainEvent] = []
    for obj in touched:
        recorded = getattr(obj, "events", None)
        if recorded:
            events.extend(recorded)
            recorded.clear()
        if isinstance(obj, StockLevel):
            movements.extend(obj.new_movements)
            obj.new_movements.clear()
    return movements, events


def _translate(error: BaseException, pending: list[Any]) -> DomainError | None:
    if isinstance(error, StaleDataError):
        return ConcurrencyConflict(f"changed by another transaction meanwhile: {error}")
    if isinstance(error, IntegrityError):
        return translate_integrity_error(error, pending)
    if is_retryable(error):
        return ConcurrencyConflict(f"the database asked to retry: {error}")
    return None
