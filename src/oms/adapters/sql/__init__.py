"""SQL adapters: SQLAlchemy 2 with imperative mapping, on SQLite (embedded default) or PostgreSQL.

    from oms.adapters.sql import open_database
    database = open_database("sqlite:///oms.db", migrate=True)   # migrate: apply the packaged migrations
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    listings = database.listings()                               # oms.ports.listings.DocumentListing
"""

from oms.adapters.sql.database import SqlDatabase, create_uow_factory, open_database
from oms.adapters.sql.engine import is_sqlite
from oms.adapters.sql.listings import SqlDocumentListing
from oms.adapters.sql.migrate import current_revision, head_revision, upgrade
from oms.adapters.sql.unit_of_work import SqlUnitOfWork

__all__ = [
    "SqlDatabase", "SqlDocumentListing", "SqlUnitOfWork", "create_uow_factory", "current_revision",
    "head_revision", "is_sqlite", "open_database", "upgrade",
]
