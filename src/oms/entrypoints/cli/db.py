"""`oms db`: bring the database to the newest schema, or show which revision it is at."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from oms.entrypoints.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.exc import SQLAlchemyError

URL_HELP = "SQLAlchemy URL of the database (default: OMS_DATABASE_URL, else sqlite:///oms.db)"


def _url(url: str | None) -> str:
    """The command's --url, else the one given to `oms --database-url` (or OMS_DATABASE_URL), else the default."""
    given = click.get_current_context().find_root().params.get("database_url")
    return url or given or Settings.from_env().database_url


def _reason(error: SQLAlchemyError) -> str:
    """The database's own message, first line only (a driver's message may span several)."""
    message = str(getattr(error, "orig", None) or error).strip()
    return f"{type(error).__name__}: {message.splitlines()[0] if message else 'no detail'}"


@click.group()
def db() -> None:
    """The database's schema: migrations shipped with oms."""


@db.command("upgrade")
@click.option("--url", default=None, help=URL_HELP)
def upgrade_command(url: str | None) -> None:
    """Apply every migration not yet applied (safe to run again, and from several processes)."""
    from sqlalchemy.exc import SQLAlchemyError

    from oms.adapters.sql import head_revision, upgrade

    target = _url(url)
    try:
        upgrade(target)
    except SQLAlchemyError as error:
        raise click.ClickException(f"cannot migrate the database: {_reason(error)}") from error
    click.echo(f"database at revision {head_revision()} (head)")


@db.command("current")
@click.option("--url", default=None, help=URL_HELP)
def current_command(url: str | None) -> None:
    """Print the database's revision, and whether it is the newest."""
    from sqlalchemy.exc import SQLAlchemyError

    from oms.adapters.sql import current_revision, head_revision

    try:
        revision = current_revision(_url(url))
    except SQLAlchemyError as error:
        raise click.ClickException(f"cannot read the database: {_reason(error)}") from error
    head = head_revision()
    if revision is None:
        click.echo(f"not migrated (head is {head}): run `oms db upgrade`")
    elif revision == head:
        click.echo(f"{revision} (head)")
    else:
        click.echo(f"{revision} (head is {head}): run `oms db upgrade`")
