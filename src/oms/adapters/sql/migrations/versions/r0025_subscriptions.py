"""Subscriptions: plan versions (numbered once per plan code), subscriptions (what is queried in columns, nested
values as JSON text; versioned, with an audit trail) and the record of what each renewal and prorated change billed,
unique by (subscription, period start) for renewals, so that a period is billed once whatever runs the renewal.
Subscriptions are numbered from the SUB sequence (migration 0007).

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py).
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
STATUS = sa.String(length=32)
RENEWALS = "change = 'renewal'"


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete="CASCADE" if cascade else None)


def upgrade() -> None:
    op.create_table(
        "plan_versions",
        sa.Column("id", ID, nullable=False),
        sa.Column("plan_id", ID, nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("interval_unit", STATUS, nullable=False),
        sa.Column("interval_every", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("trial_days", sa.Integer(), nullable=False),
        sa.Column("term_periods", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.CheckConstraint("version >= 1", name="ck_plan_versions_version"),
    )
    op.create_index(op.f("ix_plan_versions_plan_id"), "plan_versions", ["plan_id"])
    op.create_index("uq_plan_versions_code_version", "plan_versions", ["code", "version"], unique=True)
    op.create_table(
        "subscriptions",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("customer_id", ID, nullable=False),
        sa.Column("plan_id", ID, nullable=False),
        sa.Column("plan_version_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("interval_unit", STATUS, nullable=False),
        sa.Column("interval_every", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("term_periods", sa.Integer(), nullable=True),
        sa.Column("branch_id", ID, nullable=True),
        sa.Column("downgrades", STATUS, nullable=False),
        sa.Column("dunning", sa.Text(), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("next_period_start", sa.Date(), nullable=False),
        sa.Column("cancel_at", sa.Date(), nullable=True),
        sa.Column("pending", sa.Text(), nullable=False),
        sa.Column("pauses", sa.Text(), nullable=False),
        sa.Column("billed_period_index", sa.Integer(), nullable=True),
        sa.Column("billed_period_start", sa.Date(), nullable=True),
        sa.Column("billed_period_end", sa.Date(), nullable=True),
        sa.Column("billed", sa.Text(), nullable=False),
        sa.Column("payment_exception", sa.Boolean(), nullable=False),
        sa.Column("overdue_invoices", sa.Text(), nullable=False),
        sa.Column("overdue_since", sa.Date(), nullable=True),
        sa.Column("failed_retries", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("subscriptions", "customer_id", "customers"),
        _fk("subscriptions", "plan_version_id", "plan_versions"),
        _fk("subscriptions", "branch_id", "branches"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint("number", name=op.f("uq_subscriptions_number")),
    )
    op.create_index(op.f("ix_subscriptions_customer_id"), "subscriptions", ["customer_id"])
    op.create_index("ix_subscriptions_due", "subscriptions", ["next_period_start", "id"])
    op.create_index("ix_subscriptions_created", "subscriptions", ["created_at", "id"])
    op.create_table(
        "subscription_history",
        sa.Column("document_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", STATUS, nullable=False),
        sa.Column("to_status", STATUS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("subscription_history", "document_id", "subscriptions", cascade=True),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_subscription_history")),
    )
    op.create_table(
        "subscription_billing",
        sa.Column("id", ID, nullable=False),
        sa.Column("subscription_id", ID, nullable=False),
        sa.Column("change", STATUS, nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("charged", EXACT, nullable=False),
        sa.Column("credited", EXACT, nullable=False),
        sa.Column("invoice_id", ID, nullable=True),
        sa.Column("invoice_number", CODE, nullable=True),
        sa.Column("credit_note_id", ID, nullable=True),
        sa.Column("credit_note_number", CODE, nullable=True),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        _fk("subscription_billing", "subscription_id", "subscriptions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription_billing")),
    )
    op.create_index("ix_subscription_billing_subscription_id", "subscription_billing",
                    ["subscription_id", "at", "id"])
    op.create_index("uq_subscription_billing_renewal", "subscription_billing", ["subscription_id", "period_start"],
                    unique=True, postgresql_where=sa.text(RENEWALS), sqlite_where=sa.text(RENEWALS))


def downgrade() -> None:
    for table in ("subscription_billing", "subscription_history", "subscriptions", "plan_versions"):
        op.drop_table(table)  # their indexes go with them
