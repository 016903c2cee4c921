"""The CLI's commands made from the action tables: `oms <group> <action> [REF] [ARGS] [--options]`, one per action.

Each action becomes a command of its resource's group, named as the action, with its summary as help. Positional
arguments: the resource's ref (when the action is on one: the quotation, the SKU), the fields the URL fills besides
(`LINE`), the code of what a creation makes (`oms branch create BER`), then the fields the action names as its
`arguments`. Every other field of the command is an option named after it (see `syntax`). A command whose syntax
cannot be made so (`order issue`'s `LINE=QTY`, the CSV imports) is written by hand and registered with
`hand_written`; it replaces the generated one.

Every command runs in one transaction and answers with what the HTTP API answers, read in that transaction: with
`--json` exactly that JSON, otherwise one line (a document's summary, `product DESK created`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import click

from oms.application.shared.actions import Action, Resource
from oms.application.shared.commands import Command
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json
from oms.entrypoints.cli.syntax import KEEP, syntax_of, unwrap

Factory = Callable[[Action], click.Command]
HAND_WRITTEN: dict[tuple[str, str], Factory] = {}


def hand_written(resource: Resource, name: str) -> Callable[[Factory], Factory]:
    """Register a command written by hand for an action (by its resource and name), used instead of the generated
    one."""
    def register(factory: Factory) -> Factory:
        HAND_WRITTEN[(resource.name, name)] = factory
        return factory

    return register


def perform(cli: CliContext, action: Action, command: Command[Any]) -> tuple[Any, Any]:
    """Run an action's command as the operator, in one transaction; (what it returned, what it answers)."""
    command = attrs.evolve(command, actor=cli.actor)
    if action.prepare is not None:
        action.prepare(cli.system, cli.runtime.payments, command)
    return cli.system.answer(command, lambda uow, result: (result, action.respond(uow, command, result)))


def say(action: Action, answer: Any, as_json: bool) -> None:
    """What a command answered: its JSON, as the HTTP API's, or its line."""
    from oms.entrypoints.cli.views import answer_line  # here: the views of every context, not needed for help

    if as_json:
        print_json(answer)
    else:
        click.echo(answer_line(action, answer))


def positional(action: Action) -> dict[str, str]:
    """The command fields given as positional arguments, in order, with their metavars."""
    found = {} if action.collection else {action.resource.ref_field: action.resource.ref.upper()}
    found |= {name: "LINE" if name == "line_id" else name.upper() for name in action.url_fields.values()
              if name not in found}
    fields = attrs.fields_dict(action.command)
    if action.collection and action.creates is not None and action.creates.ref_field in fields:
        found[action.creates.ref_field] = action.creates.ref.upper()
    found |= {name: "LINE" if name == "line_id" else name.removesuffix("_code").upper() for name in action.arguments}
    return found


def line_id(cli: CliContext, resource: Resource, ref: str, given: str) -> str:
    """The id of a document's line given by its id, its number (#) or its SKU (when it has the SKU once); a line of
    a document whose view has no `lines` (a service order's labour) is named by its id."""
    assert resource.show is not None
    lines = getattr(cli.system.read(resource.show, ref), "lines", None)
    if lines is None:
        return given
    by_id = [line for line in lines if line.id == given]
    by_number = [line for line in lines if str(line.position) == given]
    by_sku = [line for line in lines if line.sku == given]
    if not by_id and not by_number and len(by_sku) > 1:
        fail(f"{ref} has {len(by_sku)} lines of {given}: name the line by its number (#)")
    found = by_id or by_number or by_sku
    return str(found[0].id) if found else given  # no such line: the command says it is not found


def generated_command(action: Action) -> click.Command:
    """The command made from an action's declaration (see the module's docstring)."""
    command_class = attrs.resolve_types(action.command)
    places = positional(action)
    fields = [field for field in attrs.fields(command_class) if field.name != "actor"]
    syntaxes = {field.name: syntax_of(field, places.get(field.name)) for field in fields}
    arguments = [param for name in places for param in syntaxes[name].params]
    options = [param for name, syntax in syntaxes.items() if name not in places for param in syntax.params]

    @pass_cli
    def run(cli: CliContext, /, as_json: bool, **given: Any) -> None:
        values = {name: syntax.read(given) for name, syntax in syntaxes.items()}
        if "line_id" in values:
            values["line_id"] = line_id(cli, action.resource, values[action.resource.ref_field], values["line_id"])
        command = action.command(**{name: value for name, value in values.items() if value is not KEEP})
        say(action, perform(cli, action, command)[1], as_json)

    numbers = any(unwrap(field.type)[0] in (Decimal, int) for field in fields if field.name in places)
    lines = " LINE is the line's number (#), its SKU or its id." if "line_id" in places else ""
    return click.Command(action.name, callback=run, params=[*arguments, *options, _json()],
                         help=f"{action.summary}.{lines}", short_help=action.summary,
                         context_settings={"ignore_unknown_options": True} if numbers else None)  # -2


def _json() -> click.Option:
    return click.Option(["--json", "as_json"], is_flag=True, help="Print the answer as the HTTP API answers it.")


def show_command(resource: Resource) -> click.Command:
    """`oms <group> show REF`: the resource as the HTTP API shows it (`--json`), or as text."""
    show = resource.show
    assert show is not None
    about = (show.__doc__ or "").strip().splitlines()
    summary = f"Show {about[0][0].lower()}{about[0][1:].rstrip('.')}" if about else f"Show a {resource.title}"

    @click.command("show", help=f"{summary}.", short_help=summary)
    @click.argument("ref", metavar=resource.ref.upper())
    @json_option
    @pass_cli
    def run(cli: CliContext, ref: str, as_json: bool) -> None:
        view = cli.system.read(show, ref)
        if as_json:
            print_json(view)
        else:
            from oms.entrypoints.cli.views import print_view

            print_view(view)

    return run


def add_action_commands(group: click.Group, actions: Sequence[Action]) -> None:
    """A command in the group for each of the actions on its resources (hand-written where registered), and `show`
    for each of its resources that can be shown, unless the group has one."""
    resources: dict[str, Resource] = {}
    for action in actions:
        if action.resource.cli == group.name:
            make = HAND_WRITTEN.get((action.resource.name, action.name), generated_command)
            group.add_command(make(action), action.name)
        resources |= {r.name: r for r in (action.resource, action.creates)
                      if r is not None and r.show is not None and r.cli == group.name}
    for resource in resources.values():
        if "show" not in group.commands:
            group.add_command(show_command(resource))
