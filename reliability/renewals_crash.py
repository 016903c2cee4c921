"""Renewals killed midway (peers.md 3d.3): many subscriptions due on one day, the renewal job started in three
processes at once, one of them killed with SIGKILL while it renews or charges, then the job run once more. Exactly
one renewal and one invoice per (subscription, period), every pointer advanced by exactly one period, one charge
attempt per invoice, authorised once at the provider and paid once, whatever was killed.

The subscriptions are made on the target's database as benchmark l makes them (a plan of one service at 30.00 a month,
each subscription starting on the renewal day, so one period each is due, charged to a card); the job runs in
processes of its own (`python -m reliability.renewal_worker URL DAY --charge`), as the scheduler would, and charges
through a provider that records every call in the database (`recording_provider.py`).
"""

from __future__ import annotations

import os
import signal
import time

from attrs import frozen

import oms
from benchmarks.renewals import NEXT, add_plan, renewal_job, subscribe_many
from oms.adapters.sql import SqlDatabase
from reliability.crash import count
from reliability.outcome import Outcome
from reliability.recording_provider import TABLE, RecordingProvider
from reliability.target import Target


@frozen
class RenewalsCrash:
    subscriptions: int = 1000
    processes: int = 3
    kill_after: float = 0.25  # kill one process once this share of the renewals is done
    time_limit: float = 600.0


def subscribe(database_url: str, size: RenewalsCrash, plan: str) -> None:
    """The plan and its subscriptions, all due on DAY (the target has the branch, the tax and the customer)."""
    database = SqlDatabase.from_url(database_url)
    try:
        add_plan(oms.bootstrap(uow_factory=database.unit_of_work), plan)
    finally:
        database.dispose()
    subscribe_many(database_url, plan, size.subscriptions, payment_method="tok_visa")


def renewed(database_url: str, plan: str) -> int:
    return count(database_url, "SELECT count(*) FROM subscription_billing b JOIN subscriptions s "
                 "ON s.id = b.subscription_id JOIN plan_versions p ON p.id = s.plan_version_id "
                 "WHERE p.code = :plan AND b.change = 'renewal'", plan=plan)


def renewals_crash(target: Target, size: RenewalsCrash = RenewalsCrash()) -> Outcome:
    outcome = Outcome("renewals (kill -9 a job)", target.backend)
    started = time.perf_counter()
    url, plan = target.database_url, f"RC{os.getpid() % 10000}{int(started * 1000) % 100000}"
    subscribe(url, size, plan)
    RecordingProvider(url).create_table()
    workers = [renewal_job(url, charge=True) for _ in range(size.processes)]
    victim, deadline = workers[0], time.monotonic() + size.time_limit
    while renewed(url, plan) < size.subscriptions * size.kill_after and victim.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    killed, at_kill = victim.poll() is None, renewed(url, plan)
    if killed:
        os.kill(victim.pid, signal.SIGKILL)
    outcome.expect(killed, "the job to kill had finished before it could be killed: use more subscriptions")
    for process in workers:
        _, errors = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        if process is not victim:
            outcome.expect(process.returncode == 0, f"a renewal job failed: {errors.decode()[-500:]}")
    again = renewal_job(url, charge=True)
    _, errors = again.communicate(timeout=max(1.0, deadline - time.monotonic()))
    outcome.expect(again.returncode == 0, f"the job run again failed: {errors.decode()[-500:]}")
    _verify(url, plan, size, outcome)
    outcome.seconds = time.perf_counter() - started
    outcome.summary = (f"{size.subscriptions} due, {size.processes} jobs, one killed at "
                       f"{at_kill} renewals, then run again")
    return outcome


def _verify(url: str, plan: str, size: RenewalsCrash, outcome: Outcome) -> None:
    of_plan = ("FROM subscriptions s JOIN plan_versions p ON p.id = s.plan_version_id WHERE p.code = :plan")
    renewals = renewed(url, plan)
    periods = count(url, "SELECT count(*) FROM (SELECT DISTINCT b.subscription_id, b.period_start "
                    "FROM subscription_billing b JOIN subscriptions s ON s.id = b.subscription_id JOIN plan_versions p "
                    "ON p.id = s.plan_version_id WHERE p.code = :plan AND b.change = 'renewal') AS d", plan=plan)
    invoices = count(url, "SELECT count(DISTINCT b.invoice_id) FROM subscription_billing b JOIN subscriptions s "
                     "ON s.id = b.subscription_id JOIN plan_versions p ON p.id = s.plan_version_id "
                     "WHERE p.code = :plan AND b.change = 'renewal'", plan=plan)
    lines = count(url, "SELECT count(*) FROM invoice_lines WHERE sku = :plan", plan=plan)
    advanced = count(url, f"SELECT count(*) {of_plan} AND s.next_period_start = :next", plan=plan,
                     next=NEXT.isoformat())
    outcome.expect(renewals == size.subscriptions, f"{renewals} renewals of {size.subscriptions} subscriptions")
    outcome.expect(periods == renewals, f"{renewals - periods} periods renewed twice")
    outcome.expect(invoices == size.subscriptions, f"{invoices} invoices for {size.subscriptions} periods")
    outcome.expect(lines == size.subscriptions, f"{lines} invoice lines of the plan's service, not one a period")
    outcome.expect(advanced == size.subscriptions,
                   f"{size.subscriptions - advanced} pointers not advanced by exactly one period")
    of_invoices = ("FROM subscription_billing b JOIN subscriptions s ON s.id = b.subscription_id JOIN plan_versions p "
                   "ON p.id = s.plan_version_id WHERE p.code = :plan AND b.change = 'renewal'")
    attempts = count(url, f"SELECT count(*) FROM subscription_charges c WHERE c.invoice_id IN (SELECT b.invoice_id "
                     f"{of_invoices})", plan=plan)
    authorised = count(url, f"SELECT count(*) FROM {TABLE} WHERE operation = 'authorise' AND key IN (SELECT "
                       f"c.idempotency_key FROM subscription_charges c WHERE c.invoice_id IN (SELECT b.invoice_id "
                       f"{of_invoices}))", plan=plan)
    paid = count(url, f"SELECT count(*) FROM payment_allocations a WHERE a.invoice_id IN (SELECT b.invoice_id "
                 f"{of_invoices})", plan=plan)
    outcome.expect(attempts == size.subscriptions, f"{attempts} charge attempts for {size.subscriptions} invoices")
    outcome.expect(authorised == size.subscriptions,
                   f"{authorised} charges authorised at the provider for {size.subscriptions} invoices")
    outcome.expect(paid == size.subscriptions, f"{paid} payments for {size.subscriptions} invoices")
