"""How many connections each gunicorn worker holds, in memory the workers share: a worker with every thread at work
leaves a new connection to the worker holding the fewest (gunicorn_worker.py), as a least-connections balancer does.

The board is made by gunicorn's master process before it forks the first worker (`seat_worker`, gunicorn's
`pre_fork` hook in gunicorn_conf.py), as an anonymous shared mapping every worker forked after it sees. Each worker
has a slot of its own, vacant until the worker is in its loop and again once the master has reaped it (`child_exit`),
and writes there how many connections it holds whenever that may have changed: at every connection it takes, and
each time its loop comes round (a connection closed). A count is one aligned machine word, written and read whole.
"""

from __future__ import annotations

import mmap
from collections.abc import Collection
from typing import Any

from attrs import frozen

SLOTS = 64  # workers at once; more than that (gunicorn's TTIN) run without a seat, by the timed rule alone
VACANT = -1
_BOARD_ATTRIBUTE = "oms_connection_board"


class ConnectionBoard:
    """A count of held connections per worker slot, shared by the processes forked after it was made."""

    def __init__(self, slots: int = SLOTS) -> None:
        self._memory = mmap.mmap(-1, slots * 4)  # anonymous, shared with the children: MAP_SHARED by default
        self._held = memoryview(self._memory).cast("i")
        for slot in range(slots):
            self._held[slot] = VACANT

    def free_slot(self, taken: Collection[int]) -> int | None:
        """The first slot none of the living workers (`taken`) has, marked vacant; None when every slot is taken."""
        for slot in range(len(self._held)):
            if slot not in taken:
                self._held[slot] = VACANT
                return slot
        return None

    def write(self, slot: int, held: int) -> None:
        self._held[slot] = held

    def fewest_elsewhere(self, slot: int) -> int | None:
        """The fewest connections another seated worker holds, None when there is none."""
        counts = self._held.tolist()
        counts[slot] = VACANT
        others = [held for held in counts if held != VACANT]
        return min(others) if others else None


@frozen
class Seat:
    """A worker's slot on the board."""

    board: ConnectionBoard
    slot: int

    def publish(self, held: int) -> None:
        self.board.write(self.slot, held)

    def holds_fewest(self, held: int) -> bool:
        """Whether a worker holding `held` connections holds no more than any other (alone, it does)."""
        fewest = self.board.fewest_elsewhere(self.slot)
        return fewest is None or held <= fewest

    def leave(self) -> None:
        self.board.write(self.slot, VACANT)


def seat_worker(server: Any, worker: Any) -> None:
    """gunicorn's `pre_fork` hook, in the master: a seat on the server's board (made at the first worker) for the
    worker about to be forked, or none when every slot is taken (the worker then balances by its timer alone)."""
    board = getattr(server, _BOARD_ATTRIBUTE, None)
    if board is None:
        board = ConnectionBoard()
        setattr(server, _BOARD_ATTRIBUTE, board)
    taken = {seat.slot for living in server.WORKERS.values() if (seat := getattr(living, "seat", None)) is not None}
    slot = board.free_slot(taken)
    worker.seat = None if slot is None else Seat(board, slot)


def unseat_worker(server: Any, worker: Any) -> None:
    """gunicorn's `child_exit` hook, in the master: the reaped worker's slot is vacant again."""
    seat: Seat | None = getattr(worker, "seat", None)
    if seat is not None:
        seat.leave()
