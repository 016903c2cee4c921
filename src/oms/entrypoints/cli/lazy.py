"""A group whose commands are imported only when one is run or its own help is asked for: `oms --help` lists them
from their names and short help alone."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from oms.entrypoints.cli.exits import OmsGroup

if TYPE_CHECKING:
    from oms.application.shared.actions import Action


class Lazy(NamedTuple):
    """A command not yet imported: where it is (`module:name`), its short help as the group lists it, the action
    tables with commands on its resources (`module:name` each, in the order of the list of all actions), and
    commands of other modules it takes besides."""

    where: str
    help: str
    tables: tuple[str, ...] = ()
    also: tuple[str, ...] = ()

    def load(self) -> click.Command:
        command: click.Command = _imported(self.where)
        if isinstance(command, click.Group) and (self.tables or self.also):
            from oms.entrypoints.cli.actions import add_action_commands

            for other in self.also:
                command.add_command(_imported(other))
            add_action_commands(command, self.actions())
        return command

    def actions(self) -> list[Action]:
        """Every action of its action tables, on its resources and on others'."""
        return [action for table in self.tables for action in _imported(table)]


def _imported(where: str) -> Any:
    module, _, name = where.partition(":")
    return getattr(import_module(module), name)


class LazyGroup(OmsGroup):
    """An `OmsGroup` that imports each of its `lazy` commands the first time it is asked for."""

    def __init__(self, *args: Any, lazy: Mapping[str, Lazy] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(self.lazy[cmd_name].load(), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's own listing, of the commands imported so far and of stand-ins for the others."""
        listed = {name: self.commands.get(name) or click.Command(name, help=self.lazy[name].help)
                  for name in self.list_commands(ctx)}
        click.Group(commands=listed).format_commands(ctx, formatter)
