"""SQLite lets one transaction write at a time: the writers of one process take turns here before they ask it."""

from __future__ import annotations

import threading

from oms.domain.shared.errors import StoreBusy


class WriterTurns:
    """The turns of one process's writers on a SQLite database, which lets one transaction write at a time.

    A writer waits here, and is woken as soon as the one before it ends, instead of each polling SQLite's lock:
    SQLite's busy handler sleeps up to 100 ms between tries, so under load the unluckiest requests of `oms serve`
    waited hundreds of milliseconds for a lock that had been free most of that time. Writers of other processes
    still meet at SQLite's lock (the busy timeout). Waiting longer than `timeout` seconds is StoreBusy, as there.
    """

    def __init__(self, timeout: float) -> None:
        self._lock = threading.Lock()
        self._timeout = timeout

    def take(self) -> None:
        if not self._lock.acquire(timeout=self._timeout):
            raise StoreBusy("the database is busy with another writer; try again shortly")

    def give_back(self) -> None:
        self._lock.release()
