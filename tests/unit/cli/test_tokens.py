"""`oms token ...` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from oms.application.access.tokens import authenticate
from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.runtime import Runtime

Run = Callable[..., Result]


def test_a_created_token_prints_its_secret_once_and_stores_only_a_hash() -> None:
    from click.testing import CliRunner

    runtime = Runtime.in_memory()
    context = CliContext(lambda: runtime)

    result = CliRunner().invoke(main, ["token", "create", "--role", "clerk", "--name", "shop"], obj=context)

    secret = result.stdout.strip()
    token = authenticate(runtime.tokens, secret)
    assert result.exit_code == 0
    assert token is not None
    assert (token.name, token.role.value) == ("shop", "clerk")
    assert secret not in repr(runtime.tokens.list())
    assert "shown only now" in result.stderr


def test_a_revoked_token_no_longer_authenticates() -> None:
    from click.testing import CliRunner

    runtime = Runtime.in_memory()
    context = CliContext(lambda: runtime)
    secret = CliRunner().invoke(main, ["token", "create", "--role", "viewer", "--name", "bi"], obj=context).stdout
    token_id = runtime.tokens.list()[0].id

    revoked = CliRunner().invoke(main, ["token", "revoke", token_id], obj=context)
    listing = json.loads(CliRunner().invoke(main, ["token", "list", "--json"], obj=context).stdout)

    assert revoked.exit_code == 0
    assert authenticate(runtime.tokens, secret.strip()) is None
    assert listing[0]["revoked_at"] is not None


def test_an_unknown_role_is_a_usage_error(run: Run) -> None:
    result = run("token", "create", "--role", "root", "--name", "x")

    assert result.exit_code == 2
    assert "'root' is not one of" in result.stderr


def test_revoking_an_unknown_token_is_refused(run: Run) -> None:
    result = run("token", "revoke", "nope")

    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: api token 'nope' not found"
