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
from collections.abc import Mapping, Sequence
from typing import Any

Parts = Mapping[str, Sequence[Mapping[str, Any]]]  # each part table's rows (and the audit trail's), in order
CAPACITY = 50_000  # rows remembered at most (a few megabytes); past it the memory starts again empty


class DocumentSnapshots:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, tuple[Any, ...]], tuple[int, Parts]] = {}
        self._rows = 0

    def parts(self, kind: str, key: tuple[Any, ...], version: int) -> Parts | None:
        """The part rows of the document of this key as committed at `version`, if that is the version kept."""
        found = self._kept.get((kind, key))
        return found[1] if found is not None and found[0] == version else None

    def keep(self, kind: str, key: tuple[Any, ...], version: int, parts: Parts) -> None:
        """The document's part rows as its transaction committed them, at `version`."""
        rows = sum(len(table) for table in parts.values())
        with self._lock:
            if self._rows + rows > self._capacity:
                self._kept, self._rows = {}, 0
            self._kept[(kind, key)] = (version, parts)
            self._rows += rows  # a document kept again counts again, until the memory starts again
