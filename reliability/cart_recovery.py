"""Abandoned carts' recovery killed midway (issue 18, scale and faults): many carts abandoned in a branch with
recovery on, the recovery job run five times at once in three processes, one process killed with SIGKILL once some
claims are committed (while its batches are in flight), then the job run once more; then `oms relay --once` (the
real entrypoint, OMS_SMTP_URL set) sends the messages to a recording SMTP server the scenario starts.

Checked: exactly one stage-one claim per cart (its `RecoveryMessageClaimed` event), exactly one message received per
cart, none twice (by Message-ID, and by recipient and cart), and every cart's reminder recorded as sent.

The carts are made through the Python API on the target's database, in a branch of their own, three hours in the
past (the policy turned on before them), each an anonymous visitor's with its e-mail and one service line; the jobs
run in processes of their own (`python -m reliability.cart_recovery_worker`), as schedulers would."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from attrs import frozen

import oms
from benchmarks.servers import BIN
from oms.adapters.sql import SqlDatabase
from reliability.crash import count, fetch
from reliability.outcome import Outcome
from reliability.smtp_recorder import Received, SmtpRecorder, smtp_recorder
from reliability.target import Target

ROOT = Path(__file__).resolve().parents[1]
CLAIMED = ("SELECT count(*) FROM outbox o JOIN carts c ON c.id = o.aggregate_id "
           "WHERE o.event_type = 'RecoveryMessageClaimed' AND c.branch_id = :branch")


@frozen
class CartRecovery:
    carts: int = 10_000
    runs: tuple[int, ...] = (2, 2, 1)  # runs of the job at once, per process (the first process is killed)
    batch: int = 200
    kill_after: float = 0.2  # kill once this share of the carts is claimed
    time_limit: float = 900.0


def abandon_carts(database_url: str, size: CartRecovery, run: str) -> str:
    """A branch of its own with recovery on, and `size.carts` carts in it, idle for three hours; its id."""
    database = SqlDatabase.from_url(database_url)
    clock = oms.FixedClock(datetime.now(UTC) - timedelta(hours=3))
    system = oms.bootstrap(uow_factory=database.unit_of_work, clock=clock)
    code, sku = f"CR{run}".upper(), f"CR-{run}".upper()
    try:
        system.handle(oms.CreateBranch(code=code, name="Cart recovery", currency="EUR", tax_jurisdiction="DE"))
        system.handle(oms.CreateProduct(sku=sku, name="Fitting", price="25.00", currency="EUR",
                                        kind=oms.ProductKind.SERVICE))
        system.handle(oms.SetCartPolicy(branch_code=code, recovery=True, abandon_after_minutes=60,
                                        recovery_stage_minutes=(60, 1440)))

        def one(number: int) -> None:
            opened = system.handle(oms.OpenCart(branch_code=code, email=f"visitor{number}-{run}@example.com"))
            system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku=sku, quantity="2"))

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(one, range(size.carts)))
        branch = system.read(lambda uow: uow.masterdata.branches.by_code(code))
        assert branch is not None
        return branch.id
    finally:
        database.dispose()


def recovery_job(database_url: str, runs: int, batch: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "reliability.cart_recovery_worker", database_url, str(runs),
                             str(batch)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def relay_once(database_url: str, smtp: SmtpRecorder, time_limit: float) -> subprocess.CompletedProcess[bytes]:
    """`oms relay --once` with OMS_SMTP_URL naming the recorder: every committed event handed out once."""
    env = {**os.environ, "OMS_DATABASE_URL": database_url, "OMS_SMTP_URL": smtp.url,
           "OMS_PUBLIC_URL": "https://shop.example.com", "OMS_SECRET_KEY": "reliability-cart-recovery"}
    env.pop("OMS_BROKER_URL", None)
    env.pop("OMS_PAYMENT_PROVIDER", None)
    return subprocess.run([str(BIN / "oms"), "relay", "--once"], env=env, cwd=ROOT, capture_output=True,
                          timeout=time_limit, check=False)


def cart_recovery(target: Target, size: CartRecovery = CartRecovery()) -> Outcome:
    outcome = Outcome("cart recovery (kill -9 a job)", target.backend)
    started = time.perf_counter()
    url, run = target.database_url, secrets.token_hex(3)
    branch = abandon_carts(url, size, run)
    made = time.perf_counter()
    deadline = time.monotonic() + size.time_limit
    workers = [recovery_job(url, runs, size.batch) for runs in size.runs]
    victim = workers[0]
    while count(url, CLAIMED, branch=branch) < size.carts * size.kill_after and victim.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    killed, at_kill = victim.poll() is None, count(url, CLAIMED, branch=branch)
    if killed:
        os.kill(victim.pid, signal.SIGKILL)
    outcome.expect(killed, "the job to kill had finished before it could be killed: use more carts")
    runs: list[str] = []
    for process in workers:
        said, errors = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        if process is not victim:
            outcome.expect(process.returncode == 0, f"a recovery job failed: {errors.decode()[-500:]}")
            runs += said.decode().split("\n")
    again = recovery_job(url, 1, size.batch)
    said, errors = again.communicate(timeout=max(1.0, deadline - time.monotonic()))
    outcome.expect(again.returncode == 0, f"the job run again failed: {errors.decode()[-500:]}")
    claims = count(url, CLAIMED, branch=branch)
    with smtp_recorder() as smtp:
        relayed = relay_once(url, smtp, max(1.0, deadline - time.monotonic()))
        outcome.expect(relayed.returncode == 0, f"oms relay --once failed: {relayed.stderr.decode()[-500:]}")
        received = smtp.received()
    _verify(url, branch, run, size, claims, received, outcome)
    outcome.seconds = time.perf_counter() - started
    outcome.summary = (f"{size.carts} carts abandoned ({made - started:.0f} s), {sum(size.runs)} jobs in "
                       f"{len(size.runs)} processes, one process killed at {at_kill} claims, run again "
                       f"({said.decode().strip()}); {claims} claims, {len(received)} messages received")
    return outcome


def _verify(url: str, branch: str, run: str, size: CartRecovery, claims: int, received: list[Received],
            outcome: Outcome) -> None:
    outcome.expect(claims == size.carts, f"{claims} stage-one claims for {size.carts} carts")
    ours = [m for m in received if any(r.endswith(f"-{run}@example.com") for r in m.recipients)]
    outcome.expect(len(ours) == size.carts, f"{len(ours)} messages received for {size.carts} carts")
    by_id = Counter(m.message_id for m in ours)
    twice = [key for key, times in by_id.items() if times > 1]
    outcome.expect(not twice, f"{len(twice)} Message-IDs received more than once, e.g. {twice[:3]}")
    by_recipient = Counter((m.recipients, m.message_id.split("-stage-")[0]) for m in ours)
    again = [key for key, times in by_recipient.items() if times > 1]
    outcome.expect(not again, f"{len(again)} carts messaged twice at one recipient, e.g. {again[:3]}")
    rows = fetch(url, "SELECT id, reminders FROM carts WHERE branch_id = :branch", branch=branch)
    reminders = {row.id: json.loads(row.reminders) for row in rows}
    outcome.expect(len(reminders) == size.carts, f"{len(reminders)} carts in the branch, not {size.carts}")
    wrong = [cart for cart, kept in reminders.items()
             if [(r["stage"], r.get("sent_at") is not None) for r in kept] != [(1, True)]]
    outcome.expect(not wrong, f"{len(wrong)} carts whose reminders are not stage one sent, e.g. "
                              f"{[reminders[c] for c in wrong[:2]]}")
    expected = {f"<cart-{cart}-stage-1@oms>" for cart in reminders}
    outcome.expect(set(by_id) == expected, f"{len(expected - set(by_id))} carts got no message, "
                                           f"{len(set(by_id) - expected)} messages of no cart of the branch")
