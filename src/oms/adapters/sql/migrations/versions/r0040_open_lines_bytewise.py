"""The backlog's open order lines keyed by their order's id compared byte by byte on PostgreSQL (varchar_pattern_ops,
which serves equality too): its ~30,000 look-ups, one per open order, compared ids through the locale's strcoll.
SQLite compares text bytewise already: nothing changes there.

Revision ID: 0040
Revises: 0039
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0040"
down_revision: str | None = "0039"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TO_SHIP = "quantity > quantity_issued AND kind <> 'service'"
HOLDS = ["product_id", "sku", "quantity", "quantity_issued", "net"]


def _recreate(ops: dict[str, str]) -> None:
    op.drop_index("ix_order_lines_open", table_name="order_lines")
    op.create_index("ix_order_lines_open", "order_lines", ["sales_order_id", "position"], unique=False,
                    postgresql_ops=ops, postgresql_include=HOLDS, postgresql_where=sa.text(TO_SHIP))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _recreate({"sales_order_id": "varchar_pattern_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _recreate({})
