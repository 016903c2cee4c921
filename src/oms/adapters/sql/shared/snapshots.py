"""What a process remembers of the documents its transactions committed: their part rows, by id and version.

Confirming an order on SQLite read the order's row and then each table of its parts (lines, reservations, goods
issues and their lines, returns and their receipts, history), a statement each, though the same process had just
written them. A unit of work that commits tells this what its documents' rows are now, with their version; one
that loads a document reads its row as always and takes the parts from here when the version read is the version
remembered, and from the tables otherwise. Every change to a document's rows raises its version in the same
transaction (writeback.py), and a version is only remembered once its transaction committed, so equal versions
mean equal rows, whichever process or thread wrote them since. The rows kept are never changed: a unit of work
builds new objects from them.
"""

from __future__ import annotations

import threading
from typing import Any

CAPACITY = 500  # rows remembered at most (about sixty orders); past it the memory starts again empty


class DocumentSnapshots:
    """By (kind, key): the version committed last in this process, and what the session kept of the document's
    rows then (opaque here, never changed)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, tuple[Any, ...]], tuple[int, Any]] = {}
        self._rows = 0

    def kept(self, kind: str, key: tuple[Any, ...], version: int) -> Any | None:
        """What was kept of the document of this key as committed at `version`, if that is the version kept."""
        found = self._kept.get((kind, key))
        return found[1] if found is not None and found[0] == version else None

    def keep(self, kind: str, key: tuple[Any, ...], version: int, rows: Any, size: int) -> None:
        """What the document's rows are as its transaction committed them (`size` rows), at `version`."""
        with self._lock:
            if self._rows + size > self._capacity:
                self._kept, self._rows = {}, 0
            self._kept[(kind, key)] = (version, rows)
            self._rows += size  # a document kept again counts again, until the memory starts again
