"""Instructions a renewal job executes (benchmark l's companion, issue 17): `python -m benchmarks.instructions [N]`.

valgrind's callgrind counts the instructions the job's process executes, which the host's speed does not move (two
runs of the same code agree to about 0.1%), so a change to the renewal's Python is measured by itself on a machine
whose speed swings by half within an hour. N subscriptions due (default 600 and a batch) are made once, as
benchmark l makes them; each run renews a copy of that database in a process of its own under callgrind: one batch
first, unmeasured (it compiles the statements a batch writes, once per process), then the instrumentation is
switched on around `oms.renew_due_subscriptions`, which renews the rest (start-up, imports and PostgreSQL's own
work left out). Needs valgrind (Debian's `valgrind`). To compare two versions, run it from each checkout
(`PYTHONPATH=<checkout>/src:<checkout>`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

import oms
from benchmarks.renewals import DAY, ROOT, due_database
from benchmarks.servers import fresh_postgres
from oms.adapters.sql import SqlDatabase
from oms.application.processes.subscription_renewals import BATCH, RenewSubscriptions, due_subscriptions

RUNS = 2
WAIT_SECONDS = 600.0  # a bound on each wait for the child, which runs about 50 times slower under callgrind


def child(database_url: str, go: Path, done: Path) -> None:
    """The measured process: ready, then (once `go` exists) the renewal job, then `done`."""
    database = SqlDatabase.from_url(database_url, cache=True)  # as the scheduler's process keeps master data
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work,
                               clock=oms.FixedClock(datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)))
        first = tuple(system.read(due_subscriptions, DAY)[:BATCH])  # warms up: compiles a batch's statements
        system.handle(RenewSubscriptions(subscription_ids=first, day=DAY))
        print("ready", flush=True)
        _wait_for(go.exists)
        run = oms.renew_due_subscriptions(system, DAY)
        done.touch()
        if run.failed:
            raise SystemExit(f"{len(run.failed)} renewals failed")
    finally:
        database.dispose()


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the other process did not get there in time")
        time.sleep(0.1)


def instructions(database_url: str) -> int:
    """The instructions the renewal job executes on the database, counted by callgrind."""
    with tempfile.TemporaryDirectory(prefix="oms-instructions-") as directory:
        folder = Path(directory)
        go, done, out = folder / "go", folder / "done", folder / "callgrind.out"
        process = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", sys.executable,
             "-m", "benchmarks.instructions", "--child", database_url, str(go), str(done)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("the renewal process did not start")
            subprocess.run(["callgrind_control", "-i", "on", str(process.pid)], check=True, capture_output=True)
            go.touch()
            _wait_for(done.exists)
            subprocess.run(["callgrind_control", "-i", "off", str(process.pid)], check=True, capture_output=True)
            if process.wait(timeout=WAIT_SECONDS) != 0:
                raise RuntimeError(f"the renewal process failed ({process.returncode})")
        finally:
            if process.poll() is None:
                process.kill()
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        return int(totals[0].split()[1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 600 + BATCH
    counted: list[int] = []
    with due_database("oms_bench_instructions", count) as template:
        for _ in range(RUNS):
            with fresh_postgres("oms_bench_instructions_run", template=make_url(template).database) as url:
                counted.append(instructions(url))
    measured = count - BATCH
    print(f"| {measured:,} renewals measured (of {count:,} due), one job, {BATCH} a batch | instructions (millions) "
          "| per renewal (thousands) |\n|---|---|---|")
    for number, total in enumerate(counted, 1):
        print(f"| run {number} | {total / 1e6:,.0f} | {total / measured / 1e3:,.0f} |")


if __name__ == "__main__":
    main()
