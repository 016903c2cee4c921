"""The audit trail of documents: an append-only table per document type, read after loading and appended at commit.

StatusChange is a frozen value, so it is not a mapped entity: the trail is read into `history` when a document is
loaded, and the entries added since are inserted when the unit of work commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

from sqlalchemy import Table, insert, inspect, select
from sqlalchemy.orm import Session

from oms.adapters.sql.document_tables import quotation_history, sales_order_history
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.lifecycle import StatusChange

TABLES: dict[type[Any], Table] = {Quotation: quotation_history, SalesOrder: sales_order_history}
SAVED = "oms_history_saved"  # key in the instance state's info: how many entries the table holds
CHUNK = 500


def attach_history(session: Session, documents: Iterable[Any]) -> None:
    """Read the trail of each document whose trail this session has not read yet."""
    todo = [doc for doc in documents if type(doc) in TABLES and SAVED not in inspect(doc).info]
    for cls, table in TABLES.items():
        mine = {doc.id: doc for doc in todo if type(doc) is cls}
        ids = sorted(mine)
        found: dict[str, list[StatusChange]] = {}
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(table).where(table.c.document_id.in_(ids[start:start + CHUNK]))
                .order_by(table.c.document_id, table.c.position)
            ).all()
            for document_id, group in groupby(rows, key=lambda row: row.document_id):
                found[document_id] = [StatusChange(at=row.at, actor=row.actor, from_status=row.from_status,
                                                   to_status=row.to_status, reason=row.reason) for row in group]
        for document_id, doc in mine.items():
            doc.history = found.get(document_id, [])
            inspect(doc).info[SAVED] = len(doc.history)


def append_history(session: Session, documents: Sequence[Any]) -> None:
    """Insert the entries added to each document's trail since it was read (or all of a new document's)."""
    for doc in documents:
        table = TABLES.get(type(doc))
        if table is None:
            continue
        info = inspect(doc).info
        saved = info.get(SAVED, 0)
        added = doc.history[saved:]
        if added:
            session.execute(insert(table), [
                {"document_id": doc.id, "position": position, "at": change.at, "actor": change.actor,
                 "from_status": change.from_status, "to_status": change.to_status, "reason": change.reason}
                for position, change in enumerate(added, start=saved)
            ])
        info[SAVED] = len(doc.history)
