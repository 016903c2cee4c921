"""Renewals killed midway (peers.md 3d.3): many subscriptions due on one day, the renewal job started in three
processes at once, one of them killed with SIGKILL while it renews, then the job run once more. Exactly one renewal
and one invoice per (subscription, period), every pointer advanced by exactly one period, whatever was killed.

The subscriptions are made through the Python API on the target's database (a plan of one service at 30.00 a month,
each subscription starting on the renewal day, so one period each is due); the job runs in processes of its own
(`python -m reliability.renewal_worker URL DAY`), as the scheduler would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from attrs import frozen

import oms
from oms.adapters.sql import SqlDatabase
from reliability.crash import count
from reliability.outcome import Outcome
from reliability.target import Target

DAY = date(2026, 3, 31)
NEXT = date(2026, 4, 30)
ROOT = Path(__file__).resolve().parents[1]


@frozen
class RenewalsCrash:
    subscriptions: int = 1000
    processes: int = 3
    kill_after: float = 0.25  # kill one process once this share of the renewals is done
    time_limit: float = 600.0


def subscribe(database_url: str, size: RenewalsCrash, plan: str) -> None:
    """The plan and its subscriptions, all due on DAY."""
    database = SqlDatabase.from_url(database_url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work,
                               clock=oms.FixedClock(datetime(2026, 3, 1, 9, tzinfo=UTC)))
        system.handle(oms.CreateProduct(sku=plan, name="Seat", price="30.00", currency="EUR",
                                        kind=oms.ProductKind.SERVICE))
        system.handle(oms.CreatePlan(code=plan, name="Renewals crash", currency="EUR",
                                     lines=(oms.PlanLineInput(sku=plan, quantity="1", unit_price="30.00"),)))
        for _ in range(size.subscriptions):
            system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code=plan, start_day=DAY))
    finally:
        database.dispose()


def worker(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "reliability.renewal_worker", database_url, DAY.isoformat()],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def renewed(database_url: str, plan: str) -> int:
    return count(database_url, "SELECT count(*) FROM subscription_billing b JOIN subscriptions s "
                 "ON s.id = b.subscription_id JOIN plan_versions p ON p.id = s.plan_version_id "
                 "WHERE p.code = :plan AND b.change = 'renewal'", plan=plan)


def renewals_crash(target: Target, size: RenewalsCrash = RenewalsCrash()) -> Outcome:
    outcome = Outcome("renewals (kill -9 a job)", target.backend)
    started = time.perf_counter()
    url, plan = target.database_url, f"RC{os.getpid() % 10000}{int(started * 1000) % 100000}"
    subscribe(url, size, plan)
    workers = [worker(url) for _ in range(size.processes)]
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
    again = worker(url)
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
