"""`oms webhook create|list|show|update|disable|delete|rotate-secret|deliveries|resend` and `oms webhooks deliver`:
the subscriptions of outside URLs to oms events, and the worker that sends their deliveries."""

from __future__ import annotations

import time
from collections.abc import Callable

import click

from oms.application.webhooks import subscriptions as use
from oms.application.webhooks.delivery import DeliveryWorker
from oms.application.webhooks.views import DeliveryView, SubscriptionView
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table
from oms.ports.webhooks.store import WebhookStore


@click.group("webhook")
def webhook() -> None:
    """Webhook subscriptions: outside URLs that get oms events, signed (see docs/webhooks.md)."""


def _show(view: SubscriptionView, as_json: bool) -> None:
    if as_json:
        print_json(view)
    else:
        print_table(["id", "url", "event_types", "active", "description"],
                    [[view.id, view.url, ",".join(view.event_types), "yes" if view.active else "no",
                      view.description]])


def _secret(created: use.CreatedSubscription, what: str) -> None:
    click.echo(f"webhook {created.subscription.id} {what}; its secret, shown only now:", err=True)
    click.echo(created.secret)


@webhook.command("create")
@click.option("--url", required=True, help="The http or https URL oms POSTs the events to.")
@click.option("--event-type", "event_types", multiple=True, default=("*",), show_default=True,
              help="An event type it wants (repeat the option); * for every event.")
@click.option("--secret", default=None, help="The signing secret (16 to 200 characters); generated when left out.")
@click.option("--description", default="", help="What it is for.")
@pass_cli
def create(cli: CliContext, url: str, event_types: tuple[str, ...], secret: str | None, description: str) -> None:
    """Subscribe a URL and print its signing secret, shown this once."""
    created = use.create_subscription(cli.runtime.webhooks, cli.system.bus.clock, url=url, event_types=event_types,
                                      secret=secret, description=description)
    _secret(created, f"for {url}")


@webhook.command("list")
@json_option
@pass_cli
def list_subscriptions(cli: CliContext, as_json: bool) -> None:
    """List the subscriptions (never their secrets)."""
    views = [SubscriptionView.of(s) for s in cli.runtime.webhooks.subscriptions()]
    if as_json:
        print_json(views)
    else:
        print_table(["id", "url", "event_types", "active", "description"],
                    [[v.id, v.url, ",".join(v.event_types), "yes" if v.active else "no", v.description]
                     for v in views])


@webhook.command("show")
@click.argument("subscription_id")
@json_option
@pass_cli
def show(cli: CliContext, subscription_id: str, as_json: bool) -> None:
    """Show a subscription (never its secret)."""
    _show(SubscriptionView.of(cli.runtime.webhooks.subscription(subscription_id)), as_json)


@webhook.command("update")
@click.argument("subscription_id")
@click.option("--url", default=None, help="A new URL.")
@click.option("--event-type", "event_types", multiple=True, help="The event types it wants now (repeat); * for all.")
@click.option("--description", default=None, help="A new description.")
@click.option("--active/--inactive", default=None, help="Send to it, or stop.")
@json_option
@pass_cli
def update(cli: CliContext, subscription_id: str, url: str | None, event_types: tuple[str, ...],
           description: str | None, active: bool | None, as_json: bool) -> None:
    """Change a subscription's URL, event types, description or active flag."""
    changed = use.update_subscription(cli.runtime.webhooks, subscription_id, url=url,
                                      event_types=event_types or None, description=description, active=active)
    _show(SubscriptionView.of(changed), as_json)


def _subscription_command(name: str, change: Callable[[WebhookStore, str], object], done: str, doc: str) -> None:
    @webhook.command(name, help=doc)
    @click.argument("subscription_id")
    @pass_cli
    def command(cli: CliContext, subscription_id: str) -> None:
        change(cli.runtime.webhooks, subscription_id)
        click.echo(f"webhook {subscription_id} {done}")


_subscription_command("disable", use.disable_subscription, "disabled",
                      "Stop sending to a subscription (`update --active` sends again).")
_subscription_command("delete", use.delete_subscription, "deleted", "Delete a subscription and its deliveries.")


@webhook.command("rotate-secret")
@click.argument("subscription_id")
@pass_cli
def rotate(cli: CliContext, subscription_id: str) -> None:
    """Give a subscription a new secret, printed this once; it signs every delivery sent from now on."""
    _secret(use.rotate_secret(cli.runtime.webhooks, subscription_id), "has a new secret")


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
    use.resend_delivery(cli.runtime.webhooks, cli.system.bus.clock, delivery_id)
    click.echo(f"delivery {delivery_id} is due again")


@click.group("webhooks")
def webhooks() -> None:
    """The webhook delivery worker."""


@webhooks.command("deliver")
@click.option("--batches", default=1, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many batches to send before stopping (a batch: up to 20 due deliveries).")
@click.option("--idle", default=1.0, show_default=True, type=click.FloatRange(0, 60),
              help="Seconds to wait when nothing is due.")
@pass_cli
def deliver(cli: CliContext, batches: int, idle: float) -> None:
    """Send the due deliveries: signed POSTs, retried with backoff, failed after 8 attempts."""
    from oms.adapters.webhooks.http import Urllib3WebhookSender

    worker = DeliveryWorker(cli.runtime.webhooks, Urllib3WebhookSender(), cli.system.bus.clock)
    sent = worker.run(batches=batches, idle=(lambda: time.sleep(idle)) if batches > 1 else None)
    click.echo(f"{sent} deliveries attempted")
