"""`oms <group> events REF`: the domain events one document raised, oldest first, as its group's own command."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

import click

from oms.application.shared.actions import Resource
from oms.application.shared.queries import event_list
from oms.application.shared.views import EventList
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table


class Document(Protocol):
    @property
    def id(self) -> str: ...


def events_command(group: click.Group, resource: Resource, get: Callable[[Any, str], Document]) -> None:
    """Add `events REF` to the group: the events of the document `get` finds by REF in an open unit of work."""

    def events(uow: Any, ref: str) -> EventList:
        return event_list(uow, get(uow, ref).id)

    @group.command("events", help=f"The {resource.title}'s domain events, oldest first.")
    @click.argument("ref", metavar=resource.ref.upper())
    @json_option
    @pass_cli
    def list_events(cli: CliContext, ref: str, as_json: bool) -> None:
        from oms.entrypoints.json.converter import unstructure

        found = cli.system.read(events, ref)
        if as_json:
            print_json(found)
            return
        print_table(["at", "type", "data"], [[f"{e.occurred_at:%Y-%m-%d %H:%M:%S}", e.type,
                                              json.dumps(unstructure(e.data), ensure_ascii=False)]
                                             for e in found.items])
