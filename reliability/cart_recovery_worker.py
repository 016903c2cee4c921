"""`python -m reliability.cart_recovery_worker DATABASE_URL RUNS BATCH`: the cart recovery job run RUNS times at
once (threads of one process, each with a system of its own on the process's engine), as several schedulers would
run it (cart_recovery.py starts several such processes and kills one); prints the claims each run made, exit 1 if
a run did not finish."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime

import oms
from oms.adapters.sql import SqlDatabase


def main() -> None:
    url, runs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    database = SqlDatabase.from_url(url)
    done: list[str] = []

    def run() -> None:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        result = oms.run_cart_recovery(system, datetime.now(UTC), batch=batch)
        done.append(f"{result.seen} seen, {result.done} claimed, {len(result.failed)} batches failed")

    threads = [threading.Thread(target=run) for _ in range(runs)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        database.dispose()
    print("\n".join(done), flush=True)
    if len(done) != runs:
        sys.exit(1)


if __name__ == "__main__":
    main()
