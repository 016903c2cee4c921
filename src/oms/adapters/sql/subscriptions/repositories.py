"""SQL repositories of plan versions, subscriptions and their billing records, each from the declaration of its
aggregate.

A subscription's row is locked when a changing transaction loads it (`lock=True`): a renewal and a change of one
subscription take turns, and the second sees the pointer the first moved (S5). Its row is versioned too, so a
writer that did not lock it (none does today) still cannot move the pointer from a stale read. Plan versions and
billing records are written once and never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam, desc, or_, select

from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository, status_in
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.shared.values import serialized
from oms.adapters.sql.subscriptions import tables as t
from oms.domain.shared.errors import NotFound
from oms.domain.subscriptions.periods import Interval, Period
from oms.domain.subscriptions.plans import Lines, PlanVersion
from oms.domain.subscriptions.proration import Segment
from oms.domain.subscriptions.records import RENEWABLE, DunningPolicy, Pause
from oms.domain.subscriptions.subscriptions import PlannedLines, Subscription
from oms.ports.subscriptions.repositories import BillingRecord

INTERVAL = Composite("interval", Interval, ("interval_unit", "interval_every"))

PLAN_VERSION = Aggregate(
    "plan_version",
    Entity(PlanVersion, t.plan_versions, composites=(INTERVAL, serialized("lines", Lines))),
    versioned=False)

SUBSCRIPTION = Aggregate(
    "subscription",
    Entity(Subscription, t.subscriptions, not_stored=frozenset({"history"}), composites=(
        INTERVAL,
        serialized("lines", Lines),
        serialized("dunning", DunningPolicy),
        serialized("pending", PlannedLines | None),
        serialized("pauses", list[Pause]),
        Composite("billed_period", Period, ("billed_period_index", "billed_period_start", "billed_period_end"),
                  nullable=True),
        serialized("billed", list[Segment]),
        serialized("overdue_invoices", list[str]),
    )),
    natural_key="number", audit_trail=AuditTrail(t.subscription_history), lock=True)

BILLING_RECORD = Aggregate("subscription_billing", Entity(BillingRecord, t.subscription_billing), versioned=False)

AGGREGATES = (PLAN_VERSION, SUBSCRIPTION, BILLING_RECORD)


class SqlPlanRepository(SqlRepository[PlanVersion]):
    aggregate = PLAN_VERSION

    def version(self, code: str, version: int) -> PlanVersion | None:
        found = self._select("version", lambda table: select(table).where(
            table.c.code == bindparam("code"), table.c.version == bindparam("version")), code=code, version=version)
        return found[0] if found else None

    def versions(self, code: str) -> Sequence[PlanVersion]:
        return self._select("versions", lambda table: select(table).where(
            table.c.code == bindparam("code")).order_by(table.c.version), code=code)

    def current(self, code: str) -> PlanVersion | None:
        found = self._select("current", lambda table: select(table).where(
            table.c.code == bindparam("code")).order_by(desc(table.c.version)).limit(1), code=code)
        return found[0] if found else None

    def current_of(self, plan_id: str) -> PlanVersion:
        found = self._select("current_of", lambda table: select(table).where(
            table.c.plan_id == bindparam("plan_id")).order_by(desc(table.c.version)).limit(1), plan_id=plan_id)
        if not found:
            raise NotFound("plan", plan_id)
        return found[0]


class SqlSubscriptionRepository(SqlRepository[Subscription]):
    aggregate = SUBSCRIPTION

    def by_number(self, number: str) -> Subscription | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[Subscription]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def claim(self, ref: str) -> Subscription | None:
        found = self._select_unlocked("claim", lambda table: select(table).where(
            or_(table.c.id == bindparam("ref"), table.c.number == bindparam("ref"))), ref=ref)
        return found[0] if found else None

    def due(self, today: date) -> Sequence[Subscription]:
        return self._select("due", lambda table: select(table).where(
            table.c.next_period_start <= bindparam("today"), status_in(table, RENEWABLE),
            table.c.payment_exception.is_(False)).order_by(table.c.next_period_start, table.c.id), today=today)


class SqlBillingRecordRepository(SqlRepository[BillingRecord]):
    aggregate = BILLING_RECORD

    def of_subscription(self, subscription_id: str) -> Sequence[BillingRecord]:
        return self._select("of_subscription", lambda table: select(table).where(
            table.c.subscription_id == bindparam("subscription_id")).order_by(table.c.at, table.c.id),
            subscription_id=subscription_id)


class SqlSubscriptionDocuments:
    """The subscription repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.plans = SqlPlanRepository(session)
        self.subscriptions = SqlSubscriptionRepository(session)
        self.billing = SqlBillingRecordRepository(session)
