"""`oms plan|subscription|renewals ...` through Click's runner: plans in versions, a subscription renewed, changed,
paused, cancelled and resolved at the terminal, and the renewal job catching up an outage one invoice per period."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from click.testing import CliRunner

import oms
from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.json.converter import unstructure
from oms.entrypoints.runtime import Runtime
from tests.unit.application.test_subscription_measures import build_book

from .conftest import Run


def as_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def on(system: oms.OrderManagement, day: date) -> None:
    clock = system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def subscribe(run: Run, system: oms.OrderManagement, start: date, *options: str) -> str:
    on(system, start)
    made = as_json(run, "subscription", "create", "--customer", "ACME", "--branch", "BER", "--plan", "BASIC",
                   "--start-day", start.isoformat(), *options)
    return str(made["number"])


def renewals(run: Run, number: str) -> list[tuple[str, str | None]]:
    """(period start, invoice number) of every renewal of the subscription."""
    return [(r["period_start"], r["invoice"]) for r in as_json(run, "subscription", "show", number)["renewals"]]


@pytest.fixture
def plans(system: oms.OrderManagement, run: Run) -> oms.OrderManagement:
    """SEAT, a service; the plans BASIC (a SEAT at 30.00 a month) and PRO (at 60.00), made at the terminal."""
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    for code, price in (("BASIC", "30.00"), ("PRO", "60.00")):
        made = run("plan", "create", code, "--name", code.title(), "--currency", "EUR", "--line", f"SEAT:1:{price}")
        assert made.exit_code == 0, made.stderr
    return system


def test_a_plan_made_again_is_its_next_version_listed_and_shown_with_every_version(
        run: Run, plans: oms.OrderManagement) -> None:
    again = run("plan", "create", "BASIC", "--name", "Basic", "--currency", "EUR", "--line", "SEAT:2:12.50",
                "--trial-days", "14")

    listed = run("plan", "list", "--search", "bas")
    shown = run("plan", "show", "BASIC")

    assert again.stdout == "BASIC version 2: Basic, every month, 25.00 EUR a period (2 versions)\n"
    assert listed.stdout.splitlines()[2].split() == ["BASIC", "2", "Basic", "every", "month", "25.00", "EUR"]
    assert len(listed.stdout.splitlines()) == 3
    assert "trial 14 days, evergreen" in shown.stdout
    assert [line.split()[:3] for line in shown.stdout.splitlines() if line.lstrip().startswith(("1 ", "2 "))] == [
        ["1", "Basic", "30.00"], ["2", "Basic", "25.00"]]
    assert as_json(run, "plan", "show", "BASIC") == unstructure(plans.read(oms.show_plan, "BASIC"))


def test_a_plan_line_without_a_price_or_with_a_bad_one_is_refused_naming_it(
        run: Run, plans: oms.OrderManagement) -> None:
    unpriced = run("plan", "create", "CHEAP", "--name", "Cheap", "--currency", "EUR", "--line", "SEAT:1")
    negative = run("plan", "create", "CHEAP", "--name", "Cheap", "--currency", "EUR", "--line", "SEAT:1:1.00",
                   "--line", "SEAT:1:-2")
    unknown = run("subscription", "create", "--customer", "ACME", "--branch", "BER", "--plan", "NOPE",
                  "--start-day", "2026-03-01")

    assert (unpriced.exit_code, unpriced.stderr) == (2, "Error: invalid line 'SEAT:1': write "
                                                        "SKU:QUANTITY:UNIT_PRICE\n")
    assert negative.exit_code == 2
    assert "lines[1].unit_price" in negative.stderr
    assert (unknown.exit_code, unknown.stderr) == (1, "Error: plan 'NOPE' not found\n")
    assert run("plan", "list").stdout.split().count("CHEAP") == 0


def test_a_subscription_is_renewed_once_changed_paused_and_cancelled_at_the_terminal(
        run: Run, plans: oms.OrderManagement) -> None:
    number = subscribe(run, plans, date(2026, 3, 1))
    first = run("subscription", "renew", number)
    second = run("subscription", "renew", number, "--json")
    on(plans, date(2026, 3, 22))  # 10 of March's 31 days left

    more = as_json(run, "subscription", "quantity", number, "SEAT", "3")
    upgraded = as_json(run, "subscription", "plan", number, "PRO", "--quantity", "SEAT:3")
    paused = run("subscription", "pause", number, "--start", "2026-04-01", "--until", "2026-05-01")
    resumed = as_json(run, "subscription", "resume", number)
    ended = run("subscription", "cancel", number, "--at-period-end", "--reason", "moving on")

    assert first.stdout.startswith(f"{number} active: ACME on BASIC v1, every month from 2026-03-01; next period "
                                   "2026-04-01")
    assert json.loads(second.stdout)["renewals"] == as_json(run, "subscription", "show", number)["renewals"]
    [(start, invoice)] = renewals(run, number)
    assert start == "2026-03-01"
    assert plans.invoice(str(invoice)).totals.net_total.amount == oms.Money.of("30.00", "EUR").amount
    assert [(c["change"], c["credited"]["amount"], c["charged"]["amount"]) for c in upgraded["changes"]] == [
        ("quantity", "9.68", "29.03"), ("plan", "29.03", "58.06")]
    assert more["lines"][0]["quantity"] == "3"
    assert paused.exit_code == 0, paused.stderr
    assert resumed["pauses"] == []
    assert ended.exit_code == 0, ended.stderr
    shown = run("subscription", "show", number).stdout
    assert "ends 2026-04-01" in shown
    assert [line.split()[0] for line in shown.splitlines() if line.startswith(("renewal", "quantity", "plan "))] == [
        "renewal", "quantity", "plan"]


def test_a_payment_exception_is_resolved_with_a_reason_and_only_then(run: Run, plans: oms.OrderManagement) -> None:
    number = subscribe(run, plans, date(2026, 3, 1))
    with plans.bus.uow_factory() as uow:  # as the payment process marks a charge whose outcome is unknown
        found = uow.subscriptions.subscriptions.by_number(number)
        assert found is not None
        found.payment_outcome_unknown(datetime(2026, 3, 1, tzinfo=UTC))
        uow.commit()

    skipped = run("renewals", "run")
    without = run("subscription", "resolve", number, "--reason", " ")
    resolved = as_json(run, "subscription", "resolve", number, "--reason", "the bank confirmed the charge")
    again = run("subscription", "resolve", number, "--reason", "twice")

    assert skipped.stdout == "0 subscriptions renewed, 0 invoices made\n"
    assert (without.exit_code, "reason" in without.stderr) == (2, True)
    assert resolved["payment_exception"] is False
    assert (again.exit_code, "SubscriptionMustBeInPaymentException" in again.stderr) == (1, True)


def test_the_renewal_job_until_a_day_catches_up_one_invoice_a_period_and_a_rerun_makes_none(
        run: Run, plans: oms.OrderManagement) -> None:
    number = subscribe(run, plans, date(2026, 1, 15))
    on(plans, date(2026, 4, 20))  # the job did not run for three months

    until_march = run("renewals", "run", "--until", "2026-03-31")
    rerun = run("renewals", "run", "--until", "2026-03-31")
    today = as_json(run, "renewals", "run")

    assert until_march.exit_code == 0, until_march.stderr
    made = renewals(run, number)
    assert [start for start, _ in made] == ["2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15"]
    first_three = ", ".join(str(invoice) for _, invoice in made[:3])
    assert until_march.stdout == f"{number}: 3 invoices {first_three}\n1 subscription renewed, 3 invoices made\n"
    assert rerun.stdout == "0 subscriptions renewed, 0 invoices made\n"
    assert today == {"renewed": {number: [made[3][1]]}, "failed": {}}
    assert len({invoice for _, invoice in made}) == 4


def test_the_renewal_job_reports_a_failure_exits_1_and_renews_the_others(
        run: Run, plans: oms.OrderManagement) -> None:
    plans.handle(oms.CreateBranch(code="PAR", name="Paris", currency="EUR", tax_jurisdiction="FR"))  # no tax rate
    good = subscribe(run, plans, date(2026, 3, 1))
    bad = as_json(run, "subscription", "create", "--customer", "ACME", "--branch", "PAR", "--plan", "BASIC",
                  "--start-day", "2026-03-01")["number"]

    done = run("renewals", "run")
    ahead = run("renewals", "run", "--until", "2026-03-02")

    assert done.exit_code == 1
    assert done.stdout.startswith(f"{good}: 1 invoice INV-2026-")
    assert f"{bad} failed: " in done.stdout
    assert "TaxRateMustBeConfigured" in done.stdout
    assert done.stderr == f"Error: 1 subscription failed to renew: {bad}\n"
    assert (ahead.exit_code, "after today" in ahead.stderr) == (2, True)


def test_the_renewal_job_at_the_terminal_runs_on_a_runtime_that_keeps_master_data_as_the_scheduler_does(
        run: Run, plans: oms.OrderManagement) -> None:
    number = subscribe(run, plans, date(2026, 3, 1))

    def plain() -> Runtime:
        raise AssertionError("a long job ran on a runtime that reads master data again in every transaction")

    done = CliRunner().invoke(main, ["renewals", "run"], obj=CliContext(plain,
                                                                          serving_factory=lambda: Runtime.of(plans)))

    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"{number}: 1 invoice INV-2026-")


def test_subscriptions_are_listed_by_status_customer_and_plan(run: Run, plans: oms.OrderManagement) -> None:
    basic = subscribe(run, plans, date(2026, 3, 1))
    pro = as_json(run, "subscription", "create", "--customer", "ACME", "--branch", "BER", "--plan", "PRO",
                  "--start-day", "2026-03-01", "--quantity", "SEAT:2")["number"]
    run("subscription", "cancel", basic)

    every = run("subscription", "list").stdout.splitlines()
    running = as_json(run, "subscription", "list", "--status", "active", "--plan", "PRO", "--customer", "ACME")

    assert [line.split()[:4] for line in every[2:]] == [[pro, "active", "ACME", "PRO"],
                                                        [basic, "cancelled", "ACME", "BASIC"]]
    assert [(s["number"], s["period_amount"]["amount"]) for s in running["items"]] == [(pro, "120.00")]


def test_a_charge_answered_at_the_terminal_pays_the_invoice_and_the_card_is_replaced(
        run: Run, plans: oms.OrderManagement) -> None:
    number = subscribe(run, plans, date(2026, 3, 1), "--payment-method", "tok_visa", "--retry-day", "2",
                       "--retry-day", "5", "--after-last-failure", "cancelled")
    renewed = run("subscription", "renew", number)
    [(_, invoice)] = renewals(run, number)
    assert invoice is not None

    pending = run("subscription", "charge-outcome", number, "--invoice", invoice, "--attempt", "0",
                  "--outcome", "pending")
    answered = run("subscription", "charge-outcome", number, "--invoice", invoice, "--attempt", "0",
                   "--outcome", "succeeded", "--reference", "ch_1")
    replaced = run("subscription", "payment-method", number, "--payment-method", "tok_mc")
    shown = run("subscription", "show", number)

    assert renewed.exit_code == 0, renewed.stderr
    assert (pending.exit_code, pending.stderr.strip()) == (
        2, "Error: invalid outcome: an answer is succeeded, failed or unknown")
    assert answered.exit_code == 0, answered.stderr
    assert replaced.exit_code == 0, replaced.stderr
    assert "charged to tok_mc" in shown.stdout
    assert [invoice, "0", "35.70", "succeeded", "ch_1"] in [line.split()[:5] for line in shown.stdout.splitlines()]
    assert as_json(run, "invoice", "show", invoice)["payment_status"] == "paid"


def test_the_measures_of_a_month_print_mrr_arr_and_the_movements_that_add_up_to_it(
        run: Run, system: oms.OrderManagement) -> None:
    clock = system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    build_book(system, clock)  # peers.md 6d case 1: A to G

    shown = run("subscription", "measures", "--month", "2026-03")
    this_month = as_json(run, "subscription", "measures")
    february = as_json(run, "subscription", "measures", "--month", "2026-02")
    bad = run("subscription", "measures", "--month", "2026-13")

    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "MRR at the end of 2026-03 (2026-03-31), before tax:"
    assert lines[3].split() == ["EUR", "203.33", "2440.00", "4"]
    assert lines[5] == "Movements in 2026-03: start + new + expansion + reactivation - contraction - churn = MRR"
    assert lines[8].split() == ["EUR", "20.00", "203.33", "0.00", "0.00", "0.00", "20.00", "203.33"]
    assert this_month == unstructure(system.read(oms.subscription_measures, date(2026, 3, 17)))
    assert [(m["mrr_start"]["amount"], m["churn"]["amount"], m["mrr"]["amount"]) for m in february["currencies"]] == [
        ("50.00", "30.00", "20.00")]
    assert (bad.exit_code, bad.stderr.splitlines()[-1]) == (
        2, "Error: Invalid value for '--month': '2026-13' is not a month: write YYYY-MM, e.g. 2026-03 (from 1900-01 "
           "to 2999-12)")


def test_the_measures_of_a_month_without_subscriptions_say_so(run: Run) -> None:
    shown = run("subscription", "measures", "--month", "2026-03")

    assert shown.stdout == ("MRR at the end of 2026-03 (2026-03-31), before tax:\n"
                            "none: no subscription had MRR at the start or the end of the month\n")
