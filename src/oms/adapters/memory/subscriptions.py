"""In-memory repositories of subscription plans (their versions) and subscriptions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.shared.errors import NotFound
from oms.domain.subscriptions.plans import PlanVersion
from oms.domain.subscriptions.records import RENEWABLE
from oms.domain.subscriptions.subscriptions import Subscription


class InMemoryPlanRepository(InMemoryRepository[PlanVersion]):
    kind = "plan_version"

    @staticmethod
    def natural_key(version: PlanVersion) -> str:
        return f"{version.code}#{version.version}"

    def version(self, code: str, version: int) -> PlanVersion | None:
        return self._by_natural_key(f"{code}#{version}")

    def versions(self, code: str) -> Sequence[PlanVersion]:
        return sorted((v for v in self.list() if v.code == code), key=lambda v: v.version)

    def current(self, code: str) -> PlanVersion | None:
        return next(reversed(self.versions(code)), None)

    def current_of(self, plan_id: str) -> PlanVersion:
        versions = sorted((v for v in self.list() if v.plan_id == plan_id), key=lambda v: v.version)
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

    def due(self, today: date) -> Sequence[Subscription]:
        found = (s for s in self.list()
                 if s.next_period_start <= today and s.status in RENEWABLE and not s.payment_exception)
        return sorted(found, key=lambda s: (s.next_period_start, s.id))


class InMemorySubscriptionDocuments:
    """The subscription repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.plans = InMemoryPlanRepository(session)
        self.subscriptions = InMemorySubscriptionRepository(session)
