"""One operator of the production race: reports an output of a work order on a database.

Run as a thread (`report`) or as a process: `python output_worker.py URL ORDER QUANTITY` prints "ready" once
connected, waits for a line on stdin (the start signal shared by all processes), then prints the outcome: the
output's reference, the rule that refused it, or "conflict" if the bus gave up retrying.
"""

from __future__ import annotations

import sys

import oms
from oms.adapters.sql import SqlDatabase


def report(system: oms.OrderManagement, order: str, quantity: str, actor: str) -> str:
    """The output's reference, or the rule that refused it."""
    try:
        reference: str = system.handle(oms.ReportOutput(order_id=order, quantity=quantity, actor=actor))
    except oms.BusinessRuleViolation as refused:
        return refused.rule
    except oms.ConcurrencyConflict:
        return "conflict"
    return reference


def main(url: str, order: str, quantity: str) -> None:
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    with database.engine.connect():  # connect before the start signal, so that all start together
        pass
    print("ready", flush=True)
    sys.stdin.readline()
    print(report(system, order, quantity, "operator"), flush=True)
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
