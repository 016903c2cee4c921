"""Subscriptions in the console: subscriptions (a list by status, customer and plan; a page with its lines, renewals
and changes linked to their invoices and credit notes, charge attempts, pauses, audit trail and the forms of the
action table its status allows), plans (a list, a page with every version), the calendar of renewals to come and
MRR with the month's movements."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, request

from oms.application.actions import ACTIONS
from oms.application.shared.actions import Action, Resource
from oms.application.subscriptions import listings
from oms.application.subscriptions.actions import PLAN, SUBSCRIPTION
from oms.application.subscriptions.calendar import MAX_DAYS, renewal_calendar
from oms.application.subscriptions.measures import MrrView, subscription_measures
from oms.application.subscriptions.queries import show_plan, show_subscription
from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.records import SubscriptionStatus
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api

SECTIONS = (("console.subscriptions", "Subscriptions"), ("console.renewal_calendar", "Renewal calendar"),
            ("console.mrr", "MRR"), ("console.plans", "Plans"))
"""The subscription pages' own menu, under the console's "Subscriptions"."""
CALENDAR_DAYS = 31


def _can(action: Action) -> bool:
    return can(action.role)


def _today() -> date:
    return api().system.bus.clock.now().date()


def _creating(resource: Resource) -> list[Action]:
    return [action for action in ACTIONS if action.resource is resource and action.collection and _can(action)]


def subscriptions_page() -> Any:
    statuses = tuple(s for s in request.args.getlist("status") if s)
    wanted = {name: request.args.get(name, "").strip() for name in ("customer", "plan")}
    cursor = request.args.get("cursor", "").strip() or None
    return viewer_page(
        "console/subscriptions.html", lambda: api().system.read(
            listings.subscription_page, api().listings, statuses=statuses, customer_code=wanted["customer"] or None,
            plan_code=wanted["plan"] or None, limit=PAGE_SIZE, cursor=cursor),
        sections=SECTIONS, statuses=statuses, wanted=wanted, all_statuses=tuple(SubscriptionStatus),
        actions=_creating(SUBSCRIPTION), action_url=action_url,
        next_url=lambda next_cursor: next_page_url("console.subscriptions", next_cursor))


def subscription_page(ref: str) -> Any:
    """The subscription and its actions by name, those its status allows to the user; resolving only while it is
    in payment exception, resuming only while a pause has not ended."""
    today = _today()

    def actions(view: Any) -> dict[str, Action]:
        allowed = {action.name: action for action in offered(SUBSCRIPTION, str(view.status), _can)}
        if not view.payment_exception:
            allowed.pop("resolve", None)
        if not any(pause.until > today for pause in view.pauses):
            allowed.pop("resume", None)
        return allowed

    return viewer_page("console/subscription.html", lambda: api().system.read(show_subscription, ref),
                       actions=actions, has_inputs=has_inputs, action_url=action_url, sections=SECTIONS,
                       today=today.isoformat())


def plans_page() -> Any:
    search = request.args.get("search", "").strip()
    cursor = request.args.get("cursor", "").strip() or None
    return viewer_page(
        "console/plans.html", lambda: api().system.read(
            listings.plan_page, api().listings, search=search or None, limit=PAGE_SIZE, cursor=cursor),
        sections=SECTIONS, search=search, actions=_creating(PLAN), action_url=action_url,
        next_url=lambda next_cursor: next_page_url("console.plans", next_cursor))


def plan_page(ref: str) -> Any:
    """The plan with every version; the forms of its next version and of a subscription to it."""
    creating = {action.resource.name: action for action in _creating(PLAN) + _creating(SUBSCRIPTION)}
    return viewer_page("console/plan.html", lambda: api().system.read(show_plan, ref), sections=SECTIONS,
                       creating=creating, action_url=action_url)


def _days() -> int:
    given = request.args.get("days", "").strip()
    if not given:
        return CALENDAR_DAYS
    if not given.isdigit():
        raise InvalidValue("days", f"{given!r} is not a whole number of days from 1 to {MAX_DAYS}")
    return int(given)


def calendar_page() -> Any:
    """The renewals of the next `days` days (31 unless the page asks for others), from today."""
    return viewer_page("console/renewal_calendar.html",
                       lambda: api().system.read(renewal_calendar, _today(), _days()),
                       sections=SECTIONS, days=request.args.get("days", "").strip() or str(CALENDAR_DAYS))


def _month() -> date:
    """The first day of the month the page asks for (YYYY-MM), this month unless it asks."""
    given = request.args.get("month", "").strip()
    if not given:
        return _today().replace(day=1)
    try:
        return date.fromisoformat(f"{given}-01")
    except ValueError:
        raise InvalidValue("month", f"{given!r} is not a month (YYYY-MM)") from None


def reconciles(mrr: MrrView) -> bool:
    """Whether the month's movements lead from the MRR at its start to the MRR at its end, to the cent."""
    moved = (mrr.mrr_start.amount + mrr.new.amount + mrr.expansion.amount + mrr.reactivation.amount
             - mrr.contraction.amount - mrr.churn.amount)
    return moved == mrr.mrr.amount


def mrr_page() -> Any:
    month = request.args.get("month", "").strip()
    return viewer_page("console/mrr.html", lambda: api().system.read(subscription_measures, _month()),
                       sections=SECTIONS, month=month, reconciles=reconciles)


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule(SUBSCRIPTION.path, "subscriptions", subscriptions_page)
    bp.add_url_rule(f"{SUBSCRIPTION.path}/<path:ref>", "subscription", subscription_page)
    bp.add_url_rule(PLAN.path, "plans", plans_page)
    bp.add_url_rule(f"{PLAN.path}/<path:ref>", "plan", plan_page)
    bp.add_url_rule("/renewal-calendar", "renewal_calendar", calendar_page)
    bp.add_url_rule("/mrr", "mrr", mrr_page)
    DETAIL_PAGES[SUBSCRIPTION.name] = "console.subscription"
    DETAIL_PAGES[PLAN.name] = "console.plan"
    add_to_menu("console.subscriptions", "Subscriptions")
