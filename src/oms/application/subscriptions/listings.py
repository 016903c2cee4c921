"""Pages of subscriptions and plans, read through the listings port: one query a page, not every subscription
loaded; a customer or plan code that does not exist matches nothing."""

from __future__ import annotations

from oms.application.shared.views import money
from oms.application.subscriptions.views import PlanList, PlanSummaryView, SubscriptionList, SubscriptionSummaryView
from oms.domain.subscriptions.records import SubscriptionStatus
from oms.ports.shared.listings import DEFAULT_LIMIT, NO_MATCH, ListingQuery, Listings
from oms.ports.subscriptions.listings import PLANS, SUBSCRIPTIONS, PlanSummary, SubscriptionSummary
from oms.ports.subscriptions.repositories import SubscriptionsUnitOfWork


def _subscription_view(s: SubscriptionSummary) -> SubscriptionSummaryView:
    return SubscriptionSummaryView(id=s.id, number=s.number, status=SubscriptionStatus(s.status),
                                   customer_code=s.customer_code, plan_code=s.plan_code, plan_version=s.plan_version,
                                   next_period_start=s.next_period_start,
                                   period_amount=money(s.period_amount, s.currency), created_at=s.created_at)


def subscription_page(uow: SubscriptionsUnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (),
                      customer_code: str | None = None, plan_code: str | None = None, newest_first: bool = True,
                      limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> SubscriptionList:
    """A page of subscriptions, newest first unless `newest_first` is False; `plan_code` takes the subscriptions of
    any version of the plan."""
    customer = uow.masterdata.customers.by_code(customer_code) if customer_code is not None else None
    plan = uow.subscriptions.plans.current(plan_code) if plan_code is not None else None
    filters: dict[str, object] = {
        "status": statuses,
        "customer_id": None if customer_code is None else customer.id if customer else NO_MATCH,
        "plan_id": None if plan_code is None else plan.plan_id if plan else NO_MATCH}
    page = listings.page(SUBSCRIPTIONS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                     cursor=cursor))
    return SubscriptionList(items=[_subscription_view(s) for s in page.items], next_cursor=page.next_cursor)


def _plan_view(s: PlanSummary) -> PlanSummaryView:
    return PlanSummaryView(code=s.code, name=s.name, current_version=s.version, interval=s.interval,
                           currency=s.currency, period_amount=money(s.period_amount, s.currency))


def plan_page(_uow: SubscriptionsUnitOfWork, listings: Listings, *, search: str | None = None,
              limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> PlanList:
    """A page of plans by code, each as its current version; `search` finds a part of the code or of the name."""
    page = listings.page(PLANS, ListingQuery(filters={"search": search or None}, limit=limit, cursor=cursor))
    return PlanList(items=[_plan_view(s) for s in page.items], next_cursor=page.next_cursor)
