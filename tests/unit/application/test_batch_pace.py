"""The garbage collector's pace during a batch job: collected less often while a job runs, as before once the last
job running in the process has ended."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

import oms
from oms.application.shared.collection import BATCH_THRESHOLDS, batch_pace


@pytest.fixture(autouse=True)
def default_pace() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_a_batch_job_runs_at_the_batch_pace_and_the_pace_before_comes_back() -> None:
    with batch_pace():
        during = gc.get_threshold()

    assert during == BATCH_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_the_pace_comes_back_only_when_the_last_of_overlapping_jobs_ends() -> None:
    first_in, second_in, first_out, second_out = (threading.Event() for _ in range(4))
    seen: dict[str, tuple[int, int, int]] = {}

    def first() -> None:
        with batch_pace():
            first_in.set()
            second_in.wait(timeout=10)
        first_out.set()

    def second() -> None:
        first_in.wait(timeout=10)
        with batch_pace():
            second_in.set()
            first_out.wait(timeout=10)
            seen["after the first ended"] = gc.get_threshold()
        second_out.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert second_out.is_set()
    assert seen["after the first ended"] == BATCH_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("before", [(50_000, 10, 10), (0, 10, 10)], ids=["higher", "off"])
def test_a_pace_already_slower_is_kept(before: tuple[int, int, int]) -> None:
    gc.set_threshold(*before)
    with batch_pace():
        during = gc.get_threshold()

    assert during[0] == before[0]
    assert gc.get_threshold() == before


def test_the_renewal_job_runs_at_the_batch_pace() -> None:
    paces: list[tuple[int, int, int]] = []

    class Recording:
        def handle(self, command: oms.Command[Any], request_key: str | None = None) -> Any:
            raise AssertionError("nothing is due")

        def read(self, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            paces.append(gc.get_threshold())
            return []

    oms.renew_due_subscriptions(Recording(), date(2026, 3, 31))

    assert paces == [BATCH_THRESHOLDS, BATCH_THRESHOLDS]  # what is due, then what is still due
    assert gc.get_threshold() == (700, 10, 10)
