"""`oms user create|list|disable|set-password`: the operators who sign in to the console (only password hashes kept)."""

from __future__ import annotations

import sys

import click

from oms.application.access.users import create_user, disable_user, set_password
from oms.domain.access.tokens import Role, describe_roles
from oms.domain.access.users import normalize_username
from oms.domain.shared.errors import AlreadyExists, NotFound
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table

password_stdin_option = click.option(
    "--password-stdin", "from_stdin", is_flag=True,
    help="Read the password from the first line of standard input instead of asking for it (for scripts).")


def _read_password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice at a prompt that does not echo it."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return password


@click.group("user")
def user() -> None:
    """Console users: who may sign in to the web console, with which role."""


@user.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]), help=f"{describe_roles()}.")
@click.option("--name", required=True, help="The display name; the username is the actor in audit trails.")
@password_stdin_option
@pass_cli
def create(cli: CliContext, username: str, role: str, name: str, from_stdin: bool) -> None:
    """Create a user who signs in as USERNAME (lower-case a-z, 0-9, '.', '_', '@', '-')."""
    if cli.runtime.users.by_username(normalize_username(username)) is not None:
        raise AlreadyExists("user", username.lower())  # before asking for a password that would be thrown away
    created = create_user(cli.runtime.users, cli.runtime.passwords, cli.system.bus.clock, username=username,
                          name=name, role=role, password=_read_password(from_stdin))
    click.echo(f"user {created.username} ({created.role}) created")


@user.command("list")
@json_option
@pass_cli
def list_users(cli: CliContext, as_json: bool) -> None:
    """List the users (never their password hashes)."""
    users = cli.runtime.users.list()
    if as_json:
        print_json([{"id": u.id, "username": u.username, "name": u.name, "role": u.role, "active": u.active,
                     "created_at": u.created_at, "disabled_at": u.disabled_at, "locked_until": u.locked_until,
                     "last_sign_in_at": u.last_sign_in_at} for u in users])
    else:
        print_table(["username", "name", "role", "active", "created_at", "last_sign_in_at"],
                    [[u.username, u.name, u.role, u.active, u.created_at, u.last_sign_in_at] for u in users])


@user.command("disable")
@click.argument("username")
@pass_cli
def disable(cli: CliContext, username: str) -> None:
    """Disable a user: their next sign-in and their next console request are refused."""
    disabled = disable_user(cli.runtime.users, cli.system.bus.clock, username)
    click.echo(f"user {disabled.username} disabled")


@user.command("set-password")
@click.argument("username")
@password_stdin_option
@pass_cli
def change_password(cli: CliContext, username: str, from_stdin: bool) -> None:
    """Give a user a new password; it lifts a lock and signs their console sessions out."""
    if cli.runtime.users.by_username(username) is None:
        raise NotFound("user", username)  # before asking for the password
    changed = set_password(cli.runtime.users, cli.runtime.passwords, cli.system.bus.clock, username,
                           _read_password(from_stdin))
    click.echo(f"password of user {changed.username} changed")
