"""Python's garbage collector in a serving process (`oms serve`, each gunicorn worker): what start-up made is frozen
out of its full passes, and full passes are made rarer.

Why: after `gc.freeze()` the collector counts almost nothing as long-lived, and CPython 3.11 then runs a full pass
every time ten younger passes have happened. A request that builds a large report (200,000 rows read, a table of
2,000 customers) allocates enough for several younger passes, so full passes fell inside it, each walking everything
the request held at the time: about 100 ms each, 76 of them in one run of benchmark n, and they made most of its
slow requests. A full pass after every `FULL_AFTER` younger passes instead of ten keeps the young generations
collected as often as before (cycles made by a request are freed as soon) and walks the whole heap up to a tenth as
often (a sixth in tests/unit/test_collector.py).
"""

from __future__ import annotations

import gc

FULL_AFTER = 100
"""Younger (generation 1) passes between two full ones; CPython's default is 10."""


def settle_collector() -> None:
    """Collect and freeze what start-up made, then space the full passes out (see the module's docstring)."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_AFTER)
