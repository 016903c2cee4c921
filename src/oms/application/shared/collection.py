"""The garbage collector's pace during a batch job.

A batch job (the renewal job) makes and drops thousands of objects a transaction: its documents, their rows, their
events. At Python's default pace (a pass of the youngest generation every 700 new objects, a full pass of the heap
every hundred of those) the collector took about a seventh of the renewal job's CPU, most of it in full passes over
everything the process holds. While a job runs, `batch_pace` lets the youngest generation grow to BATCH_THRESHOLDS[0]
objects and the older ones to be collected five times less often; what a batch drops is freed by reference counting
anyway, the collector is only needed for cycles. The previous pace comes back when the last job running in the process
ends (jobs may overlap in threads of one process).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from attrs import define

BATCH_THRESHOLDS = (10_000, 50, 50)


@define
class _Jobs:
    """The batch jobs running in the process, and the pace before the first of them."""

    running: int = 0
    before: tuple[int, int, int] = (0, 0, 0)


_jobs = _Jobs()
_lock = threading.Lock()


@contextmanager
def batch_pace() -> Iterator[None]:
    """The collector at the batch pace while the block runs (a threshold already higher is kept, and so is a
    collector turned off)."""
    with _lock:
        if _jobs.running == 0:
            _jobs.before = gc.get_threshold()
            gc.set_threshold(*(max(batch, now) if now else 0 for batch, now in zip(BATCH_THRESHOLDS, _jobs.before,
                                                                                    strict=True)))
        _jobs.running += 1
    try:
        yield
    finally:
        with _lock:
            _jobs.running -= 1
            if _jobs.running == 0:
                gc.set_threshold(*_jobs.before)
