"""Tables of subscriptions: plan versions, subscriptions (with their audit trail), the record of what each renewal
and prorated change billed, and the attempts at charging their invoices (migration 0026).

What a subscription holds as nested values that are never queried by their parts (its lines, a scheduled downgrade,
its pauses, the segments of the billed period, its dunning policy and overdue invoices) is kept as JSON text in its
row (values.py); what is queried is a column of its own: status, next period start, payment exception, customer.

Exactly once (peers.md 3b S3/S5): a renewal's record is unique by (subscription, period start), a partial unique
index on the renewals, and the subscription's row is versioned (the pointer moves by a guarded update) and locked
while a renewal holds it. A charge attempt is unique by (invoice, attempt), so no attempt is claimed twice (S8).
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Table, Text, text

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.subscriptions.charges import ChargeOutcome
from oms.domain.subscriptions.periods import IntervalUnit
from oms.domain.subscriptions.records import DowngradeTiming, SubscriptionStatus

plan_versions = Table(
    "plan_versions", metadata,
    Column("id", String(ID), primary_key=True),
    Column("plan_id", String(ID), nullable=False, index=True),
    Column("code", String(CODE), nullable=False),
    Column("version", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("interval_unit", StrEnumType(IntervalUnit), nullable=False),
    Column("interval_every", Integer, nullable=False),
    Column("lines", Text, nullable=False),
    Column("trial_days", Integer, nullable=False),
    Column("term_periods", Integer, nullable=True),
    Column("name", Text, nullable=False),
    # a plan's versions are numbered once each: two made at once, one retries
    Index("uq_plan_versions_code_version", "code", "version", unique=True),
    CheckConstraint("version >= 1", name="ck_plan_versions_version"),
)

subscriptions = Table(
    "subscriptions", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=False, index=True),
    Column("plan_id", String(ID), nullable=False),
    Column("plan_version_id", String(ID), ForeignKey("plan_versions.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("interval_unit", StrEnumType(IntervalUnit), nullable=False),
    Column("interval_every", Integer, nullable=False),
    Column("anchor", Date, nullable=False),
    Column("lines", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("term_periods", Integer, nullable=True),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=True),
    Column("downgrades", StrEnumType(DowngradeTiming), nullable=False),
    Column("dunning", Text, nullable=False),
    Column("status", StrEnumType(SubscriptionStatus), nullable=False),
    Column("next_period_start", Date, nullable=False),
    Column("cancel_at", Date, nullable=True),
    Column("pending", Text, nullable=False),
    Column("pauses", Text, nullable=False),
    Column("billed_period_index", Integer, nullable=True),
    Column("billed_period_start", Date, nullable=True),
    Column("billed_period_end", Date, nullable=True),
    Column("billed", Text, nullable=False),
    Column("payment_exception", Boolean, nullable=False),
    Column("overdue_invoices", Text, nullable=False),
    Column("overdue_since", Date, nullable=True),
    Column("failed_retries", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("payment_method", Text, nullable=True),  # the payment provider's token (0026)
    # the renewal job's question: which subscriptions have a period starting by today
    Index("ix_subscriptions_due", "next_period_start", "id"),
    Index("ix_subscriptions_created", "created_at", "id"),
)

subscription_history = history_table("subscription_history", "subscriptions")

subscription_billing = Table(
    "subscription_billing", metadata,
    Column("id", String(ID), primary_key=True),
    Column("subscription_id", String(ID), ForeignKey("subscriptions.id"), nullable=False),
    Column("change", String(32), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("charged", ExactDecimal(AMOUNT), nullable=False),
    Column("credited", ExactDecimal(AMOUNT), nullable=False),
    Column("invoice_id", String(ID), nullable=True),
    Column("invoice_number", String(CODE), nullable=True),
    Column("credit_note_id", String(ID), nullable=True),
    Column("credit_note_number", String(CODE), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("recurring", ExactDecimal(AMOUNT), nullable=True),  # the whole-period price from effective_on (0026)
    Column("order_id", String(ID), nullable=True),  # a renewal's sales order (0027)
    Column("order_number", String(CODE), nullable=True),
    Index("ix_subscription_billing_subscription_id", "subscription_id", "at", "id"),
    Index("ix_subscription_billing_invoice_id", "invoice_id"),
    Index("ix_subscription_billing_at", "at", "id"),
    # a period is renewed, so billed, once (S3): whatever runs the renewal, the second insert fails
    Index("uq_subscription_billing_renewal", "subscription_id", "period_start", unique=True,
          postgresql_where=text("change = 'renewal'"), sqlite_where=text("change = 'renewal'")),
)

subscription_charges = Table(
    "subscription_charges", metadata,
    Column("id", String(ID), primary_key=True),
    Column("subscription_id", String(ID), ForeignKey("subscriptions.id"), nullable=False),
    Column("invoice_id", String(ID), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("retry", Integer, nullable=False),
    Column("amount", ExactDecimal(AMOUNT), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("payer", Text, nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
    Column("idempotency_key", String(CODE * 2), nullable=False, unique=True),
    Column("outcome", StrEnumType(ChargeOutcome), nullable=False),
    Column("reference", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=True),
    Column("version", Integer, nullable=False),
    # an attempt is claimed once, whatever claims it (S8): the second insert fails
    Index("uq_subscription_charges_attempt", "invoice_id", "attempt", unique=True),
    Index("ix_subscription_charges_subscription_id", "subscription_id", "claimed_at", "id"),
    Index("ix_subscription_charges_outcome", "outcome", "claimed_at", "id"),
    CheckConstraint("attempt >= 0 AND retry >= 0", name="ck_subscription_charges_attempt"),
)
