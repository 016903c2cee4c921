"""Where a renewal's time goes (benchmark l's companion, issue 17): `python -m benchmarks.renewals_split [N]`.

N subscriptions due (default 10,000), as benchmark l makes them, renewed first by the renewal job in this process
alone: renewals per second, and the CPU a renewal costs in Python (this process) and in PostgreSQL (every postgres
process of the machine, read from /proc, so run it on a quiet machine; the analyze every 10 s included, as
benchmark l runs it); then, on a fresh database, by two job processes at once, as benchmark l does. Two processes on
two cores renew twice as fast as one only if they do not take turns; the ratio shows how much they do (a batch holds
its gapless series from their numbering to its commit).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import oms
from benchmarks.renewals import DAY, analyzed, due_database, renewal_job, timed_processes
from benchmarks.servers import process_cpu_seconds
from oms.adapters.sql import SqlDatabase

PROC = Path("/proc")


def postgres_cpu_seconds() -> float:
    """The user and system CPU time of every postgres process now running."""
    total = 0.0
    for entry in PROC.iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                total += process_cpu_seconds(int(entry.name))
        except OSError:  # the process ended meanwhile
            continue
    return total


def in_process(count: int) -> tuple[float, float, float]:
    """Renewals per second, and ms of Python and of PostgreSQL CPU a renewal, of the job in this process."""
    with due_database("oms_bench_split", count) as url, analyzed(url):  # analyzed as in benchmark l
        database = SqlDatabase.from_url(url, cache=True)  # as the scheduler's process keeps master data
        try:
            system = oms.bootstrap(uow_factory=database.unit_of_work,
                                   clock=oms.FixedClock(datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)))
            postgres, python, started = postgres_cpu_seconds(), time.process_time(), time.perf_counter()
            run = oms.renew_due_subscriptions(system, DAY)
            seconds = time.perf_counter() - started
            python, postgres = time.process_time() - python, postgres_cpu_seconds() - postgres
        finally:
            database.dispose()
    if run.failed or len(run.renewed) != count:
        raise RuntimeError(f"renewed {len(run.renewed)} of {count}, {len(run.failed)} failed")
    return count / seconds, python / count * 1000, postgres / count * 1000


def two_processes(count: int) -> float:
    with due_database("oms_bench_split", count) as url:
        return count / timed_processes(url, [renewal_job(url) for _ in range(2)])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    one, python, postgres = in_process(count)
    two = two_processes(count)
    print(f"| {count:,} due | renewals/s | Python CPU ms a renewal | PostgreSQL CPU ms a renewal |\n|---|---|---|---|\n"
          f"| one job, in process | {one:,.1f} | {python:.2f} | {postgres:.2f} |\n"
          f"| two job processes | {two:,.1f} | | |\n\ntwo processes renew {two / one:.2f} times as fast as one")


if __name__ == "__main__":
    main()
