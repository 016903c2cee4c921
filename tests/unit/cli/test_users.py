"""`oms user ...` through Click's runner."""

from __future__ import annotations

import json

import attrs
import pytest
from click.testing import CliRunner, Result

from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import SignInRefused, sign_in
from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.runtime import Runtime


@pytest.fixture
def runtime() -> Runtime:
    return attrs.evolve(Runtime.in_memory(), passwords=Argon2PasswordHasher.fast())


def oms_user(runtime: Runtime, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["user", *args], obj=CliContext(lambda: runtime), input=stdin)


def create_anna(runtime: Runtime) -> Result:
    return oms_user(runtime, "create", "Anna", "--role", "clerk", "--name", "Anna Berg", "--password-stdin",
                    stdin="correct horse\n")


def signs_in(runtime: Runtime, username: str, password: str) -> bool:
    try:
        sign_in(runtime.users, runtime.passwords, runtime.system.bus.clock, username, password)
    except SignInRefused:
        return False
    return True


def test_a_user_created_with_the_password_on_stdin_is_listed_without_its_hash(runtime: Runtime) -> None:
    created = create_anna(runtime)

    listing = oms_user(runtime, "list", "--json")
    table = oms_user(runtime, "list")

    assert created.exit_code == 0
    assert created.stdout == "user anna (clerk) created\n"
    assert [(u["username"], u["name"], u["role"], u["active"]) for u in json.loads(listing.stdout)] == [
        ("anna", "Anna Berg", "clerk", True)]
    assert "argon2" not in listing.stdout + table.stdout
    assert "Anna Berg" in table.stdout
    assert signs_in(runtime, "anna", "correct horse")


def test_a_password_typed_twice_at_the_prompt_is_not_echoed(runtime: Runtime) -> None:
    result = oms_user(runtime, "create", "bob", "--role", "viewer", "--name", "Bob",
                      stdin="long enough\nlong enough\n")

    assert result.exit_code == 0
    assert "long enough" not in result.output
    assert signs_in(runtime, "bob", "long enough")


def test_set_password_replaces_the_old_one(runtime: Runtime) -> None:
    create_anna(runtime)

    result = oms_user(runtime, "set-password", "anna", "--password-stdin", stdin="battery staple\n")

    assert result.exit_code == 0
    assert signs_in(runtime, "anna", "battery staple")
    assert not signs_in(runtime, "anna", "correct horse")


def test_a_disabled_user_can_no_longer_sign_in(runtime: Runtime) -> None:
    create_anna(runtime)

    result = oms_user(runtime, "disable", "anna")

    assert (result.exit_code, result.stdout) == (0, "user anna disabled\n")
    assert not signs_in(runtime, "anna", "correct horse")
    assert json.loads(oms_user(runtime, "list", "--json").stdout)[0]["active"] is False


def test_a_taken_username_exits_1_with_one_line_before_asking_for_a_password(runtime: Runtime) -> None:
    create_anna(runtime)

    result = oms_user(runtime, "create", "ANNA", "--role", "admin", "--name", "Other")

    assert result.exit_code == 1
    assert result.stderr == "Error: user 'anna' already exists\n"
    assert "Password" not in result.output


def test_a_short_password_exits_2_naming_the_password(runtime: Runtime) -> None:
    result = oms_user(runtime, "create", "bob", "--role", "viewer", "--name", "Bob", "--password-stdin",
                      stdin="short\n")

    assert result.exit_code == 2
    assert result.stderr == "Error: invalid password: must be at least 8 characters\n"
    assert runtime.users.list() == []


def test_changing_an_unknown_user_exits_1(runtime: Runtime) -> None:
    disabled = oms_user(runtime, "disable", "nobody")
    changed = oms_user(runtime, "set-password", "nobody", "--password-stdin", stdin="long enough\n")

    assert (disabled.exit_code, changed.exit_code) == (1, 1)
    assert changed.stderr == "Error: user 'nobody' not found\n"
