"""When oms's gunicorn worker takes a new connection, the board of the connections each worker holds, and how many
workers its configuration runs: the rules alone (tests/integration/http/test_gunicorn_worker.py runs them under a
real gunicorn)."""

from __future__ import annotations

import os
import time
from collections import deque
from types import SimpleNamespace

import pytest

from oms.entrypoints.gunicorn_board import SLOTS, VACANT, ConnectionBoard, Seat, seat_worker, unseat_worker
from oms.entrypoints.gunicorn_conf import worker_count
from oms.entrypoints.gunicorn_worker import BalancedThreadWorker


def _worker(*, workers: int, threads: int, held: int, kept_alive: int = 0, waiting_turn: float = 0.0,
            seat: Seat | None = None) -> BalancedThreadWorker:
    """A worker's state without a process: `held` connections, `kept_alive` of them between requests."""
    worker = BalancedThreadWorker.__new__(BalancedThreadWorker)
    worker.cfg = SimpleNamespace(workers=workers, threads=threads)
    worker.nr_conns = held
    worker.keepalived_conns = deque(range(kept_alive))
    worker.pending_conns = deque()
    worker.busy_accept_at = time.monotonic() + waiting_turn
    worker.seat = seat
    return worker


def _board(*held: int) -> ConnectionBoard:
    """A board whose first slots hold these counts (VACANT for a slot without a worker)."""
    board = ConnectionBoard()
    for slot, count in enumerate(held):
        board.write(slot, count)
    return board


def test_with_a_free_thread_a_connection_is_taken_at_once() -> None:
    assert _worker(workers=2, threads=4, held=3, waiting_turn=1.0).may_take()


def test_connections_kept_alive_between_requests_leave_their_threads_free() -> None:
    assert _worker(workers=2, threads=4, held=9, kept_alive=6, waiting_turn=1.0).may_take()


def test_with_every_thread_at_work_a_connection_waits_for_its_turn() -> None:
    assert not _worker(workers=2, threads=4, held=4, waiting_turn=1.0).may_take()
    assert _worker(workers=2, threads=4, held=4, waiting_turn=-0.001).may_take()


@pytest.mark.parametrize(("mine", "others", "takes"), [
    ((5, 5), (4,), False), ((5, 5), (5,), True), ((5, 5), (7, 6), True), ((9, 9), (6, 12), False),
    ((5, 5), (VACANT, 4), False), ((9, 9), (VACANT,), True),
])
def test_with_a_seat_and_every_thread_at_work_the_worker_holding_the_fewest_takes_a_connection_at_once(
        mine: tuple[int, int], others: tuple[int, ...], takes: bool) -> None:
    """(held by this worker, as published on the board), the other slots: the one holding no more than any other
    takes the connection whatever its timer says; vacant slots are no worker."""
    held, published = mine
    seat = Seat(_board(published, *others), 0)

    assert _worker(workers=2, threads=4, held=held, waiting_turn=-1.0, seat=seat).may_take() is takes
    assert _worker(workers=2, threads=4, held=held, waiting_turn=1.0, seat=seat).may_take() is takes


def test_with_a_seat_a_free_thread_still_takes_a_connection_at_once() -> None:
    seat = Seat(_board(9, 1), 0)

    assert _worker(workers=2, threads=4, held=9, kept_alive=6, seat=seat).may_take()


def test_the_master_seats_each_worker_in_the_first_slot_no_living_worker_has() -> None:
    server = SimpleNamespace(WORKERS={})
    first, second, third = SimpleNamespace(), SimpleNamespace(), SimpleNamespace()

    seat_worker(server, first)
    server.WORKERS[101] = first
    seat_worker(server, second)
    server.WORKERS[102] = second
    first.seat.publish(3)
    second.seat.publish(2)
    board = second.seat.board
    assert board.fewest_elsewhere(1) == 3
    del server.WORKERS[101]
    unseat_worker(server, first)
    assert board.fewest_elsewhere(1) is None  # the reaped worker's count is gone with it
    first.seat.publish(1)  # a count written to the slot by the time the master gives it again (it never is)
    seat_worker(server, third)

    assert (first.seat.slot, second.seat.slot, third.seat.slot) == (0, 1, 0)
    assert third.seat.board is board
    # The replacement's slot is vacant until it publishes: the other worker is alone on the board meanwhile.
    assert board.fewest_elsewhere(1) is None
    third.seat.publish(0)
    assert board.fewest_elsewhere(1) == 0


def test_with_every_slot_taken_a_worker_runs_without_a_seat() -> None:
    server = SimpleNamespace(WORKERS={})
    for pid in range(SLOTS):
        worker = SimpleNamespace()
        seat_worker(server, worker)
        server.WORKERS[pid] = worker
    one_too_many = SimpleNamespace()

    seat_worker(server, one_too_many)

    assert one_too_many.seat is None


def test_the_board_is_shared_with_a_process_forked_after_it_was_made() -> None:
    board = _board(VACANT, VACANT)
    child = os.fork()
    if child == 0:  # the child publishes and leaves at once, whatever happens
        try:
            Seat(board, 1).publish(7)
        finally:
            os._exit(0)
    os.waitpid(child, 0)

    assert board.fewest_elsewhere(0) == 7


@pytest.mark.parametrize("held", [0, 4, 40])
def test_a_worker_alone_takes_every_connection(held: int) -> None:
    assert _worker(workers=1, threads=4, held=held, waiting_turn=1.0).may_take()


def test_the_configuration_runs_a_worker_per_core_unless_web_concurrency_says_otherwise() -> None:
    assert worker_count({}) == len(os.sched_getaffinity(0))
    assert worker_count({"WEB_CONCURRENCY": " "}) == len(os.sched_getaffinity(0))
    assert worker_count({"WEB_CONCURRENCY": "3"}) == 3


@pytest.mark.parametrize("given", ["0", "-2", "two", "1.5"])
def test_a_web_concurrency_that_is_not_a_count_of_workers_is_refused_by_name(given: str) -> None:
    with pytest.raises(ValueError, match="WEB_CONCURRENCY"):
        worker_count({"WEB_CONCURRENCY": given})
