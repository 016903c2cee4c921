"""In-memory rows of the subscription listings (subscriptions, plans), read from an InMemoryStore's committed
aggregates and kept to those every given filter takes."""

from __future__ import annotations

from typing import Any

from oms.adapters.memory.store import InMemoryStore
from oms.domain.subscriptions.plans import PlanVersion, period_amount
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.sales.listings import searched
from oms.ports.subscriptions.listings import PLANS, SUBSCRIPTIONS, PlanSummary, SubscriptionSummary

LISTINGS = frozenset({SUBSCRIPTIONS.name, PLANS.name})


def _versions(store: InMemoryStore) -> list[PlanVersion]:
    return [kept.record for kept in store.load_all("plan_version")]


def subscription_rows(store: InMemoryStore, name: str, wanted: dict[str, Any]) -> list[Any]:
    """The listing's rows that every filter in `wanted` (none empty) takes, in no order."""
    return _subscriptions(store, wanted) if name == SUBSCRIPTIONS.name else _plans(store, wanted)


def _subscriptions(store: InMemoryStore, wanted: dict[str, Any]) -> list[SubscriptionSummary]:
    customers = {customer.id: customer.code for customer in store.load_all("customer")}
    versions = {version.id: version for version in _versions(store)}

    def kept(s: Subscription) -> bool:
        return (("status" not in wanted or str(s.status) in set(wanted["status"]))
                and ("customer_id" not in wanted or s.customer_id == wanted["customer_id"])
                and ("plan_id" not in wanted or s.plan_id == wanted["plan_id"]))

    return [SubscriptionSummary(
        id=s.id, number=s.number, status=str(s.status), customer_id=s.customer_id,
        customer_code=customers.get(s.customer_id, ""), plan_id=s.plan_id, plan_code=versions[s.plan_version_id].code,
        plan_version=versions[s.plan_version_id].version, currency=s.currency,
        period_amount=period_amount(s.lines, s.money), next_period_start=s.next_period_start, created_at=s.created_at)
        for s in store.load_all("subscription") if kept(s)]


def _plans(store: InMemoryStore, wanted: dict[str, Any]) -> list[PlanSummary]:
    """One row a plan: its current (latest) version."""
    current: dict[str, PlanVersion] = {}
    for version in _versions(store):
        if version.code not in current or version.version > current[version.code].version:
            current[version.code] = version
    return [PlanSummary(id=plan.id, code=plan.code, name=plan.name, version=plan.version, interval=str(plan.interval),
                        currency=plan.currency, period_amount=period_amount(plan.lines, plan.money))
            for plan in current.values()
            if "search" not in wanted or searched(str(wanted["search"]), plan.code, plan.name)]
