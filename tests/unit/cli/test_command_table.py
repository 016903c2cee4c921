"""The table of `oms`'s commands, from which `oms --help` lists them unimported: each entry tells its command's name,
short help and action tables as the command itself and the list of all actions do."""

from __future__ import annotations

import pytest

from oms.application.actions import ACTIONS
from oms.application.shared.actions import Action
from oms.entrypoints.cli import COMMANDS


def _concerns(action: Action, group: str) -> bool:
    return group in (action.resource.cli, action.creates.cli if action.creates else None)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_entry_names_a_command_of_its_name_and_its_short_help(name: str) -> None:
    entry = COMMANDS[name]

    command = entry.load()

    assert command.name == name
    assert entry.help == command.get_short_help_str(limit=10**6)


def test_a_group_takes_from_its_tables_every_action_on_its_resources_in_the_order_of_all_actions() -> None:
    wrong = [name for name, entry in COMMANDS.items()
             if [a for a in entry.actions() if _concerns(a, name)] != [a for a in ACTIONS if _concerns(a, name)]]

    assert wrong == []


def test_every_group_of_an_action_has_an_entry() -> None:
    groups = {group for action in ACTIONS for group in (action.resource.cli, action.creates and action.creates.cli)}

    assert sorted(str(group) for group in groups - set(COMMANDS) if group) == []
