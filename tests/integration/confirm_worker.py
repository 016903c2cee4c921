"""One competitor of the concurrency tests: creates a sales order and confirms it against scarce stock.

Run as a thread (`compete`) or as a process: `python confirm_worker.py URL INDEX` prints "ready" once connected,
waits for a line on stdin (the start signal shared by all processes), then prints the outcome and the number of
conflicts (retries) met on the way.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import oms
from oms.adapters.sql import SqlDatabase, SqlUnitOfWork

WIDGETS_PER_ORDER = "2"


class CountingUnitOfWork(SqlUnitOfWork):
    """Counts the conflicts its transactions met (each one a retry for the message bus)."""

    conflicts = 0
    _lock = threading.Lock()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            super().__exit__(exc_type, exc, tb)
        except oms.ConcurrencyConflict:
            self._count()
            raise
        if isinstance(exc, oms.ConcurrencyConflict):
            self._count()

    @classmethod
    def _count(cls) -> None:
        with cls._lock:
            cls.conflicts += 1


def counting_system(database: SqlDatabase) -> oms.OrderManagement:
    return oms.bootstrap(uow_factory=lambda: CountingUnitOfWork(database))


def compete(system: oms.OrderManagement, index: int) -> str:
    """'reserved', 'refused' (StockMustBeAvailable) or 'conflict' (retries exhausted). Every other order lists
    its products the other way round: the stock rows must still be locked in one order, without deadlock."""
    lines = (oms.LineInput(sku="WIDGET", quantity=WIDGETS_PER_ORDER), oms.LineInput(sku="GADGET", quantity="1"))
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=lines if index % 2 else lines[::-1]))
    try:
        system.handle(oms.ConfirmSalesOrder(order_id=order_id, actor=f"worker-{index}"))
    except oms.BusinessRuleViolation as refused:
        if refused.rule != "StockMustBeAvailable":
            raise
        return "refused"
    except oms.ConcurrencyConflict:
        return "conflict"
    return "reserved"


def main(url: str, index: int) -> None:
    database = SqlDatabase.from_url(url)
    system = counting_system(database)
    with database.engine.connect():  # connect before the start signal, so that all start together
        pass
    print("ready", flush=True)
    sys.stdin.readline()
    outcome = compete(system, index)
    print(outcome, CountingUnitOfWork.conflicts, flush=True)
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
