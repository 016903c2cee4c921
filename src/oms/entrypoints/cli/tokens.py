"""`oms token create|revoke|list`: the API tokens of the HTTP API (only a hash of each secret is kept)."""

from __future__ import annotations

import click

from oms.application.access.tokens import issue_token, revoke_token
from oms.domain.access.tokens import Role, describe_roles
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table


@click.group("token")
def token() -> None:
    """API tokens: who may use the HTTP API, with which role."""


@token.command("create")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]), help=f"{describe_roles()}.")
@click.option("--name", required=True, help="Who holds it; recorded as the actor of what they do.")
@pass_cli
def create(cli: CliContext, role: str, name: str) -> None:
    """Create a token and print its secret, which is shown this once and never stored."""
    issued = issue_token(cli.runtime.tokens, cli.system.bus.clock, name=name, role=role)
    click.echo(f"token {issued.token.id} for {name} ({role}); its secret, shown only now:", err=True)
    click.echo(issued.secret)


@token.command("revoke")
@click.argument("token_id")
@pass_cli
def revoke(cli: CliContext, token_id: str) -> None:
    """Revoke a token: the next request that presents it is refused."""
    revoked = revoke_token(cli.runtime.tokens, cli.system.bus.clock, token_id)
    click.echo(f"token {revoked.id} ({revoked.name}) revoked")


@token.command("list")
@json_option
@pass_cli
def list_tokens(cli: CliContext, as_json: bool) -> None:
    """List the tokens (never their secrets)."""
    tokens = cli.runtime.tokens.list()
    if as_json:
        print_json([{"id": t.id, "name": t.name, "role": t.role, "created_at": t.created_at,
                     "revoked_at": t.revoked_at} for t in tokens])
    else:
        print_table(["id", "name", "role", "created_at", "revoked_at"],
                    [[t.id, t.name, t.role, f"{t.created_at:%Y-%m-%d %H:%M}",
                      f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "-"] for t in tokens])
