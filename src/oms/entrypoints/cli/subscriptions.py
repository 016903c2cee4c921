"""`oms plan ...`, `oms subscription ...` and `oms renewals run`: plans and subscriptions. The lists, the measures
(MRR, ARR and a month's movements) and the renewal job are written by hand; `show` prints a plan with its versions
or a subscription with what it billed (see `subscription_views`); the other commands come from the action table
(see `actions`): `plan create CODE --line SKU:QTY:PRICE`, `subscription create --customer ACME --branch BER --plan
BASIC --start-day DAY`, `subscription quantity REF SKU QTY`, `subscription plan REF PLAN`, `subscription
pause|resume|cancel|renew|resolve REF`."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from oms.application.processes.subscription_renewals import BATCH, RenewalRun, renew_due_subscriptions
from oms.application.subscriptions.actions import SUBSCRIPTION
from oms.application.subscriptions.listings import plan_page, subscription_page
from oms.application.subscriptions.measures import SubscriptionMeasures, month_named, subscription_measures
from oms.application.subscriptions.subscriptions import subscription_by_ref
from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.records import SubscriptionStatus
from oms.entrypoints.cli.document_events import events_command
from oms.entrypoints.cli.exits import Refused
from oms.entrypoints.cli.support import (
    ISO_DATE,
    CliContext,
    fail,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)
from oms.entrypoints.wording import plural
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_LIMIT

LIMIT = click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT, show_default=True)
CURSOR = click.option("--cursor", help="Where the previous page ended (printed under it).")


@click.group("plan")
def plan() -> None:
    """Subscription plans: products billed every period at their prices, in versions (a new version's prices apply
    from each subscription's next renewal)."""


@plan.command("list", help="List the plans by code, each as its current version, a page at a time.")
@click.option("--search", help="A part of the code or of the name, in any case.")
@LIMIT
@CURSOR
@json_option
@pass_cli
def list_plans(cli: CliContext, /, search: str | None, limit: int, cursor: str | None, as_json: bool) -> None:
    found = cli.system.read(plan_page, cli.runtime.listings, search=search, limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["code", "version", "name", "interval", "a period", "currency"],
                [[p.code, p.current_version, p.name, p.interval, text(p.period_amount), p.currency]
                 for p in found.items])
    print_next_page(found.next_cursor)


@click.group("subscription")
def subscription() -> None:
    """Subscriptions: a customer's plan billed every period by a posted invoice, changed, paused and cancelled with
    the days prorated."""


events_command(subscription, SUBSCRIPTION, subscription_by_ref)


@subscription.command("list", help="List subscriptions, newest first, a page at a time.")
@click.option("--status", "status", multiple=True, type=click.Choice([s.value for s in SubscriptionStatus]),
              help="Repeat for any of several.")
@click.option("--customer", help="Customer code.")
@click.option("--plan", "plan_code", help="Plan code (any of its versions).")
@LIMIT
@click.option("--order", type=click.Choice(["newest", "oldest"]), default="newest", show_default=True)
@CURSOR
@json_option
@pass_cli
def list_subscriptions(cli: CliContext, /, status: tuple[str, ...], customer: str | None, plan_code: str | None,
                       limit: int, order: str, cursor: str | None, as_json: bool) -> None:
    found = cli.system.read(subscription_page, cli.runtime.listings, statuses=status, customer_code=customer,
                            plan_code=plan_code, newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "status", "customer", "plan", "version", "next period", "a period", "currency"],
                [[s.number, s.status, s.customer_code, s.plan_code, s.plan_version, s.next_period_start,
                  text(s.period_amount), s.period_amount.currency.code] for s in found.items])
    print_next_page(found.next_cursor)


class Month(click.ParamType[date]):
    """A month written YYYY-MM (from 1900-01 to 2999-12): its first day."""

    name = "month"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return month_named(str(value).strip())
        except InvalidValue as error:
            self.fail(error.detail, param, ctx)


