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

With the board of gunicorn_board.py (oms's gunicorn configuration seats every worker on it), a worker with every
thread at work takes a connection only while it holds no more connections than any other worker (the others' counts
read from the board), and leaves it to the one that holds fewer otherwise, at once: no timer, and no worker crowded
by a race (16 clients came to 9/7 on two workers with the timer alone, benchmark c). A worker without a seat (another
configuration, or more workers than the board has slots) waits BUSY_ACCEPT_SECONDS as described above.

The connections a worker holds are served as gunicorn serves them (kept alive, read when a request comes); only the
taking of new ones changes. gunicorn's own `worker_connections` still bounds what a worker holds. Built on gunicorn
27's gthread worker (its accept loop and its `_accepting`; pyproject.toml keeps gunicorn below 28).
"""

from __future__ import annotations

import socket
import time

from gunicorn.workers.gthread import ThreadWorker

from oms.entrypoints.gunicorn_board import Seat

BUSY_ACCEPT_SECONDS = 0.01


class BalancedThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn has no type information
    """gunicorn's gthread worker that takes a connection at once only with a thread free for it, or while it holds
    the fewest connections."""

    busy_accept_at = 0.0  # when a busy worker without a seat may take its next connection (time.monotonic)
    seat: Seat | None = None  # its slot on the connection board, given by gunicorn's master before the fork

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
        """Whether to take a connection now: alone, with a free thread, holding the fewest connections (with a
        seat), or when its turn has come (without one)."""
        threads: int = self.cfg.threads
        if self.alone() or self.at_work() < threads:
            return True
        if self.seat is not None:
            return self.seat.holds_fewest(self.nr_conns)
        return time.monotonic() >= self.busy_accept_at

    def set_accept_enabled(self, enabled: bool) -> None:
        # gunicorn's loop asks to take connections again whenever it may (while under worker_connections), and it
        # comes round at every request finished and every second at least.
        super().set_accept_enabled(enabled and self.may_take())

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # The board learns of connections closed since the last round. A worker not taking connections looks again
        # when its turn comes (without a seat) or soon (with one: another worker's count may have grown), not at the
        # next request finished (a second off when the requests are slow).
        if self.seat is not None:
            self.seat.publish(self.nr_conns)
        if not self._accepting and self.nr_conns < self.worker_connections:
            turn = self.busy_accept_at if self.seat is None else time.monotonic() + BUSY_ACCEPT_SECONDS
            timeout = max(0.0, min(timeout, turn - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    def accept(self, listener: socket.socket) -> None:
        # Every worker listening wakes for a connection: one that may not take it now leaves it to the others.
        if not self.may_take():
            super().set_accept_enabled(False)
            return
        super().accept(listener)
        if self.seat is not None:
            self.seat.publish(self.nr_conns)
        elif self.at_work() >= self.cfg.threads and not self.alone():
            self.busy_accept_at = time.monotonic() + BUSY_ACCEPT_SECONDS
        if not self.may_take():
            super().set_accept_enabled(False)
