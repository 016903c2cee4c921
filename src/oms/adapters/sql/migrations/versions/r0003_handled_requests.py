"""Handled requests: the result of each request made with an Idempotency-Key, written with the command's work.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handled_requests",
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_handled_requests")),
    )
    op.create_index(op.f("ix_handled_requests_handled_at"), "handled_requests", ["handled_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_handled_requests_handled_at"), table_name="handled_requests")
    op.drop_table("handled_requests")
