"""A branch's price tolerance for its vendor bills' 3-way match (a percentage of the order's unit price): the 2% that
was a constant, kept for every branch that has settings already.

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")


def upgrade() -> None:
    op.add_column("procurement_settings", sa.Column("price_tolerance_percent", EXACT, nullable=False,
                                                    server_default="2"))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("procurement_settings", "price_tolerance_percent", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("procurement_settings") as batch:
        batch.drop_column("price_tolerance_percent")
