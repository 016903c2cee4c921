"""The overview's worklists: partial indexes by (created_at, id) of the open quotations (draft, sent) and of the orders
open to issue (confirmed, partially issued, or on hold after either), so that each worklist reads its first rows
through what is open rather than through every document since the first.

Revision ID: 0038
Revises: 0037
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = {
    "quotations": "status IN ('draft', 'sent')",
    "sales_orders": "status IN ('confirmed', 'partially_issued') OR (status = 'on_hold' AND held_from IN "
                    "('confirmed', 'partially_issued'))",
}


def upgrade() -> None:
    for table, condition in OPEN.items():
        op.create_index(f"ix_{table}_open_created", table, ["created_at", "id"],
                        postgresql_where=sa.text(condition), sqlite_where=sa.text(condition))


def downgrade() -> None:
    for table in OPEN:
        op.drop_index(f"ix_{table}_open_created", table_name=table)
