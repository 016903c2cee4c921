"""`oms demo`: the walk through the sales flow in memory, and the demo's console users."""

from __future__ import annotations

from click.testing import CliRunner

import oms
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import sign_in
from oms.domain.access.tokens import Role
from oms.entrypoints.cli import main
from oms.entrypoints.demo import load_demo_users


def test_the_demo_walks_through_quotation_order_and_goods_issue() -> None:
    result = CliRunner().invoke(main, ["demo"])

    assert result.exit_code == 0, result.output
    assert "accepted and converted into SO-" in result.output
    assert "partially_issued" in result.output
    assert "is completed; audit trail" in result.output


def test_the_demo_users_are_loaded_once_and_sign_in_with_their_username_as_password() -> None:
    users, hasher, clock = InMemoryUserStore(), Argon2PasswordHasher.fast(), oms.SystemClock()

    first = load_demo_users(users, hasher, clock)
    second = load_demo_users(users, hasher, clock)

    assert (first, second) == (True, False)
    assert [(u.username, u.role) for u in users.list()] == [("demo", Role.ADMIN), ("viewer", Role.VIEWER)]
    assert sign_in(users, hasher, clock, "demo", "demo").role is Role.ADMIN
    assert sign_in(users, hasher, clock, "viewer", "viewer").role is Role.VIEWER
