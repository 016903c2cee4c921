"""One contract for the API token stores, run against memory, SQLite and PostgreSQL (handled requests, which keep
the answers of Idempotency-Keys, are in the unit of work's contract)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.access.tokens import SqlApiTokenStore
from oms.application.access.tokens import authenticate, issue_token, revoke_token
from oms.domain.access.tokens import ApiToken, Role
from oms.domain.shared.errors import AlreadyExists, NotFound
from oms.ports.access.tokens import ApiTokenStore

from .conftest import BACKENDS

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


class Clock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture(params=BACKENDS)
def tokens(request: pytest.FixtureRequest) -> Iterator[ApiTokenStore]:
    if request.param == "memory":
        yield InMemoryApiTokenStore()
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "clean_postgres_url")
    database = SqlDatabase.from_url(url)
    yield SqlApiTokenStore(database.engine)
    database.dispose()


def test_a_token_round_trips_and_is_found_by_the_hash_of_its_secret(
        tokens: ApiTokenStore) -> None:

    issued = issue_token(tokens, Clock(), name="shop front", role="clerk")

    found = authenticate(tokens, issued.secret)
    assert found is not None
    assert (found.id, found.name, found.role, found.created_at, found.revoked_at) == (
        issued.token.id, "shop front", Role.CLERK, NOW, None)
    assert [t.id for t in tokens.list()] == [issued.token.id]


def test_a_revoked_token_is_kept_but_no_longer_authenticates(tokens: ApiTokenStore) -> None:
    issued = issue_token(tokens, Clock(), name="old", role=Role.ADMIN)

    revoke_token(tokens, Clock(), issued.token.id)

    assert authenticate(tokens, issued.secret) is None
    assert tokens.get(issued.token.id).revoked_at == NOW


def test_a_token_with_a_taken_hash_is_refused_and_an_unknown_one_not_found(
        tokens: ApiTokenStore) -> None:
    first = issue_token(tokens, Clock(), name="a", role="viewer").token
    twin = ApiToken(id="other", name="b", role=Role.VIEWER, token_hash=first.token_hash, created_at=NOW)

    with pytest.raises(AlreadyExists):
        tokens.add(twin)
    with pytest.raises(NotFound):
        tokens.get("nope")
    assert tokens.by_hash("0" * 64) is None
