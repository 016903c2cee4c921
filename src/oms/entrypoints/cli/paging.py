"""The options every paged document list of the CLI takes: creation time, page size, order and cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from oms.entrypoints.cli import support
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_LIMIT

F = TypeVar("F", bound=Callable[..., Any])


def paging_options(order: str) -> Callable[[F], F]:
    """`--created-from`, `--created-until`, `--limit`, `--order` (`order` by default) and `--cursor`."""
    def decorate(command: F) -> F:
        for option in reversed((
                click.option("--created-from", type=support.ISO_TIME, help="Created at or after."),
                click.option("--created-until", type=support.ISO_TIME, help="Created before."),
                click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT, show_default=True),
                click.option("--order", type=click.Choice(["newest", "oldest"]), default=order, show_default=True),
                click.option("--cursor", help="Where the previous page ended (printed under it)."))):
            command = option(command)
        return command
    return decorate
