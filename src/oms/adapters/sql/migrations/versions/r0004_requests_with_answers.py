"""Handled requests keep their answers: the fingerprint of the request and when its key expires, so one table (in
the command's transaction) replaces the separate idempotency keys.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # The results recorded by the previous version are in another form, and its HTTP answers lived in the dropped
    # table: they are forgotten (an upgrade runs while the servers are stopped, so no retry is waiting on them).
    op.execute("DELETE FROM handled_requests")
    op.drop_index(op.f("ix_handled_requests_handled_at"), table_name="handled_requests")
    with op.batch_alter_table("handled_requests") as table:
        table.add_column(sa.Column("fingerprint", sa.String(length=128), nullable=False, server_default=""))
        table.add_column(sa.Column("expires_at", TIMESTAMP, nullable=False,
                                   server_default=sa.text("'1970-01-01 00:00:00'")))
    with op.batch_alter_table("handled_requests") as table:
        table.alter_column("fingerprint", server_default=None)
        table.alter_column("expires_at", server_default=None)
    op.create_index(op.f("ix_handled_requests_expires_at"), "handled_requests", ["expires_at"], unique=False)
    op.drop_index(op.f("ix_idempotency_keys_expires_at"), table_name="idempotency_keys")
    op.drop_table("idempotency_keys")


def downgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("fingerprint", sa.String(length=128), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=200), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("location", sa.String(length=2000), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(op.f("ix_idempotency_keys_expires_at"), "idempotency_keys", ["expires_at"], unique=False)
    op.drop_index(op.f("ix_handled_requests_expires_at"), table_name="handled_requests")
    with op.batch_alter_table("handled_requests") as table:
        table.drop_column("expires_at")
        table.drop_column("fingerprint")
    op.create_index(op.f("ix_handled_requests_handled_at"), "handled_requests", ["handled_at"], unique=False)
