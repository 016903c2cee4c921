"""One contract for the API token stores and the console user stores, run against memory, SQLite and PostgreSQL
(handled requests, which keep the answers of Idempotency-Keys, are in the unit of work's contract)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from sqlalchemy import Engine

from oms.adapters.memory.access import InMemoryApiTokenStore, InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.access.tokens import SqlApiTokenStore
from oms.adapters.sql.access.users import SqlUserStore
from oms.application.access.tokens import authenticate, issue_token, revoke_token
from oms.application.access.users import create_user, disable_user, sign_in
from oms.domain.access.tokens import ApiToken, Role
from oms.domain.access.users import User
from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, NotFound
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.access.users import UserStore

from .conftest import BACKENDS

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
S = TypeVar("S")


class Clock:
    def now(self) -> datetime:
        return NOW


def _store(request: pytest.FixtureRequest, in_memory: Callable[[], S], on_sql: Callable[[Engine], S]) -> Iterator[S]:
    """The store of the backend `request.param` names; a SQL one on a freshly migrated database."""
    if request.param == "memory":
        yield in_memory()
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "clean_postgres_url")
    database = SqlDatabase.from_url(url)
    yield on_sql(database.engine)
    database.dispose()


@pytest.fixture(params=BACKENDS)
def tokens(request: pytest.FixtureRequest) -> Iterator[ApiTokenStore]:
    stores: Iterator[ApiTokenStore] = _store(request, InMemoryApiTokenStore, SqlApiTokenStore)
    yield from stores


@pytest.fixture(params=BACKENDS)
def users(request: pytest.FixtureRequest) -> Iterator[UserStore]:
    stores: Iterator[UserStore] = _store(request, InMemoryUserStore, SqlUserStore)
    yield from stores


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


HASHER = Argon2PasswordHasher.fast()


def _user(user_id: str, username: str) -> User:
    return User(id=user_id, username=username, name="Someone", role=Role.VIEWER, password_hash="$argon2id$x",
                created_at=NOW)


def test_a_user_round_trips_and_is_found_by_username_in_any_case(users: UserStore) -> None:
    created = create_user(users, HASHER, Clock(), username="Anna", name="Anna Berg", role="manager",
                          password="correct horse")

    found = users.by_username("ANNA")

    assert found is not None
    assert (found.id, found.username, found.name, found.role, found.created_at, found.disabled_at,
            found.failed_sign_ins, found.locked_until, found.last_sign_in_at, found.version) == (
        created.id, "anna", "Anna Berg", Role.MANAGER, NOW, None, 0, None, None, 0)
    assert HASHER.verify(found.password_hash, "correct horse")
    assert users.get(created.id).username == "anna"
    assert [u.id for u in users.list()] == [created.id]


def test_a_saved_user_keeps_its_sign_in_state_and_its_version_goes_up(users: UserStore) -> None:
    create_user(users, HASHER, Clock(), username="anna", name="Anna", role="clerk", password="correct horse")

    signed_in = sign_in(users, HASHER, Clock(), "anna", "correct horse")
    disabled = disable_user(users, Clock(), "anna")

    kept = users.get(disabled.id)
    assert (kept.last_sign_in_at, kept.disabled_at, kept.version) == (NOW, NOW, 2)
    assert signed_in.version == 1


def test_a_taken_id_or_username_is_refused_and_an_unknown_user_not_found(users: UserStore) -> None:
    users.add(_user("u1", "anna"))

    with pytest.raises(AlreadyExists):
        users.add(_user("u2", "ANNA"))
    with pytest.raises(AlreadyExists):
        users.add(_user("u1", "bob"))
    with pytest.raises(NotFound):
        users.get("nope")
    with pytest.raises(NotFound):
        users.save(_user("nope", "nobody"))
    assert users.by_username("bob") is None
    assert [u.username for u in users.list()] == ["anna"]


def test_saving_a_copy_read_before_another_save_is_a_conflict_and_changes_nothing(users: UserStore) -> None:
    users.add(_user("u1", "anna"))
    first, second = users.get("u1"), users.get("u1")
    first.change_password("$argon2id$new")
    users.save(first)

    second.sign_in_failed(NOW)
    with pytest.raises(ConcurrencyConflict):
        users.save(second)

    kept = users.get("u1")
    assert (kept.password_hash, kept.failed_sign_ins, kept.version) == ("$argon2id$new", 0, 1)
