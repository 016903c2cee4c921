"""The webhook commands, declared once: subscriptions created, changed, disabled, given a new secret, deleted."""

from __future__ import annotations

from oms.application.shared.actions import Action, Resource
from oms.application.webhooks import subscriptions as s
from oms.application.webhooks.queries import created, deleted, rotated, show_webhook
from oms.domain.access.tokens import Role

WEBHOOK = Resource(name="webhook", title="webhook", path="/webhooks", cli="webhook", tag="webhooks",
                   show=show_webhook, ref="subscription_id", ref_field="subscription_id", key=lambda view: view.id)

ACTIONS = [
    Action(WEBHOOK, "create", s.CreateWebhook, Role.MANAGER, "Subscribe a URL to events; the answer shows its "
           "signing secret, this once", path="", collection=True, status=201, creates=WEBHOOK, answer=created),
    Action(WEBHOOK, "update", s.UpdateWebhook, Role.MANAGER, "Change a webhook's URL, event types, description or "
           "active flag", method="PATCH", path=""),
    Action(WEBHOOK, "disable", s.DisableWebhook, Role.MANAGER, "Stop sending to a webhook"),
    Action(WEBHOOK, "rotate-secret", s.RotateWebhookSecret, Role.MANAGER, "Give a webhook a new signing secret, "
           "shown in the answer this once", answer=rotated),
    Action(WEBHOOK, "delete", s.DeleteWebhook, Role.MANAGER, "Delete a webhook and its deliveries",
           method="DELETE", path="", answer=deleted),
]
