"""Progress of a long command (an import): how far its handler is, told to whoever watches the calling thread.

A front door that shows progress (the CLI's bar) runs the command inside `watching(callback)`; the handler calls
`report(stage, done, total)` as it goes. Nobody watching costs a lookup. The bus runs a handler in the caller's thread
(and may run it again after a conflict, when it reports from the start again), so a context variable carries the
watcher there without a parameter every handler would have to take.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Watcher = Callable[[str, int, int], None]
"""(stage, done, total): `checking` 200 of 30000 rows, `writing` ..."""

_watcher: ContextVar[Watcher | None] = ContextVar("oms_progress_watcher", default=None)
EVERY = 200  # rows between two reports, besides the first and the last


def report(stage: str, done: int, total: int) -> None:
    """Tell the watcher, if any, that `done` of `total` items of `stage` are done (every EVERY items and the last)."""
    watcher = _watcher.get()
    if watcher is not None and (done % EVERY == 0 or done == total):
        watcher(stage, done, total)


@contextmanager
def watching(watcher: Watcher) -> Iterator[None]:
    """Send what handlers report in this thread to `watcher` while the block runs."""
    token = _watcher.set(watcher)
    try:
        yield
    finally:
        _watcher.reset(token)
