"""One contract for the API token and idempotency stores, run against memory, SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.adapters.memory.idempotency import InMemoryIdempotencyStore
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.access import SqlApiTokenStore
from oms.adapters.sql.idempotency import SqlIdempotencyStore
from oms.application.access.tokens import authenticate, issue_token, revoke_token
from oms.domain.access.tokens import ApiToken, Role
from oms.domain.shared.errors import AlreadyExists, NotFound
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.shared.idempotency import IdempotencyStore, StoredResponse

from .conftest import BACKENDS

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


class Clock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture(params=BACKENDS)
def stores(request: pytest.FixtureRequest) -> Iterator[tuple[ApiTokenStore, IdempotencyStore]]:
    if request.param == "memory":
        yield InMemoryApiTokenStore(), InMemoryIdempotencyStore()
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "clean_postgres_url")
    database = SqlDatabase.from_url(url)
    yield SqlApiTokenStore(database.engine), SqlIdempotencyStore(database.engine)
    database.dispose()


def test_a_token_round_trips_and_is_found_by_the_hash_of_its_secret(
        stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    tokens, _ = stores

    issued = issue_token(tokens, Clock(), name="shop front", role="clerk")

    found = authenticate(tokens, issued.secret)
    assert found is not None
    assert (found.id, found.name, found.role, found.created_at, found.revoked_at) == (
        issued.token.id, "shop front", Role.CLERK, NOW, None)
    assert [t.id for t in tokens.list()] == [issued.token.id]


def test_a_revoked_token_is_kept_but_no_longer_authenticates(stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    tokens, _ = stores
    issued = issue_token(tokens, Clock(), name="old", role=Role.ADMIN)

    revoke_token(tokens, Clock(), issued.token.id)

    assert authenticate(tokens, issued.secret) is None
    assert tokens.get(issued.token.id).revoked_at == NOW


def test_a_token_with_a_taken_hash_is_refused_and_an_unknown_one_not_found(
        stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    tokens, _ = stores
    first = issue_token(tokens, Clock(), name="a", role="viewer").token
    twin = ApiToken(id="other", name="b", role=Role.VIEWER, token_hash=first.token_hash, created_at=NOW)

    with pytest.raises(AlreadyExists):
        tokens.add(twin)
    with pytest.raises(NotFound):
        tokens.get("nope")
    assert tokens.by_hash("0" * 64) is None


def test_the_first_claim_of_a_key_owns_it_and_later_claims_see_it_in_progress(
        stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    _, keys = stores

    first = keys.claim("t1:k", "fp-1", NOW, NOW + timedelta(hours=24))
    second = keys.claim("t1:k", "fp-2", NOW, NOW + timedelta(hours=24))

    assert first is None
    assert second is not None
    assert (second.fingerprint, second.in_progress, second.expires_at) == ("fp-1", True, NOW + timedelta(hours=24))


def test_a_completed_key_replays_its_response_byte_for_byte(stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    _, keys = stores
    keys.claim("t1:k", "fp", NOW, NOW + timedelta(hours=24))
    response = StoredResponse(status=201, body=b'{"id": "x"}\n', content_type="application/json",
                              location="/api/v1/sales-orders/x")

    keys.complete("t1:k", response)

    record = keys.claim("t1:k", "fp", NOW + timedelta(hours=1), NOW + timedelta(hours=25))
    assert record is not None
    assert record.response == response


def test_a_released_key_can_be_claimed_again_and_an_expired_one_is_taken_over(
        stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    _, keys = stores
    keys.claim("t1:released", "fp", NOW, NOW + timedelta(hours=24))
    keys.claim("t1:old", "fp", NOW, NOW + timedelta(hours=24))
    keys.complete("t1:old", StoredResponse(status=200, body=b"{}", content_type="application/json"))

    keys.release("t1:released")

    assert keys.claim("t1:released", "fp", NOW, NOW + timedelta(hours=24)) is None
    assert keys.claim("t1:old", "other", NOW + timedelta(hours=24), NOW + timedelta(hours=48)) is None
    assert keys.purge_expired(NOW + timedelta(hours=48)) == 2


def test_of_sixteen_concurrent_claims_of_one_key_exactly_one_wins(
        stores: tuple[ApiTokenStore, IdempotencyStore]) -> None:
    _, keys = stores
    results: list[object] = []
    barrier = threading.Barrier(16)

    def claim() -> None:
        barrier.wait()
        results.append(keys.claim("t1:storm", "fp", NOW, NOW + timedelta(hours=24)))

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results) == 16
    assert results.count(None) == 1
