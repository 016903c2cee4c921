"""Subscriptions: plans and subscriptions, listed and shown to viewers, worked as their actions declare (subscribe,
change, pause, resume, cancel, renew, resolve); their measures (MRR, ARR and a month's movements) read by viewers.
A plan is addressed by its code, a subscription by its id or its number (SUB-000001)."""

from __future__ import annotations

import attrs
from attrs import frozen

from oms.application.processes import dunning_actions, subscription_actions
from oms.application.subscriptions import queries
from oms.application.subscriptions.actions import ACTIONS, SUBSCRIPTION
from oms.application.subscriptions.listings import plan_page, subscription_page
from oms.application.subscriptions.measures import (
    MONTH_PATTERN,
    SubscriptionMeasures,
    month_named,
    subscription_measures,
)
from oms.application.subscriptions.views import PlanList, PlanView, SubscriptionList, SubscriptionView
from oms.domain.access.tokens import Role
from oms.domain.subscriptions.records import SubscriptionStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, SEARCH, STATUSES, Order, Paging, parameters

bp = ApiBlueprint("subscriptions", __name__, tag=SUBSCRIPTION.tag)
VIEWER = Role.VIEWER
MONTH = {"schema": {"pattern": MONTH_PATTERN, "maxLength": 7}}  # bounded: see `listing`


@frozen(kw_only=True)
class SubscriptionFilter(Paging):
    """`status` may be repeated (any of them); `customer` a code and `plan` a plan's code, any of its versions (an
    unknown one matches nothing)."""

    status: tuple[SubscriptionStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    customer: str | None = attrs.field(default=None, metadata=CODE)
    plan: str | None = attrs.field(default=None, metadata=CODE)
    order: Order = Order.NEWEST


@frozen(kw_only=True)
class PlanFilter(Paging):
    """`search` a part of the code or of the current version's name, in any case. By code."""

    search: str | None = attrs.field(default=None, metadata=SEARCH)


@frozen(kw_only=True)
class MonthQuery:
    """`month`: YYYY-MM, from 1900-01 to 2999-12; this month when left out."""

    month: str | None = attrs.field(default=None, metadata=MONTH)


@bp.operation("GET", "/plans", summary="List the subscription plans by code, each as its current version, a page at "
              "a time", role=VIEWER, response=PlanList, query=PlanFilter)
def list_plans(call: Call) -> PlanList:
    wanted = call.query(PlanFilter)
    with parameters({}):
        return call.system.read(plan_page, api().listings, search=wanted.search, limit=wanted.limit,
                                cursor=wanted.cursor)


@bp.operation("GET", "/plans/<code>", summary="Show a plan: its currency and interval, its current version and "
              "every version with its lines", role=VIEWER, response=PlanView)
def get_plan(call: Call) -> PlanView:
    return call.system.read(queries.show_plan, call.args["code"])


@bp.operation("GET", "/subscriptions", summary="List subscriptions, newest first, a page at a time", role=VIEWER,
              response=SubscriptionList, query=SubscriptionFilter)
def list_subscriptions(call: Call) -> SubscriptionList:
    wanted = call.query(SubscriptionFilter)
    with parameters({}):
        return call.system.read(subscription_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                customer_code=wanted.customer, plan_code=wanted.plan,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/subscriptions/measures", summary="MRR and ARR at the end of a month, per currency, and the "
              "month's MRR movements: start + new + expansion + reactivation - contraction - churn = MRR, to the cent",
              role=VIEWER, response=SubscriptionMeasures, query=MonthQuery)
def get_subscription_measures(call: Call) -> SubscriptionMeasures:
    month = call.query(MonthQuery).month
    day = call.system.bus.clock.now().date() if month is None else month_named(month)
    return call.system.read(subscription_measures, day)


@bp.operation("GET", "/subscriptions/<ref>", summary="Show a subscription: its status, anchor and next period, its "
              "lines, the renewals and changes billed with their invoices and credit notes, its pauses and audit "
              "trail", role=VIEWER, response=SubscriptionView)
def get_subscription(call: Call) -> SubscriptionView:
    return call.system.read(queries.show_subscription, call.args["ref"])


bp.actions([*ACTIONS, *subscription_actions.ACTIONS, *dunning_actions.ACTIONS])
