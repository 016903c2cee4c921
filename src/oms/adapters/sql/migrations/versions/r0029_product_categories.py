"""Product categories: a short name grouping products (nullable: products made before have none), indexed with the
SKU so that the products of a category are listed by SKU along the index and reports filter by it.

Revision ID: 0029
Revises: 0028
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("products", sa.Column("category", sa.String(length=64), nullable=True))
    op.create_index("ix_products_category_sku", "products", ["category", "sku"])


def downgrade() -> None:
    op.drop_index("ix_products_category_sku", table_name="products")
    op.drop_column("products", "category")  # SQLite 3.35 and later drop a column in place
