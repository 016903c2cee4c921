"""Tables of carts: carts (lines, recovery reminders and a payment authorisation as JSON text in the row; what the
jobs and listings query in columns), the branches' cart policies (migration 0028), and the months of each cart's
recovery messages (migration 0035), which the cart recovery report sums by month from its index alone.

One active cart per customer and branch: a partial unique index. A recovery stage is claimed by the cart's versioned
update that records it (the row is also locked while a command or a job holds the cart), so two jobs cannot both
claim it."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, text

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, metadata
from oms.adapters.sql.shared.types import ExactDecimal, Seconds, StrEnumType, UtcDateTime
from oms.domain.carts.carts import CartStatus

ACTIVE = "status = 'active'"

carts = Table(
    "carts", metadata,
    Column("id", String(ID), primary_key=True),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=True),
    Column("token_hash", String(ID), nullable=True, unique=True),
    Column("email", Text, nullable=True),
    Column("status", StrEnumType(CartStatus), nullable=False),
    Column("lines", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_activity_at", UtcDateTime, nullable=False),
    Column("reminders", Text, nullable=False),
    Column("payment", Text, nullable=False),
    Column("order_id", String(ID), nullable=True),
    Column("order_number", String(CODE), nullable=True),
    Column("closed_at", UtcDateTime, nullable=True),
    Column("merged_into", String(ID), nullable=True),
    Column("version", Integer, nullable=False),
    # the jobs' question: active carts idle since a time, by id
    Index("ix_carts_status_activity", "status", "last_activity_at", "id"),
    Index("ix_carts_status_id", "status", "id"),
    Index("uq_carts_active_customer", "customer_id", "branch_id", unique=True,
          postgresql_where=text(ACTIVE), sqlite_where=text(ACTIVE)),
)

cart_recovery_months = Table(
    "cart_recovery_months", metadata,
    Column("cart_id", String(ID), ForeignKey("carts.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("month", Date, nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    Column("order_value", ExactDecimal(AMOUNT), nullable=True),
    Column("recovered", Boolean, nullable=False),
    # the report's question: the months from one to another, summed per currency from the index alone
    Index("ix_cart_recovery_months_month", "month", "currency", "recovered", "value", "order_value"),
)

cart_policies = Table(
    "cart_policies", metadata,
    Column("branch_id", String(ID), ForeignKey("branches.id"), primary_key=True),
    Column("abandon_after", Seconds, nullable=False),
    Column("recovery_stages", Text, nullable=False),
    Column("recovery_since", UtcDateTime, nullable=True),
    Column("anonymous_expiry", Seconds, nullable=False),
    Column("customer_expiry", Seconds, nullable=False),
    Column("empty_expiry", Seconds, nullable=False),
    Column("version", Integer, nullable=False),
)
