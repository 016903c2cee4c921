"""Use cases of console users: creating, changing passwords, disabling, and signing in with throttling."""

from __future__ import annotations

from datetime import timedelta

import pytest

import oms
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import (
    SignInRefused,
    create_user,
    disable_user,
    password_fingerprint,
    set_password,
    sign_in,
)
from oms.domain.access.tokens import Role
from oms.domain.access.users import User
from oms.domain.shared.errors import AlreadyExists, BusinessRuleViolation, InvalidValue, NotFound

WRONG = "the username or password is wrong"


@pytest.fixture
def anna(users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock) -> str:
    create_user(users, hasher, clock, username="Anna", name="Anna Berg", role="clerk", password="correct horse")
    return "anna"


def refusal(users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, username: str,
            password: str) -> str:
    with pytest.raises(SignInRefused) as refused:
        sign_in(users, hasher, clock, username, password)
    assert refused.value.rule == "SignInRefused"
    return refused.value.detail


def test_a_created_user_keeps_only_a_hash_of_the_password_and_signs_in_in_any_case(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:

    signed_in = sign_in(users, hasher, clock, "ANNA", "correct horse")

    assert (signed_in.username, signed_in.name, signed_in.role) == ("anna", "Anna Berg", Role.CLERK)
    assert "correct horse" not in signed_in.password_hash
    assert users.get(signed_in.id).last_sign_in_at == clock.now()


@pytest.mark.parametrize(("values", "field"), [({"password": "seven.."}, "password"),
                                               ({"username": "anna berg"}, "username"),
                                               ({"role": "root"}, "role"),
                                               ({"name": " "}, "name")])
def test_a_user_with_a_bad_value_is_refused_naming_the_field_and_nothing_is_kept(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock,
        values: dict[str, str], field: str) -> None:
    given = {"username": "bob", "name": "Bob", "role": "viewer", "password": "long enough"} | values

    with pytest.raises(InvalidValue) as refused:
        create_user(users, hasher, clock, **given)

    assert refused.value.field == field
    assert users.list() == []


def test_a_taken_username_is_refused_in_any_case(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    with pytest.raises(AlreadyExists):
        create_user(users, hasher, clock, username="ANNA", name="Other", role=Role.ADMIN, password="long enough")


def test_unknown_users_wrong_passwords_and_disabled_users_are_refused_in_the_same_words(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    unknown = refusal(users, hasher, clock, "nobody", "correct horse")
    malformed = refusal(users, hasher, clock, "no body!", "correct horse")
    wrong = refusal(users, hasher, clock, "anna", "wrong horse")

    disable_user(users, clock, "anna")
    disabled = refusal(users, hasher, clock, "anna", "correct horse")

    assert unknown == malformed == wrong == disabled == WRONG


def test_the_fifth_wrong_password_locks_the_user_even_against_the_right_one_until_fifteen_minutes_pass(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    clock.advance(timedelta(seconds=30))  # 09:30:30
    first_four = [refusal(users, hasher, clock, "anna", "wrong horse") for _ in range(4)]

    fifth = refusal(users, hasher, clock, "anna", "wrong horse")
    clock.advance(timedelta(minutes=14, seconds=59))
    still_locked = refusal(users, hasher, clock, "anna", "correct horse")
    clock.advance(timedelta(seconds=1))
    signed_in = sign_in(users, hasher, clock, "anna", "correct horse")

    assert first_four == [WRONG] * 4
    assert fifth == still_locked == "too many failed sign-ins; try again after 09:46 UTC"  # 09:45:30, rounded up
    assert (signed_in.failed_sign_ins, signed_in.locked_until) == (0, None)


def test_a_success_resets_the_count_so_failures_must_be_in_a_row_to_lock(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    for _ in range(4):
        refusal(users, hasher, clock, "anna", "wrong horse")

    sign_in(users, hasher, clock, "anna", "correct horse")
    for _ in range(4):
        refusal(users, hasher, clock, "anna", "wrong horse")

    assert sign_in(users, hasher, clock, "anna", "correct horse").failed_sign_ins == 0


def test_a_new_password_unlocks_the_user_and_changes_the_fingerprint(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    before = password_fingerprint(users.by_username("anna") or pytest.fail("anna is missing"))
    for _ in range(5):
        refusal(users, hasher, clock, "anna", "wrong horse")

    set_password(users, hasher, clock, "Anna", "battery staple")
    signed_in = sign_in(users, hasher, clock, "anna", "battery staple")

    assert len(before) == 16
    assert password_fingerprint(signed_in) != before
    assert password_fingerprint(signed_in) == password_fingerprint(users.get(signed_in.id))
    assert refusal(users, hasher, clock, "anna", "correct horse") == WRONG


def test_a_hash_made_with_weaker_parameters_is_replaced_at_the_next_sign_in(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    stronger = Argon2PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    weak_hash = (users.by_username("anna") or pytest.fail("anna is missing")).password_hash

    signed_in = sign_in(users, stronger, clock, "anna", "correct horse")

    assert signed_in.password_hash != weak_hash
    assert not stronger.needs_rehash(users.get(signed_in.id).password_hash)
    assert stronger.verify(users.get(signed_in.id).password_hash, "correct horse")


def test_a_sign_in_that_lost_a_race_is_judged_again_on_fresh_data(
        hasher: Argon2PasswordHasher, clock: oms.FixedClock) -> None:
    class RacedStore(InMemoryUserStore):
        """Another request saves the user once, between this sign-in's read and its save."""

        raced = False

        def save(self, user: User) -> None:
            if not self.raced:
                self.raced = True
                InMemoryUserStore.save(self, self.get(user.id))
            super().save(user)

    users = RacedStore()
    create_user(users, hasher, clock, username="anna", name="Anna", role="clerk", password="correct horse")

    signed_in = sign_in(users, hasher, clock, "anna", "correct horse")

    assert (signed_in.version, users.get(signed_in.id).last_sign_in_at) == (2, clock.now())


def test_changing_or_disabling_an_unknown_user_is_not_found_and_disabling_twice_is_refused(
        users: InMemoryUserStore, hasher: Argon2PasswordHasher, clock: oms.FixedClock, anna: str) -> None:
    with pytest.raises(NotFound):
        set_password(users, hasher, clock, "nobody", "long enough")
    with pytest.raises(NotFound):
        disable_user(users, clock, "nobody")
    disable_user(users, clock, "anna")
    with pytest.raises(BusinessRuleViolation) as refused:
        disable_user(users, clock, "anna")

    assert refused.value.rule == "UserMustBeActive"
