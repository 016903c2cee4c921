"""Console users: the username's form, disabling, and the throttling of failed sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from oms.domain.access.tokens import Role
from oms.domain.access.users import LOCKOUT, MAX_FAILED_SIGN_INS, User
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def make_user(username: str = "anna", name: str = "Anna", password_hash: str = "$argon2id$x") -> User:
    return User(id="u1", username=username, name=name, role=Role.CLERK, password_hash=password_hash,
                created_at=NOW)


def test_a_username_is_kept_in_lower_case() -> None:
    user = make_user("Anna.Berg@Example-1_x")

    assert user.username == "anna.berg@example-1_x"


@pytest.mark.parametrize("username", ["", "anna berg", "anna!", "ä", "a" * 51])
def test_a_username_outside_its_alphabet_or_length_is_refused_naming_the_field(username: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        make_user(username)

    assert refused.value.field == "username"


@pytest.mark.parametrize(("field", "values"), [("name", {"name": ""}), ("name", {"name": "x" * 101}),
                                               ("password_hash", {"password_hash": ""})])
def test_an_empty_name_or_password_hash_is_refused_naming_the_field(field: str, values: dict[str, str]) -> None:
    with pytest.raises(InvalidValue) as refused:
        make_user(**values)

    assert refused.value.field == field


def test_a_disabled_user_is_inactive_and_cannot_be_disabled_again() -> None:
    user = make_user()

    user.disable(NOW)

    assert not user.active
    with pytest.raises(BusinessRuleViolation) as refused:
        user.disable(NOW)
    assert refused.value.rule == "UserMustBeActive"


def test_the_fifth_failure_in_a_row_locks_the_user_for_fifteen_minutes() -> None:
    user = make_user()

    for _ in range(4):
        user.sign_in_failed(NOW)
    locked_after_four = user.locked_at(NOW)
    user.sign_in_failed(NOW)

    assert not locked_after_four
    assert user.locked_until == NOW + timedelta(minutes=15)
    assert user.locked_at(NOW + timedelta(minutes=14, seconds=59))
    assert not user.locked_at(NOW + timedelta(minutes=15))


def test_a_success_resets_the_count_of_failures() -> None:
    user = make_user()
    for _ in range(MAX_FAILED_SIGN_INS - 1):
        user.sign_in_failed(NOW)

    user.signed_in(NOW)
    user.sign_in_failed(NOW)

    assert (user.failed_sign_ins, user.locked_until, user.last_sign_in_at) == (1, None, NOW)


def test_a_failure_after_a_lock_ran_out_starts_counting_again() -> None:
    user = make_user()
    for _ in range(MAX_FAILED_SIGN_INS):
        user.sign_in_failed(NOW)

    user.sign_in_failed(NOW + LOCKOUT)

    assert (user.failed_sign_ins, user.locked_until) == (1, None)


def test_a_new_password_lifts_the_lock() -> None:
    user = make_user()
    for _ in range(MAX_FAILED_SIGN_INS):
        user.sign_in_failed(NOW)

    user.change_password("$argon2id$new")

    assert (user.password_hash, user.failed_sign_ins, user.locked_at(NOW)) == ("$argon2id$new", 0, False)
