"""One database of oms: its engine, built once per process, and the units of work and listings that use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import define
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from oms.adapters.sql.engine import build_engine
from oms.adapters.sql.listings import SqlDocumentListing
from oms.adapters.sql.mapping import keep_list_order, start_mappers
from oms.adapters.sql.migrate import upgrade
from oms.adapters.sql.unit_of_work import SqlUnitOfWork
from oms.adapters.sql.versioning import bump_versions, forget_bumps
from oms.ports.unit_of_work import UnitOfWork

HELD = "oms_held"


def hold(session: Session, obj: object) -> None:
    """Keep every object a unit of work adds or loads alive until it ends, as the in-memory store does: the
    session's identity map holds them only weakly, and the commit still needs what they recorded (audit trail,
    events, stock movements) even when the code that changed them has let go of them."""
    session.info.setdefault(HELD, []).append(obj)


@define
class SqlDatabase:
    """Build with `SqlDatabase.from_url`; nothing connects until a unit of work or listing runs a statement."""

    engine: Engine
    session_factory: sessionmaker[Session]

    @classmethod
    def from_url(cls, url: str | URL, **engine_options: Any) -> SqlDatabase:
        """`engine_options` go to sqlalchemy.create_engine (pool_size, echo, ...)."""
        start_mappers()
        engine = build_engine(url, **engine_options)
        session_factory = sessionmaker(bind=engine, expire_on_commit=False)
        event.listen(session_factory, "transient_to_pending", hold)
        event.listen(session_factory, "loaded_as_persistent", hold)
        event.listen(session_factory, "before_flush", keep_list_order)
        event.listen(session_factory, "before_flush", bump_versions)
        event.listen(session_factory, "after_transaction_end", forget_bumps)
        return cls(engine, session_factory)

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.session_factory)

    def listings(self) -> SqlDocumentListing:
        return SqlDocumentListing(self.engine)

    def dispose(self) -> None:
        """Close the pooled connections (at shutdown, or in a child process after fork)."""
        self.engine.dispose()


def open_database(url: str | URL, *, migrate: bool = False, **engine_options: Any) -> SqlDatabase:
    """The database at `url`, first brought to the newest schema if `migrate` (the embedded default does so
    on every start: it costs a query once migrated)."""
    if migrate:
        upgrade(url)
    return SqlDatabase.from_url(url, **engine_options)


def create_uow_factory(url: str | URL, **engine_options: Any) -> Callable[[], UnitOfWork]:
    """A factory of units of work on the database at `url`, for `oms.bootstrap(uow_factory=...)`."""
    return SqlDatabase.from_url(url, **engine_options).unit_of_work
