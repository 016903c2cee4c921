"""Carts: the months of each cart's recovery messages (the first claim of the month, what the cart was worth then,
what its checkout made of it), which the cart recovery report and the recovery rate sum by month from an index.

The carts already messaged are recorded as the report priced them until now: a month per UTC month with a claim,
its first claim; worth its lines as they are now at their products' list prices (net before tax, each line rounded
half up to the branch currency's minor unit, as the checkout prices a cart); a checked-out cart keeps its order's
net, recovered when it was checked out on or after that claim.

Revision ID: 0035
Revises: 0034
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import RowMapping

from oms.adapters.sql.shared.types import ExactDecimal, UtcDateTime
from oms.domain.shared.money import Currency

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
BATCH = 5_000
INDEXED = ["month", "currency", "recovered", "value", "order_value"]

months = sa.table(
    "cart_recovery_months", sa.column("cart_id", ID), sa.column("position", sa.Integer()),
    sa.column("month", sa.Date()), sa.column("claimed_at", UtcDateTime()), sa.column("currency", sa.String(3)),
    sa.column("value", ExactDecimal(4)), sa.column("order_value", ExactDecimal(4)),
    sa.column("recovered", sa.Boolean()))
CARTS = sa.text("SELECT c.id, c.lines, c.reminders, c.status, c.closed_at, b.currency, o.net_total "
                "FROM carts c JOIN branches b ON b.id = c.branch_id LEFT JOIN sales_orders o ON o.id = c.order_id "
                "WHERE c.reminders <> '[]' ORDER BY c.id").columns(
    closed_at=UtcDateTime(), net_total=ExactDecimal(4))
PRICES = sa.text("SELECT sku, price FROM products").columns(price=ExactDecimal(4))


def upgrade() -> None:
    op.create_table(
        "cart_recovery_months",
        sa.Column("cart_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("claimed_at", TIMESTAMP, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("value", EXACT, nullable=False),
        sa.Column("order_value", EXACT, nullable=True),
        sa.Column("recovered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["cart_id"], ["carts.id"], name=op.f("fk_cart_recovery_months_cart_id_carts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cart_id", "position", name=op.f("pk_cart_recovery_months")),
    )
    connection = op.get_bind()
    prices = {row.sku: row.price for row in connection.execute(PRICES)}
    batch: list[dict[str, Any]] = []
    for cart in connection.execute(CARTS).mappings():
        batch.extend(_months_of(cart, prices))
        if len(batch) >= BATCH:
            connection.execute(months.insert(), batch)
            batch = []
    if batch:
        connection.execute(months.insert(), batch)
    op.create_index("ix_cart_recovery_months_month", "cart_recovery_months", INDEXED)


def _months_of(cart: RowMapping, prices: Mapping[str, Decimal]) -> Iterator[dict[str, Any]]:
    """The cart's months, as the report priced them before: its lines now, at the list prices."""
    quantum = Decimal(1).scaleb(-Currency.of(cart["currency"]).minor_units)
    lines = [line for line in json.loads(cart["lines"]) if line["sku"] in prices]
    worth = sum(((Decimal(line["quantity"]) * prices[line["sku"]]).quantize(quantum, rounding=ROUND_HALF_UP)
                 for line in lines), Decimal(0).quantize(quantum)) if lines else Decimal(0)
    first: dict[date, datetime] = {}
    for reminder in json.loads(cart["reminders"]):
        claimed = datetime.fromisoformat(reminder["claimed_at"]).astimezone(UTC)
        month = date(claimed.year, claimed.month, 1)
        first[month] = min(first.get(month, claimed), claimed)
    converted = cart["status"] == "converted"
    for position, (month, claimed) in enumerate(sorted(first.items())):
        yield {"cart_id": cart["id"], "position": position, "month": month, "claimed_at": claimed,
               "currency": cart["currency"], "value": worth, "order_value": cart["net_total"] if converted else None,
               "recovered": converted and cart["closed_at"] is not None and cart["closed_at"] >= claimed}


def downgrade() -> None:
    op.drop_index("ix_cart_recovery_months_month", table_name="cart_recovery_months")
    op.drop_table("cart_recovery_months")
