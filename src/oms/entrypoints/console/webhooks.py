"""Webhooks in the console, for managers: the subscriptions (never their secrets: the page after creating one or
rotating its secret shows it once), one with its recent deliveries and its actions, and the failed deliveries with
a button that resends each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from oms.application.actions import ACTIONS
from oms.application.webhooks.actions import WEBHOOK
from oms.application.webhooks.queries import list_webhooks, show_webhook
from oms.application.webhooks.subscriptions import resend_delivery
from oms.application.webhooks.views import DeliveryView
from oms.domain.access.tokens import Role
from oms.domain.shared.errors import DomainError
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can, require
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for

RECENT = 50


def _as_manager(answer: Callable[[], Any]) -> Any:
    """The answer for a manager (others are sent to sign in, or refused), or the page of the rule it broke."""
    user = require(Role.MANAGER)
    if isinstance(user, Response):
        return user
    try:
        return answer()
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status


def _page(template: str, read: Callable[[], dict[str, Any]], **context: Any) -> Any:
    return _as_manager(lambda: render_template(f"console/{template}.html", **read(), **context))


def webhooks_page() -> Any:
    create = [action for action in ACTIONS if action.resource is WEBHOOK and action.collection]
    return _page("webhooks", lambda: {"view": api().system.read(list_webhooks)}, actions=create,
                 action_url=action_url)


def webhook_page(ref: str) -> Any:
    def read() -> dict[str, Any]:
        view = api().system.read(show_webhook, ref)
        deliveries = api().webhooks.deliveries(subscription_id=ref, limit=RECENT)
        return {"view": view, "deliveries": [DeliveryView.of(d) for d in deliveries]}

    return _page("webhook", read, buttons=offered(WEBHOOK, None, lambda action: can(action.role)),
                 has_inputs=has_inputs, action_url=action_url)


def failed_page() -> Any:
    return _page("webhook_deliveries", lambda: {"deliveries": [DeliveryView.of(d) for d in api().webhooks.deliveries(
        status=DeliveryStatus.FAILED, limit=RECENT * 4)]})


def resend(delivery_id: str) -> Any:
    """POST (a button with its CSRF token): the failed delivery is due again at once."""
    def answer() -> Any:
        delivery = resend_delivery(api().webhooks, api().clock, delivery_id)
        flash(f"Delivery of {delivery.event_type} {delivery.event_id} is due again", "done")
        return redirect(url_for("console.failed_webhook_deliveries"))

    return _as_manager(answer)


def register(bp: Blueprint) -> None:
    bp.add_url_rule(WEBHOOK.path, "webhooks", webhooks_page)
    bp.add_url_rule("/webhook-deliveries/failed", "failed_webhook_deliveries", failed_page)
    bp.add_url_rule("/webhook-deliveries/<delivery_id>/resend", "resend_webhook_delivery", resend, methods=["POST"])
    bp.add_url_rule(f"{WEBHOOK.path}/<ref>", "webhook", webhook_page)
    DETAIL_PAGES[WEBHOOK.name] = "console.webhook"
