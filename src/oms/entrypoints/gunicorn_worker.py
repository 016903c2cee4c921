"""gunicorn's threaded worker, leaving new connections to a worker with a free thread while its own are at work.

Why: gunicorn's workers share one listening socket, and a threaded worker takes every connection it can, busy or
not; a keep-alive client then stays with the worker that took it. Sixteen clients connecting at once were spread
over four workers as 15/1/0/0 or 7/4/4/1 (benchmark c), and since a worker runs its requests under one interpreter
lock, the clients of the crowded worker waited up to twelve times longer than the fastest for the same placement
(a client's mean 10-126 ms): that was the p99.

This worker takes a connection at once only while one of its threads is free (has no request, running or waiting
for one); with all of them at work it takes the next one only after BUSY_ACCEPT_SECONDS, which leaves it to a worker
with a free thread if there is one. The clients spread as the threads do (4/4/4/4), and when every worker is busy
the connections are still taken, one per worker and interval, never left waiting for a thread to be free
(keep-alive clients keep their threads at work). A worker alone (`--workers 1`) takes every connection, as
gunicorn's own does.

The connections a worker holds are served as gunicorn serves them (kept alive, read when a request comes); only the
taking of new ones changes. gunicorn's own `worker_connections` still bounds what a worker holds. Built on gunicorn
27's gthread worker (its accept loop and its `_accepting`; pyproject.toml keeps gunicorn below 28).
"""

from __future__ import annotations

import socket
import time

from gunicorn.workers.gthread import ThreadWorker

BUSY_ACCEPT_SECONDS = 0.01


class BalancedThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn has no type information
    """gunicorn's gthread worker that takes a connection at once only with a thread free for it."""

    busy_accept_at = 0.0  # when a busy worker may take its next connection (time.monotonic)

    def at_work(self) -> int:
        """The connections handed to the threads: being served or queued for a thread (not the kept-alive ones,
        nor the new ones gunicorn set aside until their first bytes arrive)."""
        held: int = self.nr_conns
        return held - len(self.keepalived_conns) - len(self.pending_conns)

    def alone(self) -> bool:
        """Whether it is the only worker: then it has no other to leave connections to, and takes them all."""
        workers: int = self.cfg.workers
        return workers <= 1

    def may_take(self) -> bool:
        """Whether to take a connection now: alone, with a free thread, or when its turn has come."""
        threads: int = self.cfg.threads
        return self.alone() or self.at_work() < threads or time.monotonic() >= self.busy_accept_at

    def set_accept_enabled(self, enabled: bool) -> None:
        # gunicorn's loop asks to take connections again whenever it may (while under worker_connections), and it
        # comes round at every request finished and every second at least.
        super().set_accept_enabled(enabled and self.may_take())

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # A connection left waiting is taken when its turn comes, not at the next request finished (a second off
        # when the requests are slow): the loop comes round by then.
        if not self._accepting and self.nr_conns < self.worker_connections:
            timeout = max(0.0, min(timeout, self.busy_accept_at - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    def accept(self, listener: socket.socket) -> None:
        threads: int = self.cfg.threads
        super().accept(listener)
        if self.at_work() >= threads and not self.alone():
            self.busy_accept_at = time.monotonic() + BUSY_ACCEPT_SECONDS
            super().set_accept_enabled(False)
