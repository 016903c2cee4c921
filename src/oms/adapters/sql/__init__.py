"""SQL adapters: SQLite (embedded default) or PostgreSQL, one declaration per aggregate, statements compiled once.

    from oms.adapters.sql import open_database
    database = open_database("sqlite:///oms.db", migrate=True)   # migrate: apply the packaged migrations
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    listings = database.listings()

Layout: `shared/` holds what every context's storage uses (engine, column types, declarations and the session that
loads and writes aggregates, sequences, outbox, handled requests, listings, migrations); each context has its
`tables` and `repositories` (the declarations of its aggregates); `database.py` and `unit_of_work.py` put them
together.
"""

from oms.adapters.sql.database import SqlDatabase, create_uow_factory, open_database
from oms.adapters.sql.shared.engine import is_sqlite
from oms.adapters.sql.shared.listings import SqlListings
from oms.adapters.sql.shared.migrate import current_revision, head_revision, upgrade
from oms.adapters.sql.unit_of_work import SqlUnitOfWork

__all__ = [
    "SqlDatabase", "SqlListings", "SqlUnitOfWork", "create_uow_factory", "current_revision",
    "head_revision", "is_sqlite", "open_database", "upgrade",
]
