"""One client of the production races: reports an output of a work order, or activates a BOM revision.

Run as a thread (`report`, `activate`) or as a process: `python production_worker.py URL output ORDER QUANTITY` or
`python production_worker.py URL activate SKU REVISION` prints "ready" once connected, waits for a line on stdin
(the start signal shared by all processes), then prints the outcome: the output's reference (or "activated"), the
rule that refused it, or "conflict" if the bus gave up retrying.
"""

from __future__ import annotations

import sys

import oms
from oms.adapters.sql import SqlDatabase


def _outcome(system: oms.OrderManagement, command: oms.Command[str] | oms.Command[None]) -> str:
    try:
        result = system.handle(command)
    except oms.BusinessRuleViolation as refused:
        return refused.rule
    except oms.ConcurrencyConflict:
        return "conflict"
    return result or "done"


def report(system: oms.OrderManagement, order: str, quantity: str, actor: str) -> str:
    """The output's reference, or the rule that refused it."""
    return _outcome(system, oms.ReportOutput(order_id=order, quantity=quantity, actor=actor))


def activate(system: oms.OrderManagement, sku: str, revision: str) -> str:
    """"done", or the rule that refused it."""
    return _outcome(system, oms.ActivateBomVersion(sku=sku, revision=int(revision)))


def main(url: str, action: str, subject: str, value: str) -> None:
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    with database.engine.connect():  # connect before the start signal, so that all start together
        pass
    print("ready", flush=True)
    sys.stdin.readline()
    outcome = report(system, subject, value, "operator") if action == "output" else activate(system, subject, value)
    print(outcome, flush=True)
    database.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:5])
