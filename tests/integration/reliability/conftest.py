"""Real servers for the reliability scenarios, one per backend for the whole session: `oms serve` on a SQLite file
and gunicorn (the production entrypoint) on a PostgreSQL database of its own, both removed at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reliability.target import Target, running_target

BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_target() -> Iterator[Target]:
    with running_target("sqlite") as target:
        yield target


@pytest.fixture(scope="session")
def postgres_target() -> Iterator[Target]:
    with running_target("postgres") as target:
        yield target


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest) -> Target:
    """The server of each backend in turn: a test using it runs on SQLite and on PostgreSQL."""
    found: Target = request.getfixturevalue(f"{request.param}_target")
    return found
