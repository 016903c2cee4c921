"""One database of oms: its engine and compiled statements, built once per process, the declarations of every
aggregate (checked when the database is opened), and the units of work and listings that use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import define, field
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from oms.adapters.sql.accounting.repositories import AGGREGATES as ACCOUNTING
from oms.adapters.sql.carts.repositories import AGGREGATES as CARTS
from oms.adapters.sql.invoicing.bill_listings import LISTINGS as BILL_LISTINGS
from oms.adapters.sql.invoicing.listings import LISTINGS as INVOICING_LISTINGS
from oms.adapters.sql.invoicing.repositories import AGGREGATES as INVOICING
from oms.adapters.sql.masterdata.listings import LISTINGS as MASTER_DATA_LISTINGS
from oms.adapters.sql.masterdata.repositories import AGGREGATES as MASTER_DATA
from oms.adapters.sql.procurement.listings import LISTINGS as PROCUREMENT_LISTINGS
from oms.adapters.sql.procurement.planning import AGGREGATES as PLANNING
from oms.adapters.sql.procurement.repositories import AGGREGATES as PROCUREMENT
from oms.adapters.sql.procurement.rfq_repositories import AGGREGATES as RFQS
from oms.adapters.sql.production.listings import LISTINGS as PRODUCTION_LISTINGS
from oms.adapters.sql.production.repositories import AGGREGATES as PRODUCTION
from oms.adapters.sql.sales.listings import LISTINGS as SALES_LISTINGS
from oms.adapters.sql.sales.repositories import AGGREGATES as SALES
from oms.adapters.sql.shared.cache import AggregateCache
from oms.adapters.sql.shared.changes import MASTER_DATA as MASTER_DATA_TOPIC
from oms.adapters.sql.shared.changes import ChangeWatch
from oms.adapters.sql.shared.connections import ConnectionShelf
from oms.adapters.sql.shared.engine import BUSY_TIMEOUT_MS, build_engine
from oms.adapters.sql.shared.listings import SqlListings
from oms.adapters.sql.shared.mapping import Aggregate, check
from oms.adapters.sql.shared.migrate import upgrade
from oms.adapters.sql.shared.session import write_ranks
from oms.adapters.sql.shared.snapshots import DocumentSnapshots
from oms.adapters.sql.shared.statements import Compiler
from oms.adapters.sql.shared.transaction import Traffic
from oms.adapters.sql.shared.writers import WriterTurns
from oms.adapters.sql.stock.holds import AGGREGATES as STOCK_HOLDS
from oms.adapters.sql.stock.listings import LISTINGS as STOCK_LISTINGS
from oms.adapters.sql.stock.repositories import AGGREGATES as STOCK
from oms.adapters.sql.subscriptions.listings import LISTINGS as SUBSCRIPTION_LISTINGS
from oms.adapters.sql.subscriptions.repositories import AGGREGATES as SUBSCRIPTIONS
from oms.adapters.sql.unit_of_work import SqlUnitOfWork
from oms.adapters.sql.webhooks.repositories import AGGREGATES as WEBHOOKS
from oms.ports.unit_of_work import UnitOfWork

# Every aggregate, in the order their rows are written (what others refer to first).
AGGREGATES: tuple[Aggregate, ...] = (*MASTER_DATA, *STOCK, *STOCK_HOLDS, *CARTS, *SALES, *INVOICING, *ACCOUNTING,
                                      *WEBHOOKS, *PROCUREMENT, *RFQS, *PLANNING, *PRODUCTION, *SUBSCRIPTIONS)


def check_declarations(aggregates: tuple[Aggregate, ...] = AGGREGATES) -> None:
    """Fail loudly, at start-up, on a declaration that misses an attribute or a column, or names a kind twice."""
    kinds = [aggregate.kind for aggregate in aggregates]
    if len(set(kinds)) != len(kinds):
        raise TypeError(f"two aggregates share a kind: {sorted(kinds)}")
    for aggregate in aggregates:
        check(aggregate)


@define
class SqlDatabase:
    """Build with `SqlDatabase.from_url`; nothing connects until a unit of work or listing runs a statement."""

    engine: Engine
    compiler: Compiler
    aggregates: tuple[Aggregate, ...] = AGGREGATES
    watch: ChangeWatch | None = None
    cache: AggregateCache | None = None
    traffic: Traffic = field(factory=Traffic)  # what its units of work sent it (see Traffic)
    writers: WriterTurns | None = None  # SQLite: the turns of this process's writing transactions
    snapshots: DocumentSnapshots | None = None  # SQLite, caching: its documents as this process committed them
    connections: ConnectionShelf = field(init=False)  # what its units of work run on (see connections.py)
    write_ranks: dict[str, int] = field(init=False)  # the aggregates' order, by kind (see Session)

    def __attrs_post_init__(self) -> None:
        self.connections = ConnectionShelf(self.engine)
        self.write_ranks = write_ranks(self.aggregates)

    @classmethod
    def from_url(cls, url: str | URL, *, cache: bool = False, **engine_options: Any) -> SqlDatabase:
        """`cache`: keep master data in memory between units of work, checked against its change counter, and on
        SQLite the rows of the documents this process committed, checked against their version (for a
        long-running process: a server); `engine_options` go to sqlalchemy.create_engine (pool_size, echo, ...)."""
        check_declarations()
        engine = build_engine(url, **engine_options)
        watch = ChangeWatch(engine, listen=cache)
        writers = None
        if engine.dialect.name == "sqlite":
            writers = WriterTurns(engine_options.get("sqlite_busy_timeout_ms", BUSY_TIMEOUT_MS) / 1000)
        return cls(engine, Compiler(engine), watch=watch, cache=AggregateCache(MASTER_DATA_TOPIC) if cache else None,
                   writers=writers, snapshots=DocumentSnapshots() if cache and writers is not None else None)

    @property
    def natural_keys(self) -> dict[str, tuple[str, str]]:
        """table -> (the kind errors name, its natural-key column), for the error translation."""
        return {a.root.table.name: (a.kind, a.natural_key) for a in self.aggregates if a.natural_key is not None}

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self)

    def listings(self) -> SqlListings:
        return SqlListings(self.engine, (*MASTER_DATA_LISTINGS, *STOCK_LISTINGS, *SALES_LISTINGS,
                                         *INVOICING_LISTINGS, *BILL_LISTINGS, *PROCUREMENT_LISTINGS,
                                         *PRODUCTION_LISTINGS, *SUBSCRIPTION_LISTINGS))

    def dispose(self) -> None:
        """Close the pooled connections (at shutdown, or in a child process after fork)."""
        if self.watch is not None:
            self.watch.stop()
        self.connections.close()
        self.engine.dispose()


def open_database(url: str | URL, *, migrate: bool = False, cache: bool = False,
                  **engine_options: Any) -> SqlDatabase:
    """The database at `url`, first brought to the newest schema if `migrate` (the embedded default does so
    on every start: it costs a query once migrated); `cache` as for `SqlDatabase.from_url`."""
    if migrate:
        upgrade(url)
    return SqlDatabase.from_url(url, cache=cache, **engine_options)


def create_uow_factory(url: str | URL, **engine_options: Any) -> Callable[[], UnitOfWork]:
    """A factory of units of work on the database at `url`, for `oms.bootstrap(uow_factory=...)`."""
    return SqlDatabase.from_url(url, **engine_options).unit_of_work
