"""Webhooks: the subscriptions (changed as their actions declare; never their secrets but in the answer that makes
or rotates one), their deliveries, the failed ones, and resending one."""

from __future__ import annotations

from attrs import frozen

from oms.application.webhooks.actions import ACTIONS, WEBHOOK
from oms.application.webhooks.queries import list_webhooks, show_webhook
from oms.application.webhooks.subscriptions import resend_delivery
from oms.application.webhooks.views import DeliveriesView, DeliveryView, WebhooksView, WebhookView
from oms.domain.access.tokens import Role
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call

bp = ApiBlueprint("webhooks", __name__, tag=WEBHOOK.tag)


@frozen(kw_only=True)
class DeliveriesQuery:
    """The newest deliveries first, only the failed ones when asked."""

    failed: bool = False
    limit: int = 50


def _deliveries(subscription_id: str | None, wanted: DeliveriesQuery) -> DeliveriesView:
    found = api().webhooks.deliveries(subscription_id=subscription_id, limit=max(1, min(wanted.limit, 500)),
                                      status=DeliveryStatus.FAILED if wanted.failed else None)
    return DeliveriesView(items=[DeliveryView.of(delivery) for delivery in found])


@bp.operation("GET", WEBHOOK.path, summary="The webhook subscriptions, oldest first (never their secrets)",
              role=Role.MANAGER, response=WebhooksView)
def list_webhook_subscriptions(call: Call) -> WebhooksView:
    return call.system.read(list_webhooks)


@bp.operation("GET", f"{WEBHOOK.path}/<subscription_id>", summary="Show a webhook subscription (never its secret)",
              role=Role.MANAGER, response=WebhookView)
def get_webhook(call: Call) -> WebhookView:
    return call.system.read(show_webhook, call.args["subscription_id"])


@bp.operation("GET", f"{WEBHOOK.path}/<subscription_id>/deliveries", summary="A webhook's deliveries, newest first",
              role=Role.MANAGER, response=DeliveriesView, query=DeliveriesQuery)
def list_webhook_deliveries(call: Call) -> DeliveriesView:
    call.system.read(show_webhook, call.args["subscription_id"])  # 404 for an unknown one
    return _deliveries(call.args["subscription_id"], call.query(DeliveriesQuery))


@bp.operation("GET", "/webhook-deliveries", summary="Every webhook's deliveries, newest first; `failed=true` for "
              "those that failed, to resend", role=Role.MANAGER, response=DeliveriesView, query=DeliveriesQuery)
def list_all_webhook_deliveries(call: Call) -> DeliveriesView:
    return _deliveries(None, call.query(DeliveriesQuery))


@bp.operation("POST", "/webhook-deliveries/<delivery_id>/resend", summary="Send a failed delivery again, at once "
              "and with fresh attempts", role=Role.MANAGER, response=DeliveryView, errors=(404, 409))
def resend_webhook_delivery(call: Call) -> DeliveryView:
    return DeliveryView.of(resend_delivery(api().webhooks, api().clock, call.args["delivery_id"]))


bp.actions(ACTIONS)
