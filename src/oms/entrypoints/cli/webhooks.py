"""`oms webhook list|deliveries|resend` and `oms webhooks deliver` (create, show, update, disable, rotate-secret and
delete come from the actions' table): the subscriptions of outside URLs to oms events, their deliveries, and the
worker that sends them."""

from __future__ import annotations

import time

import click

from oms.application.webhooks.queries import list_webhooks
from oms.application.webhooks.subscriptions import resend_delivery
from oms.application.webhooks.views import DeliveryView
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table
from oms.entrypoints.wording import plural


@click.group("webhook")
def webhook() -> None:
    """Webhook subscriptions: outside URLs that get oms events, signed (see docs/webhooks.md)."""


@webhook.command("list")
@json_option
@pass_cli
def list_subscriptions(cli: CliContext, as_json: bool) -> None:
    """List the webhook subscriptions (never their secrets)."""
    views = cli.system.read(list_webhooks)
    if as_json:
        print_json(views)
    else:
        print_table(["id", "url", "event_types", "active", "description"],
                    [[v.id, v.url, ",".join(v.event_types), "yes" if v.active else "no", v.description]
                     for v in views.items])


@webhook.command("deliveries")
@click.option("--subscription", "subscription_id", default=None, help="Only this subscription's.")
@click.option("--failed", is_flag=True, help="Only the failed ones (resend them with `oms webhook resend`).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000), help="At most this many.")
@json_option
@pass_cli
def deliveries(cli: CliContext, subscription_id: str | None, failed: bool, limit: int, as_json: bool) -> None:
    """The newest deliveries first."""
    views = [DeliveryView.of(d) for d in cli.runtime.webhooks.deliveries(
        subscription_id=subscription_id, status=DeliveryStatus.FAILED if failed else None, limit=limit)]
    if as_json:
        print_json(views)
    else:
        print_table(["id", "subscription", "event", "type", "status", "attempts", "last"],
                    [[v.id, v.subscription_id, v.event_id, v.event_type, v.status, v.attempts,
                      v.last_error or (v.last_status_code or "-")] for v in views])


@webhook.command("resend")
@click.argument("delivery_id")
@pass_cli
def resend(cli: CliContext, delivery_id: str) -> None:
    """Send a failed delivery again, at once and with fresh attempts."""
    resend_delivery(cli.runtime.webhooks, cli.system.bus.clock, delivery_id)
    click.echo(f"delivery {delivery_id} is due again")


@click.group("webhooks")
def webhooks() -> None:
    """The webhook delivery worker."""


@webhooks.command("deliver")
@click.option("--batches", default=1, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many batches to send before stopping (a batch: up to 50 due deliveries).")
@click.option("--idle", default=1.0, show_default=True, type=click.FloatRange(0, 60),
              help="Seconds to wait when nothing is due.")
@pass_cli
def deliver(cli: CliContext, batches: int, idle: float) -> None:
    """Send the due deliveries: signed POSTs, retried with backoff, failed after 8 attempts."""
    sent = cli.runtime.webhook_worker().run(batches=batches, idle=(lambda: time.sleep(idle)) if batches > 1 else None)
    click.echo(f"{sent} deliveries attempted")


@webhooks.command("forget-delivered")
@pass_cli
def forget_delivered(cli: CliContext) -> None:
    """Delete the deliveries delivered longer ago than OMS_WEBHOOK_RETENTION_DAYS (default 30; the hourly job, run
    now); failed ones are kept. Answers how many."""
    forgotten = cli.runtime.webhook_worker().forget_delivered()
    click.echo(f"{plural(forgotten, 'delivered webhook delivery', 'delivered webhook deliveries')} forgotten")
