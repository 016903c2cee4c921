"""Suppliers (code, name, currency, payment terms, lead time, e-mail, address, active), their prices per product
(price and currency per unit of purchase, its factor to the stock unit, minimum quantity, lead time, validity,
preferred) and exchange rates (one per currency pair and day).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
CURRENCY = sa.String(length=3)
ADDRESS_PARTS = ("line1", "line2", "city", "postal_code", "region", "country")


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", ID, nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("currency", CURRENCY, nullable=False),
        sa.Column("payment_terms", sa.Text(), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        *[sa.Column(f"address_{part}", sa.Text(), nullable=False) for part in ADDRESS_PARTS],
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint("code", name=op.f("uq_suppliers_code")),
    )
    op.create_table(
        "supplier_prices",
        sa.Column("id", ID, nullable=False),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("price", EXACT, nullable=False),
        sa.Column("currency", CURRENCY, nullable=False),
        sa.Column("min_quantity", EXACT, nullable=False),
        sa.Column("purchase_unit", sa.Text(), nullable=False),
        sa.Column("unit_factor", EXACT, nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_supplier_prices_supplier_id_suppliers")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_supplier_prices_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_prices")),
    )
    op.create_index(op.f("ix_supplier_prices_supplier_id"), "supplier_prices", ["supplier_id"])
    op.create_index(op.f("ix_supplier_prices_product_id_supplier_id"), "supplier_prices",
                    ["product_id", "supplier_id"])
    op.create_table(
        "exchange_rates",
        sa.Column("id", ID, nullable=False),
        sa.Column("from_currency", CURRENCY, nullable=False),
        sa.Column("to_currency", CURRENCY, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rate", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
        sa.UniqueConstraint("from_currency", "to_currency", "day",
                            name=op.f("uq_exchange_rates_from_currency_to_currency_day")),
    )


def downgrade() -> None:
    op.drop_table("exchange_rates")
    op.drop_index(op.f("ix_supplier_prices_product_id_supplier_id"), table_name="supplier_prices")
    op.drop_index(op.f("ix_supplier_prices_supplier_id"), table_name="supplier_prices")
    op.drop_table("supplier_prices")
    op.drop_table("suppliers")
