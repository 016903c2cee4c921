"""One client of the production races: reports an output of a work order, activates a BOM revision, makes the
service order of a sales order line, or invoices a service order and posts the invoice.

Run as a thread (`run`) or as a process: `python production_worker.py URL ACTION SUBJECT VALUE` (output ORDER
QUANTITY, activate SKU REVISION, service ORDER LINE, invoice SERVICE-ORDER BRANCH) prints "ready" once connected,
waits for a line on stdin (the start signal shared by all processes), then prints the outcome: what the command
returned ("done" for nothing), the rule that refused it, or "conflict" if the bus gave up retrying.
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


def run(system: oms.OrderManagement, action: str, subject: str, value: str) -> str:
    """What the action's command returned, or the rule that refused it."""
    command: oms.Command[str] | oms.Command[None]
    if action == "output":
        command = oms.ReportOutput(order_id=subject, quantity=value, actor="operator")
    elif action == "activate":
        command = oms.ActivateBomVersion(sku=subject, revision=int(value))
    elif action == "invoice":
        try:
            draft = system.handle(oms.InvoiceServiceOrders(order_id=subject, branch_code=value))
        except oms.BusinessRuleViolation as refused:
            return refused.rule
        command = oms.PostInvoice(invoice_id=draft)
    else:
        command = oms.CreateServiceOrderForLine(order_id=subject, line_id=value)
    return _outcome(system, command)


def main(url: str, action: str, subject: str, value: str) -> None:
    database = SqlDatabase.from_url(url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    with database.engine.connect():  # connect before the start signal, so that all start together
        pass
    print("ready", flush=True)
    sys.stdin.readline()
    print(run(system, action, subject, value), flush=True)
    database.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:5])
