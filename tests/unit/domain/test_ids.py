"""Identifiers: unique, in creation order within a process, and random where two processes could meet."""

from __future__ import annotations

import os

from oms.domain.shared.ids import new_id


def test_identifiers_are_unique_and_sort_in_the_order_they_were_made_across_many_fetches_of_randomness() -> None:
    made = [new_id() for _ in range(5000)]

    assert len(set(made)) == len(made)
    assert sorted(made) == made
    assert {len(made_id) for made_id in made} == {32}
    assert len({made_id[20:] for made_id in made}) == len(made)  # the random parts, too


def test_a_forked_process_never_hands_out_the_random_parts_its_parent_would() -> None:
    new_id()  # the parent holds random parts fetched ahead
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe and leaves at once
        os.write(writing, "".join(new_id()[20:] for _ in range(100)).encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        text = pipe.read()
    os.waitpid(child, 0)
    childs = {text[start:start + 12] for start in range(0, len(text), 12)}
    parents = {new_id()[20:] for _ in range(100)}

    assert len(childs) == 100
    assert not childs & parents
