"""Charging subscriptions: a subscription's payment method (the provider's token), the recurring price each billing
record leaves in effect (what MRR is computed from), and the attempts at charging subscription invoices, unique by
(invoice, attempt) so that no attempt is claimed twice, whatever claims it.

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
STATUS = sa.String(length=32)


def upgrade() -> None:
    op.add_column("subscriptions", sa.Column("payment_method", sa.Text(), nullable=True))
    op.add_column("subscription_billing", sa.Column("recurring", EXACT, nullable=True))
    op.create_index("ix_subscription_billing_invoice_id", "subscription_billing", ["invoice_id"])
    op.create_index("ix_subscription_billing_at", "subscription_billing", ["at", "id"])
    op.create_table(
        "subscription_charges",
        sa.Column("id", ID, nullable=False),
        sa.Column("subscription_id", ID, nullable=False),
        sa.Column("invoice_id", ID, nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("retry", sa.Integer(), nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payer", sa.Text(), nullable=False),
        sa.Column("claimed_at", TIMESTAMP, nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("outcome", STATUS, nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscriptions.id"],
                                name=op.f("fk_subscription_charges_subscription_id_subscriptions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription_charges")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_subscription_charges_idempotency_key")),
        sa.CheckConstraint("attempt >= 0 AND retry >= 0", name="ck_subscription_charges_attempt"),
    )
    op.create_index("uq_subscription_charges_attempt", "subscription_charges", ["invoice_id", "attempt"], unique=True)
    op.create_index("ix_subscription_charges_subscription_id", "subscription_charges",
                    ["subscription_id", "claimed_at", "id"])
    op.create_index("ix_subscription_charges_outcome", "subscription_charges", ["outcome", "claimed_at", "id"])


def downgrade() -> None:
    op.drop_table("subscription_charges")  # its indexes go with it
    op.drop_index("ix_subscription_billing_at", table_name="subscription_billing")
    op.drop_index("ix_subscription_billing_invoice_id", table_name="subscription_billing")
    with op.batch_alter_table("subscription_billing") as batch:
        batch.drop_column("recurring")
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("payment_method")
