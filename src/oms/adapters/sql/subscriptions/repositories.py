"""SQL repositories of plan versions, subscriptions, their billing records and charge attempts, each from the
declaration of its aggregate.

A subscription's row is locked when a changing transaction loads it (`lock=True`): a renewal and a change of one
subscription take turns, and the second sees the pointer the first moved (S5). Its row is versioned too, so a
writer that did not lock it (none does today) still cannot move the pointer from a stale read. Plan versions and
billing records are written once and never changed (plan versions are kept in memory with the master data, read by
every renewal); a charge attempt is versioned (its answer is recorded once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from functools import partial
from itertools import groupby
from typing import Any

from sqlalchemy import Select, bindparam, desc, func, or_, select
from sqlalchemy.sql.elements import BindParameter, Over
from sqlalchemy.sql.functions import FunctionElement

from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository, status_in
from oms.adapters.sql.shared.session import CHUNK, Session
from oms.adapters.sql.shared.values import from_text, serialized
from oms.adapters.sql.subscriptions import tables as t
from oms.domain.shared.errors import NotFound
from oms.domain.subscriptions.charges import Charge, ChargeOutcome
from oms.domain.subscriptions.periods import Interval, Period
from oms.domain.subscriptions.plans import Lines, PlanVersion
from oms.domain.subscriptions.proration import Segment
from oms.domain.subscriptions.records import RENEWABLE, DunningPolicy, Pause, SubscriptionStatus
from oms.domain.subscriptions.subscriptions import PlannedLines, Subscription
from oms.ports.subscriptions.recurring import BilledPrice, SubscriptionTerms
from oms.ports.subscriptions.repositories import BillingRecord

INTERVAL = Composite("interval", Interval, ("interval_unit", "interval_every"))

PLAN_VERSION = Aggregate(
    "plan_version",
    Entity(PlanVersion, t.plan_versions, composites=(INTERVAL, serialized("lines", Lines))),
    versioned=False, cached=True)  # a version is never changed (a new one is added); every renewal reads one

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

CHARGE = Aggregate("subscription_charge", Entity(Charge, t.subscription_charges))

AGGREGATES = (PLAN_VERSION, SUBSCRIPTION, BILLING_RECORD, CHARGE)


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

    def terms(self) -> Sequence[SubscriptionTerms]:
        # One statement: each subscription's columns MRR reads with its audit trail joined (a row a change, one
        # for a subscription without), no aggregate built and nothing tracked (500 aggregates took 45 ms).
        table, history = t.subscriptions, t.subscription_history
        statement = self._session.transaction.compiler.get(("subscription", "terms"), lambda: select(
            table.c.id, table.c.currency, table.c.interval_unit, table.c.interval_every, table.c.anchor,
            table.c.cancel_at, table.c.term_periods, table.c.lines, table.c.status, table.c.pauses,
            history.c.position, history.c.at, history.c.actor, history.c.from_status, history.c.to_status,
            history.c.reason).select_from(table.outerjoin(history, history.c.document_id == table.c.id))
            .order_by(table.c.created_at, table.c.id, history.c.position))
        found, lines, pauses = [], _Decoded(Lines), _Decoded(tuple[Pause, ...])
        for _, group in groupby(self._session.transaction.run(statement, {}), key=lambda row: row["id"]):
            rows = list(group)
            row = rows[0]
            found.append(SubscriptionTerms(
                id=row["id"], currency=row["currency"], interval=Interval(row["interval_unit"], row["interval_every"]),
                anchor=row["anchor"], cancel_at=row["cancel_at"], term_periods=row["term_periods"],
                lines=lines[row["lines"]], status=row["status"], pauses=pauses[row["pauses"]],
                history=tuple(AuditTrail.entry(change) for change in rows if change["position"] is not None)))
        return found

    def claim(self, ref: str) -> Subscription | None:
        found = self._select_unlocked("claim", lambda table: select(table).where(
            or_(table.c.id == bindparam("ref"), table.c.number == bindparam("ref"))), ref=ref)
        return found[0] if found else None

    def claim_many(self, refs: Sequence[str]) -> Mapping[str, Subscription]:
        found: dict[str, Subscription] = {}
        wanted = list(dict.fromkeys(refs))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            for subscription in self._select_unlocked(f"claim:{len(chunk)}", partial(_claimed, len(chunk)),
                                                      **{f"r{i}": ref for i, ref in enumerate(chunk)}):
                found[subscription.id if subscription.id in chunk else subscription.number] = subscription
        return found

    def due(self, today: date) -> Sequence[Subscription]:
        return self._select("due", lambda table: _due(select(table), table), today=today)

    def due_numbers(self, today: date) -> Sequence[str]:
        self._session.flush()  # what this unit of work changed is in what it reads
        table, transaction = t.subscriptions, self._session.transaction
        statement = transaction.compiler.get(("subscription", "due numbers"), lambda: _due(select(table.c.number),
                                                                                           table))
        return [row["number"] for row in transaction.run(statement, {"today": today})]

    def in_dunning(self) -> Sequence[Subscription]:
        return self._select("in_dunning", lambda table: select(table).where(
            status_in(table, {SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID})).order_by(table.c.id))


def _claimed(count: int, table: Any) -> Select[Any]:
    """The subscriptions whose id or number is one of `count` parameters (r0, r1, ...), in the order of their ids."""
    refs: list[BindParameter[Any]] = [bindparam(f"r{i}") for i in range(count)]
    return select(table).where(or_(table.c.id.in_(refs), table.c.number.in_(refs))).order_by(table.c.id)


def _due(query: Select[Any], table: Any) -> Select[Any]:
    return query.where(table.c.next_period_start <= bindparam("today"), status_in(table, RENEWABLE),
                       table.c.payment_exception.is_(False)).order_by(table.c.next_period_start, table.c.id)


class SqlBillingRecordRepository(SqlRepository[BillingRecord]):
    aggregate = BILLING_RECORD

    def of_subscription(self, subscription_id: str) -> Sequence[BillingRecord]:
        return self._select("of_subscription", lambda table: select(table).where(
            table.c.subscription_id == bindparam("subscription_id")).order_by(table.c.at, table.c.id),
            subscription_id=subscription_id)

    def prices(self) -> Mapping[str, Sequence[BilledPrice]]:
        # Only the columns MRR reads, of the records that change them (a subscription renewed month after month at
        # one price has one such record, not one a month), no record built whole: 5,000 records took 70 ms.
        statement = self._session.transaction.compiler.get(("subscription_billing", "prices"), _changed_prices)
        found: dict[str, list[BilledPrice]] = defaultdict(list)
        for row in self._session.transaction.run(statement, {}):
            found[row["subscription_id"]].append(BilledPrice(
                effective_on=row["effective_on"], change=row["change"], charged=row["charged"],
                recurring=row["recurring"]))
        return found

    def of_invoice(self, invoice_id: str) -> BillingRecord | None:
        found = self._select("of_invoice", lambda table: select(table).where(
            table.c.invoice_id == bindparam("invoice_id")).limit(1), invoice_id=invoice_id)
        return found[0] if found else None

    def invoiced_since(self, day: date) -> Sequence[BillingRecord]:
        return self._select("invoiced_since", lambda table: select(table).where(
            table.c.at >= bindparam("since", type_=table.c.at.type), table.c.invoice_id.is_not(None))
            .order_by(table.c.at, table.c.id), since=datetime.combine(day, time(), UTC))


class SqlChargeRepository(SqlRepository[Charge]):
    aggregate = CHARGE

    def attempt(self, invoice_id: str, attempt: int) -> Charge | None:
        found = self._select("attempt", lambda table: select(table).where(
            table.c.invoice_id == bindparam("invoice_id"), table.c.attempt == bindparam("attempt")),
            invoice_id=invoice_id, attempt=attempt)
        return found[0] if found else None

    def of_invoice(self, invoice_id: str) -> Sequence[Charge]:
        return self._select("of_invoice", lambda table: select(table).where(
            table.c.invoice_id == bindparam("invoice_id")).order_by(table.c.attempt), invoice_id=invoice_id)

    def of_subscription(self, subscription_id: str) -> Sequence[Charge]:
        return self._select("of_subscription", lambda table: select(table).where(
            table.c.subscription_id == bindparam("subscription_id")).order_by(table.c.claimed_at, table.c.id),
            subscription_id=subscription_id)

    def pending(self) -> Sequence[Charge]:
        return self._select("pending", lambda table: select(table).where(
            table.c.outcome == bindparam("pending", ChargeOutcome.PENDING, type_=table.c.outcome.type))
            .order_by(table.c.claimed_at, table.c.id))


def _changed_prices() -> Select[Any]:
    """Each subscription's billing records in the order they took effect, but those repeating the one before in what
    MRR reads (its change, amount charged and recurring price)."""
    table = t.subscription_billing

    def in_order(function: FunctionElement[Any]) -> Over[Any]:
        return function.over(partition_by=table.c.subscription_id,
                             order_by=(table.c.effective_on, table.c.at, table.c.id))

    each = select(table.c.subscription_id, table.c.effective_on, table.c.change, table.c.charged, table.c.recurring,
                  table.c.at, table.c.id, in_order(func.row_number()).label("position"),
                  *(in_order(func.lag(column)).label(f"previous_{column.name}")
                    for column in (table.c.change, table.c.charged, table.c.recurring))).subquery("each")
    return select(each.c.subscription_id, each.c.effective_on, each.c.change, each.c.charged, each.c.recurring).where(
        or_(each.c.position == 1, each.c.change != each.c.previous_change,
            each.c.charged != each.c.previous_charged, each.c.recurring.is_distinct_from(each.c.previous_recurring))
    ).order_by(each.c.subscription_id, each.c.effective_on, each.c.at, each.c.id)


class _Decoded(dict[str, Any]):
    """Frozen values kept as JSON text (values.py), each text decoded once: many subscriptions hold the same lines
    (a plan's, at the same quantities) and the same pauses (none)."""

    def __init__(self, hint: Any) -> None:
        super().__init__()
        self.hint = hint

    def __missing__(self, text: str) -> Any:
        value = self[text] = from_text(text, self.hint)
        return value


class SqlSubscriptionDocuments:
    """The subscription repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.plans = SqlPlanRepository(session)
        self.subscriptions = SqlSubscriptionRepository(session)
        self.billing = SqlBillingRecordRepository(session)
        self.charges = SqlChargeRepository(session)
