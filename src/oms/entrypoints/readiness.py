"""Whether a running oms can serve: its database answers and is at the newest migration (`/readyz`, and the check
`oms serve`, `oms scheduler` and the WSGI factory make before they start)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from sqlalchemy import Engine

UPGRADE = "run `oms db upgrade`"


class DatabaseNotReady(Exception):
    """The database cannot serve this oms: not migrated, or at another revision than this oms ships."""


@frozen(kw_only=True)
class DatabaseState:
    """`backend` is memory, sqlite or postgresql; `revision` the migration the database is at and `head` the newest
    this oms ships (both None in memory)."""

    backend: str
    revision: str | None = None
    head: str | None = None

    @property
    def problem(self) -> str | None:
        """Why the database cannot serve, in one line that says what to do; None when it can."""
        if self.revision == self.head:
            return None
        if self.revision is None:
            return f"the database is not migrated (this oms needs revision {self.head}): {UPGRADE}"
        return f"the database is at revision {self.revision}, this oms needs {self.head}: {UPGRADE}"

    def require_ready(self) -> DatabaseState:
        problem = self.problem
        if problem is not None:
            raise DatabaseNotReady(problem)
        return self


Probe = Callable[[], DatabaseState]


def one_line(error: BaseException) -> str:
    """The error's class and the first line of its message (for a database error, the driver's own message)."""
    message = str(getattr(error, "orig", None) or error).strip()
    return f"{type(error).__name__}: {message.splitlines()[0] if message else 'no detail'}"


def in_memory() -> DatabaseState:
    """Kept in memory: always ready."""
    return DatabaseState(backend="memory")


def sql_probe(engine: Engine) -> Probe:
    """Reads the database's revision on a pooled connection (raising if the database does not answer); the newest
    revision is read from the packaged migrations once."""
    from oms.adapters.sql.shared.engine import READ_ONLY
    from oms.adapters.sql.shared.migrate import head_revision, revision_of

    head = head_revision()

    def probe() -> DatabaseState:
        with engine.connect() as connection:
            # A read-only transaction: on SQLite it does not take the write lock as a unit of work does.
            revision = revision_of(connection.execution_options(**{READ_ONLY: True}))
        return DatabaseState(backend=engine.dialect.name, revision=revision, head=head)

    return probe
