"""Orders competing for scarce stock, as 16 threads and as 16 processes, on SQLite and PostgreSQL: no oversell.

Stock is 9 + 7 = 16 widgets in two warehouses; each of the 16 orders wants 2 (and a gadget, of which there is
plenty), so exactly 8 orders can be confirmed, one of them split over both warehouses. The figures line
(`pytest -s`) shows attempts, outcomes, retries and time; nothing is asserted about time. No order has to be
retried: PostgreSQL's FOR UPDATE and SQLite's BEGIN IMMEDIATE make competitors wait instead of conflict (the
version check, a second guard, would otherwise turn a race into retries).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import oms
from oms.adapters.sql import SqlDatabase

from .confirm_worker import CountingUnitOfWork, compete, counting_system
from .integration_helpers import check_ledger, seed_master_data

WORKERS = 16
STOCK = {"BER-A": 9, "BER-B": 7}
CONFIRMABLE = 8
WORKER_SCRIPT = Path(__file__).with_name("confirm_worker.py")


def _as_threads(url: str) -> tuple[list[str], int, float]:
    """Outcomes of the workers, the conflicts they retried, and the seconds from their start to the last end."""
    database = SqlDatabase.from_url(url)
    system = counting_system(database)
    CountingUnitOfWork.conflicts = 0
    barrier, outcomes = threading.Barrier(WORKERS), []

    def run(index: int) -> None:
        barrier.wait()
        outcomes.append(compete(system, index))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WORKERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    database.dispose()
    return outcomes, CountingUnitOfWork.conflicts, seconds


def _as_processes(url: str) -> tuple[list[str], int, float]:
    """Outcomes of the worker processes, the conflicts they retried, and the seconds from the start signal
    (given once all have connected)."""
    workers = [subprocess.Popen([sys.executable, str(WORKER_SCRIPT), url, str(i)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for i in range(WORKERS)]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    for worker in workers:  # the start signal, to all at once
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    reports = [worker.communicate(timeout=120)[0].split() for worker in workers]
    seconds = time.perf_counter() - started
    assert [worker.returncode for worker in workers] == [0] * WORKERS
    return [outcome for outcome, _ in reports], sum(int(conflicts) for _, conflicts in reports), seconds


@pytest.mark.parametrize("run", [_as_threads, _as_processes], ids=["threads", "processes"])
def test_competing_orders_reserve_exactly_the_available_units_and_never_oversell(
        sql_url: str, run: Callable[[str], tuple[list[str], int, float]]) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock=STOCK)
    system.handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-B", quantity=100))

    results, retries, seconds = run(sql_url)

    outcomes = Counter(results)
    reserved = check_ledger(database.unit_of_work())
    widget_levels = system.stock("WIDGET")
    database.dispose()
    print(f"\n{database.engine.dialect.name} {run.__name__[4:]}: {WORKERS} attempts, {outcomes['reserved']} "
          f"confirmed, {outcomes['refused']} refused, {outcomes['conflict']} gave up, {retries} retries, "
          f"{sum(level.reserved for level in widget_levels)} widgets reserved of {sum(STOCK.values())}, "
          f"{seconds:.2f} s")
    assert outcomes == {"reserved": CONFIRMABLE, "refused": WORKERS - CONFIRMABLE}
    assert retries == 0  # the locks make competitors wait their turn: nobody works on stale stock
    assert sum(level.reserved for level in widget_levels) == sum(STOCK.values())
    assert all(level.available == 0 for level in widget_levels)
    assert sum(reserved.values()) == sum(STOCK.values()) + CONFIRMABLE  # widgets, plus one gadget per order
