"""How the CLI shows the subscriptions' views as text: a plan with its lines and versions, a subscription with its
lines, renewals, changes billed and pauses; and the one-line summary of each."""

from __future__ import annotations

import click

from oms.application.subscriptions.views import BillingView, PlanLineView, PlanView, SubscriptionView
from oms.entrypoints.cli.support import print_history, print_table, text
from oms.entrypoints.wording import plural


def plan_summary(plan: PlanView) -> str:
    """`BASIC version 2: Basic, every month, 30.00 EUR a period (2 versions)`."""
    amount = plan.period_amount
    return (f"{plan.code} version {plan.current_version}: {plan.name}, {plan.interval}, {text(amount)} "
            f"{amount.currency.code} a period ({plural(len(plan.versions), 'version')})")


def _lines(lines: list[PlanLineView]) -> None:
    print_table(["sku", "quantity", "unit price", "a period"],
                [[line.sku, text(line.quantity), text(line.unit_price), text(line.amount)] for line in lines])


def print_plan(plan: PlanView) -> None:
    """The plan, its current version's lines and terms, then every version."""
    click.echo(plan_summary(plan))
    current = plan.versions[-1]
    term = f"{plural(current.term_periods, 'period')} fixed term" if current.term_periods else "evergreen"
    click.echo(f"trial {plural(current.trial_days, 'day')}, {term}")
    click.echo("")
    _lines(current.lines)
    click.echo("")
    print_table(["version", "name", "a period", "trial days", "term", "lines"],
                [[v.version, v.name, text(v.period_amount), v.trial_days, v.term_periods or "-", len(v.lines)]
                 for v in plan.versions])


def subscription_summary(subscription: SubscriptionView) -> str:
    """`SUB-000001 active: ACME on BASIC v1, every month from 2026-03-01; next period 2026-04-01  (id ...)`."""
    period = subscription.next_period
    upcoming = f"next period {period.start}" if period else "no period to come"
    return (f"{subscription.number} {subscription.status}: {subscription.customer_code} on {subscription.plan_code} "
            f"v{subscription.plan_version}, {subscription.interval} from {subscription.anchor}; {upcoming}"
            f"{'; PAYMENT EXCEPTION' if subscription.payment_exception else ''}  (id {subscription.id})")


def _billing(records: list[BillingView]) -> list[list[object]]:
    return [[r.change, r.period_start, r.period_end, r.effective_on, text(r.charged), r.invoice or "-",
             text(r.credited), r.credit_note or "-"] for r in records]


def print_subscription(subscription: SubscriptionView) -> None:
    """The subscription, its lines, its renewals and the changes billed (with their documents), the charges of its
    invoices, its pauses and its audit trail."""
    click.echo(subscription_summary(subscription))
    click.echo(f"branch {subscription.branch_code or '-'}, ends {subscription.ends_on or 'never'}, charged to "
               f"{subscription.payment_method or 'nothing (invoices wait for a payment)'}")
    click.echo("")
    _lines(subscription.lines)
    billed = subscription.renewals + subscription.changes
    if billed:
        click.echo("")
        print_table(["billed", "period start", "period end", "effective", "charged", "invoice", "credited",
                     "credit note"],
                    _billing(sorted(billed, key=lambda r: r.at)))
    if subscription.charges:
        click.echo("")
        print_table(["charged invoice", "attempt", "amount", "outcome", "reference", "claimed"],
                    [[c.invoice, c.attempt, text(c.amount), c.outcome, c.reference or c.detail, c.claimed_at]
                     for c in subscription.charges])
    if subscription.pauses:
        click.echo("")
        print_table(["paused from", "until"], [[p.start, p.until] for p in subscription.pauses])
    print_history(subscription.history)
