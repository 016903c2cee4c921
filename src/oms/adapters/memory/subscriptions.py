"""In-memory repositories of subscription plans (their versions), subscriptions, their billing records and the
charges of their invoices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from attrs import define

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.shared.errors import NotFound
from oms.domain.subscriptions.charges import Charge, ChargeOutcome
from oms.domain.subscriptions.plans import PlanVersion
from oms.domain.subscriptions.records import RENEWABLE, SubscriptionStatus
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.subscriptions.recurring import BilledPrice, SubscriptionTerms
from oms.ports.subscriptions.repositories import BillingRecord

T = TypeVar("T")


@define
class Kept(Generic[T]):
    """An immutable record as the store keeps it: with the row version every stored aggregate has (a plan
    version's own `version` is its number in the plan)."""

    record: T
    version: int = 0

    @property
    def id(self) -> str:
        return str(self.record.id)  # type: ignore[attr-defined]  # every record kept has an id


class _Records(InMemoryRepository[Kept[T]]):
    """The records of one kind, kept in `Kept` rows."""

    def add(self, record: T) -> None:  # type: ignore[override]  # takes the record, keeps its row
        super().add(Kept(record))

    def get(self, key: str) -> T:  # type: ignore[override]
        return super().get(key).record

    def records(self) -> list[T]:
        return [kept.record for kept in super().list()]


class InMemoryPlanRepository(_Records[PlanVersion]):
    kind = "plan_version"

    @staticmethod
    def natural_key(kept: Kept[PlanVersion]) -> str:
        return f"{kept.record.code}#{kept.record.version}"

    def version(self, code: str, version: int) -> PlanVersion | None:
        found = self._by_natural_key(f"{code}#{version}")
        return None if found is None else found.record

    def versions(self, code: str) -> Sequence[PlanVersion]:
        return sorted((v for v in self.records() if v.code == code), key=lambda v: v.version)

    def current(self, code: str) -> PlanVersion | None:
        return next(reversed(self.versions(code)), None)

    def current_of(self, plan_id: str) -> PlanVersion:
        versions = sorted((v for v in self.records() if v.plan_id == plan_id), key=lambda v: v.version)
        if not versions:
            raise NotFound("plan", plan_id)
        return versions[-1]


class InMemorySubscriptionRepository(InMemoryRepository[Subscription]):
    kind = "subscription"

    @staticmethod
    def natural_key(subscription: Subscription) -> str:
        return subscription.number

    def by_number(self, number: str) -> Subscription | None:
        return self._by_natural_key(number)

    def claim(self, ref: str) -> Subscription | None:
        found = self.by_number(ref)
        if found is not None:
            return found
        try:
            return self.get(ref)
        except NotFound:
            return None

    def claim_many(self, refs: Sequence[str]) -> Mapping[str, Subscription]:
        return {ref: found for ref in refs if (found := self.claim(ref)) is not None}

    def terms(self) -> Sequence[SubscriptionTerms]:
        return [SubscriptionTerms.of(subscription) for subscription in self.list()]

    def due(self, today: date) -> Sequence[Subscription]:
        found = (s for s in self.list()
                 if s.next_period_start <= today and s.status in RENEWABLE and not s.payment_exception)
        return sorted(found, key=lambda s: (s.next_period_start, s.id))

    def due_numbers(self, today: date) -> Sequence[str]:
        return [subscription.number for subscription in self.due(today)]

    def in_dunning(self) -> Sequence[Subscription]:
        chased = (SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID)
        return sorted((s for s in self.list() if s.status in chased), key=lambda s: s.id)


class InMemoryBillingRecordRepository(_Records[BillingRecord]):
    kind = "subscription_billing"

    @staticmethod
    def natural_key(kept: Kept[BillingRecord]) -> str | None:
        return kept.record.renewal_key

    def of_subscription(self, subscription_id: str) -> Sequence[BillingRecord]:
        return sorted((r for r in self.records() if r.subscription_id == subscription_id), key=lambda r: (r.at, r.id))

    def prices(self) -> Mapping[str, Sequence[BilledPrice]]:
        found: dict[str, list[BilledPrice]] = defaultdict(list)
        last: dict[str, tuple[str, Decimal, Decimal | None]] = {}
        for r in sorted(self.records(), key=lambda r: (r.effective_on, r.at, r.id)):
            read = (r.change, r.charged, r.recurring)
            if last.get(r.subscription_id) != read:
                found[r.subscription_id].append(BilledPrice(effective_on=r.effective_on, change=r.change,
                                                            charged=r.charged, recurring=r.recurring))
                last[r.subscription_id] = read
        return found

    def of_invoice(self, invoice_id: str) -> BillingRecord | None:
        return next((r for r in self.records() if r.invoice_id == invoice_id), None)

    def invoiced_since(self, day: date) -> Sequence[BillingRecord]:
        return sorted((r for r in self.records() if r.invoice_id is not None and r.at.date() >= day),
                      key=lambda r: (r.at, r.id))


class InMemoryChargeRepository(InMemoryRepository[Charge]):
    kind = "subscription_charge"

    @staticmethod
    def natural_key(charge: Charge) -> str:
        return f"{charge.invoice_id}#{charge.attempt}"

    def attempt(self, invoice_id: str, attempt: int) -> Charge | None:
        return self._by_natural_key(f"{invoice_id}#{attempt}")

    def of_invoice(self, invoice_id: str) -> Sequence[Charge]:
        return sorted((c for c in self.list() if c.invoice_id == invoice_id), key=lambda c: c.attempt)

    def of_subscription(self, subscription_id: str) -> Sequence[Charge]:
        return sorted((c for c in self.list() if c.subscription_id == subscription_id),
                      key=lambda c: (c.claimed_at, c.id))

    def pending(self) -> Sequence[Charge]:
        return sorted((c for c in self.list() if c.outcome is ChargeOutcome.PENDING),
                      key=lambda c: (c.claimed_at, c.id))


class InMemorySubscriptionDocuments:
    """The subscription repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.plans = InMemoryPlanRepository(session)
        self.subscriptions = InMemorySubscriptionRepository(session)
        self.billing = InMemoryBillingRecordRepository(session)
        self.charges = InMemoryChargeRepository(session)
