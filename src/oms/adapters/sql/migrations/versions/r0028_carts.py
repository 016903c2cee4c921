"""Carts: carts (lines, reminders and a payment authorisation as JSON text; one active cart per customer and branch),
the branches' cart policies, the stock holds of carts, and a branch's hold time for its carts.

Revision ID: 0028
Revises: 0027
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
STATUS = sa.String(length=32)
ACTIVE = "status = 'active'"


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.add_column("branches", sa.Column("cart_hold_minutes", sa.Integer(), nullable=True))
    op.create_table(
        "carts",
        sa.Column("id", ID, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("customer_id", ID, nullable=True),
        sa.Column("token_hash", ID, nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_activity_at", TIMESTAMP, nullable=False),
        sa.Column("reminders", sa.Text(), nullable=False),
        sa.Column("payment", sa.Text(), nullable=False),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("order_number", CODE, nullable=True),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.Column("merged_into", ID, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("carts", "branch_id", "branches"),
        _fk("carts", "customer_id", "customers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carts")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_carts_token_hash")),
    )
    op.create_index("ix_carts_status_activity", "carts", ["status", "last_activity_at", "id"])
    op.create_index("ix_carts_status_id", "carts", ["status", "id"])
    op.create_index("uq_carts_active_customer", "carts", ["customer_id", "branch_id"], unique=True,
                    postgresql_where=sa.text(ACTIVE), sqlite_where=sa.text(ACTIVE))
    op.create_table(
        "cart_policies",
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("abandon_after", sa.Integer(), nullable=False),
        sa.Column("recovery_stages", sa.Text(), nullable=False),
        sa.Column("recovery_since", TIMESTAMP, nullable=True),
        sa.Column("anonymous_expiry", sa.Integer(), nullable=False),
        sa.Column("customer_expiry", sa.Integer(), nullable=False),
        sa.Column("empty_expiry", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("cart_policies", "branch_id", "branches"),
        sa.PrimaryKeyConstraint("branch_id", name=op.f("pk_cart_policies")),
    )
    op.create_table(
        "stock_holds",
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("until", TIMESTAMP, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("stock_holds", "product_id", "products"),
        _fk("stock_holds", "branch_id", "branches"),
        sa.PrimaryKeyConstraint("owner_id", "product_id", name=op.f("pk_stock_holds")),
    )
    op.create_index("ix_stock_holds_branch_product", "stock_holds", ["branch_id", "product_id", "until"])


def downgrade() -> None:
    for table in ("stock_holds", "cart_policies", "carts"):
        op.drop_table(table)
    op.drop_column("branches", "cart_hold_minutes")  # SQLite 3.35 and later drop a column in place