def print_measures(found: SubscriptionMeasures) -> None:
    """MRR, ARR and the count per currency, then the month's movements in the order they add up."""
    click.echo(f"MRR at the end of {found.month} ({found.last_day}), before tax:")
    if not found.currencies:
        click.echo("none: no subscription had MRR at the start or the end of the month")
        return
    print_table(["currency", "MRR", "ARR", "subscriptions"],
                [[m.currency, text(m.mrr), text(m.arr), m.subscriptions] for m in found.currencies])
    click.echo("")
    click.echo(f"Movements in {found.month}: start + new + expansion + reactivation - contraction - churn = MRR")
    print_table(["currency", "start", "new", "expansion", "reactivation", "contraction", "churn", "MRR"],
                [[m.currency, *(text(amount) for amount in (m.mrr_start, m.new, m.expansion, m.reactivation,
                                                             m.contraction, m.churn, m.mrr))]
                 for m in found.currencies])


@subscription.command("measures", help="MRR and ARR at the end of a month, per currency, and the month's MRR "
                      "movements, which add up to the cent: start + new + expansion + reactivation - contraction - "
                      "churn = MRR. Subscription-based, before tax, each price as a month (yearly / 12, every N "
                      "months / N, weekly x 52 / 12); trialing, paused, unpaid, cancelled and expired subscriptions "
                      "count nothing, past_due ones count.")
@click.option("--month", type=Month(), help="The month measured (default: this month).")
@json_option
@pass_cli
def measures(cli: CliContext, /, month: date | None, as_json: bool) -> None:
    found = cli.system.read(subscription_measures, month or cli.system.bus.clock.now().date())
    if as_json:
        print_json(found)
    else:
        print_measures(found)


@click.group("renewals")
def renewals() -> None:
    """Renewals of subscriptions: the scheduler's daily job, run by hand."""


def _numbers(uow: Any, done: RenewalRun) -> dict[str, list[str]]:
    """The numbers of the invoices each subscription's renewal made (read together: a run may make 100,000)."""
    made = uow.invoicing.invoices.by_ids([invoice for invoices in done.renewed.values() for invoice in invoices])
    return {number: [str(made[invoice].number) for invoice in invoices] for number, invoices in done.renewed.items()}


@renewals.command("run", help="Renew every period due by --until (default: today), as the daily job does: every "
                  "subscription's periods that start on or before that day, in order, each made into one sales order "
                  f"and one posted invoice billing it, dated today, {BATCH} subscriptions a transaction (a batch that "
                  "fails is renewed again one subscription a transaction). "
                  "Run again, it bills nothing more. Prints per subscription the invoices made, or why it failed "
                  "(then exits 1).")
@click.option("--until", type=ISO_DATE, help="The last day whose periods are renewed: today or a day before.")
@json_option
@pass_cli
def run(cli: CliContext, /, until: date | None, as_json: bool) -> None:
    system = cli.serving_runtime().system  # a long job: master data kept in memory, as the scheduler keeps it
    today = system.bus.clock.now().date()
    if until is not None and until > today:
        fail(f"invalid --until: {until} is after today ({today}); a period is billed once it has started")
    done = renew_due_subscriptions(system, until or today, actor=cli.actor)
    invoices = system.read(_numbers, done)
    if as_json:
        print_json({"renewed": invoices, "failed": done.failed})
    else:
        for number, made in invoices.items():
            click.echo(f"{number}: {plural(len(made), 'invoice')}" + (f" {', '.join(made)}" if made else
                                                                       " (nothing billed)"))
        for number, reason in done.failed.items():
            click.echo(f"{number} failed: {reason}")
        click.echo(f"{plural(len(invoices), 'subscription')} renewed, "
                   f"{plural(sum(len(made) for made in invoices.values()), 'invoice')} made")
    if done.failed:
        raise Refused(f"{plural(len(done.failed), 'subscription')} failed to renew: {', '.join(done.failed)}")
