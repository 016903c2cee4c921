"""The CLI's commands made from the action tables: `oms <group> <action> [REF] [ARGS] [--options]`, one per action.

Each action becomes a command of its resource's group, named as the action, with its summary as help. Positional
arguments: the resource's ref (when the action is on one: the quotation, the SKU), the fields the URL fills besides
(`LINE`), the code of what a creation makes (`oms branch create BER`), then the fields the action names as its
`arguments`. Every other field of the command is an option named after it (`--customer-reference`; a `..._code`
also answers to its short name, `--branch`): text and decimals as text, integers, flags (`--flag/--no-flag` where the
default is not false), choices for enums, `YYYY-MM-DD` for dates, `PCT%|AMOUNT` for discounts, `SKU:QTY[:PRICE]`
for lines; a field without a default is required. A command whose syntax cannot be made so (`order issue`'s
`LINE=QTY`, the CSV imports) is written by hand and registered with `hand_written`; it replaces the generated one.

Every command runs in one transaction and answers with what the HTTP API answers, read in that transaction: with
`--json` exactly that JSON, otherwise one line (a document's summary, `product DESK created`, ...).
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import click

import oms
from oms.application.shared.actions import Action, Resource
from oms.application.shared.commands import Command
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import to_decimal
from oms.entrypoints.cli.support import ISO_DATE, CliContext, fail, json_option, parse_discount, pass_cli, print_json
from oms.entrypoints.cli.views import answer_line, print_view

Factory = Callable[[Action], click.Command]
HAND_WRITTEN: dict[tuple[str, str], Factory] = {}
KEEP = object()  # a field not given at the terminal: the command's default applies

ALIASES = {"tax_jurisdiction": ("--jurisdiction",), "order_discount": ("--discount",), "unit_price": ("--price",)}
HELP = {
    "reason": "Why; kept in the audit trail.",
    "allow_backorder": "Reserve what there is, backorder the rest.",
    "valid_until": "Default: 30 days from today.",
    "prices_include_tax": "Unit prices include tax.",
    "confirm": "Confirm it too, in the same transaction: reserve its stock, or create nothing.",
    "over_delivery_percent": "How much more than ordered a goods issue may ship, in percent.",
    "reference": "Supplier delivery note or purchase order.",
    "rate": "A fraction: 0.19 for 19%.",
    "partial": "Apply the valid rows even if some are refused.",
    "priority": "Orders reserve from the lowest number first.",
}


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
    return cli.system.answer(command, lambda uow, result: (result, action.respond(uow, command, result)))


def say(action: Action, answer: Any, as_json: bool) -> None:
    """What a command answered: its JSON, as the HTTP API's, or its line."""
    if as_json:
        print_json(answer)
    else:
        click.echo(answer_line(action, answer))


@attrs.frozen
class Syntax:
    """How one command field is given at the terminal: its parameters, and its value from theirs (or KEEP)."""

    params: tuple[click.Parameter, ...]
    read: Callable[[dict[str, Any]], Any]


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(the type without None, whether None is allowed)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0], True
    return tp, False


def _default(field: attrs.Attribute[Any]) -> Any:
    """The field's default as Click shows it, or None where there is none to show."""
    default: Any = field.default
    factory: Any = attrs.Factory  # a class, which attrs' stubs type as a function
    if default is attrs.NOTHING or default is None or default == "" or isinstance(default, factory):
        return None
    return default.value if isinstance(default, enum.Enum) else default


def _names(name: str) -> list[str]:
    dashed = "--" + name.replace("_", "-")
    short = ["--" + name.removesuffix("_code").replace("_", "-")] if name.endswith("_code") else []
    return [*short, *ALIASES.get(name, ()), dashed]


def _parse(tp: Any, name: str, nullable: bool = False, required: bool = False
           ) -> tuple[click.ParamType[Any] | None, str | None, Callable[[Any], Any]]:
    """(Click's type, a metavar, the conversion of what Click gives) for a field of a plain type."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return click.Choice([str(member.value) for member in tp]), None, tp
    if tp is date:
        return ISO_DATE, None, lambda value: value
    if tp is int:
        return click.INT, None, lambda value: value
    if tp is Decimal:
        return None, "DECIMAL", lambda value: to_decimal(value, name)
    if tp is oms.Discount:  # `none` where it must be said, to clear one (order set-discount)
        metavar = "PCT%|AMOUNT|none" if nullable and required else "PCT%|AMOUNT"
        return None, metavar, lambda value: parse_discount(value, name)
    if tp is str:
        return None, None, lambda value: value
    raise TypeError(f"no terminal syntax for a field {name} of type {tp!r}")


def _plain(field: attrs.Attribute[Any], tp: Any, nullable: bool, metavar: str | None) -> Syntax:
    name, required = field.name, field.default is attrs.NOTHING
    if metavar is not None:  # a positional argument
        kind, _, convert = _parse(tp, name)
        argument = click.Argument([name], type=kind, metavar=metavar, required=True)
        return Syntax((argument,), lambda given: convert(given[name]))
    if tp is bool:  # a flag; one that can be turned off too where it is not off by default
        off = field.default is False
        decls = _names(name) if off else [f"--{name.replace('_', '-')}/--no-{name.replace('_', '-')}"]
        option = click.Option([*decls, name], is_flag=True, default=False if off else field.default,
                              help=HELP.get(name))
        return Syntax((option,), lambda given: KEEP if given[name] is None else given[name])
    kind, shown, convert = _parse(tp, name, nullable, required)
    default = _default(field)  # none given to Click at all where there is none: Click takes None for a value
    shown_default = {"default": default, "show_default": True} if default is not None else {}
    option = click.Option([*_names(name), name], type=kind, metavar=shown, required=required, help=HELP.get(name),
                          **shown_default)
    return Syntax((option,), lambda given: KEEP if given[name] is None else convert(given[name]))


def _line(name: str) -> Syntax:
    """One line: SKU and QUANTITY, with --price, --discount and --description."""
    params = (click.Argument([f"{name}__sku"], metavar="SKU"),
              click.Argument([f"{name}__quantity"], metavar="QUANTITY"),
              click.Option(["--price", "--unit-price", f"{name}__unit_price"], help="Default: the list price."),
              click.Option(["--discount", f"{name}__discount"], metavar="PCT%|AMOUNT", help="Line discount."),
              click.Option(["--description", f"{name}__description"], help="Default: the product's name."))

    def read(given: dict[str, Any]) -> Any:
        return oms.LineInput(sku=given[f"{name}__sku"], quantity=given[f"{name}__quantity"],
                             unit_price=given[f"{name}__unit_price"], description=given[f"{name}__description"],
                             discount=parse_discount(given[f"{name}__discount"], "discount"))

    return Syntax(params, read)


def parse_line(given: str) -> oms.LineInput:
    """`SKU:QUANTITY` or `SKU:QUANTITY:UNIT_PRICE`."""
    parts = given.split(":")
    if len(parts) not in (2, 3) or not all(parts):
        fail(f"invalid line {given!r}: write SKU:QUANTITY or SKU:QUANTITY:UNIT_PRICE")
    return oms.LineInput(sku=parts[0], quantity=parts[1], unit_price=parts[2] if len(parts) == 3 else None)


def _lines(name: str) -> Syntax:
    option = click.Option(["--line", name], multiple=True, metavar="SKU:QTY[:PRICE]", help="A line; repeat for more.")
    return Syntax((option,), lambda given: tuple(parse_line(line) for line in given[name]))


def _address(name: str) -> Syntax:
    parts = [field.name for field in attrs.fields(oms.Address)]
    params = tuple(click.Option([f"--{name.replace('_', '-')}-{part.replace('_', '-')}", f"{name}__{part}"])
                   for part in parts)

    def read(given: dict[str, Any]) -> Any:
        values = {part: given[f"{name}__{part}"] for part in parts if given[f"{name}__{part}"] is not None}
        if not values:
            return KEEP
        try:
            return oms.Address(**values)
        except InvalidValue as error:
            raise InvalidValue(f"{name}.{error.field}", error.detail) from None

    return Syntax(params, read)


def _syntax(field: attrs.Attribute[Any], metavar: str | None) -> Syntax:
    tp, nullable = _unwrap(field.type)
    if tp is oms.LineInput:
        return _line(field.name)
    if tp == tuple[oms.LineInput, ...]:
        return _lines(field.name)
    if tp is oms.Address:
        return _address(field.name)
    return _plain(field, tp, nullable, metavar)


def positional(action: Action) -> dict[str, str]:
    """The command fields given as positional arguments, in order, with their metavars."""
    found = {} if action.collection else {action.resource.ref_field: action.resource.ref.upper()}
    found |= {name: "LINE" if name == "line_id" else name.upper() for name in action.url_fields.values()
              if name not in found}
    fields = attrs.fields_dict(action.command)
    if action.collection and action.creates is not None and action.creates.ref_field in fields:
        found[action.creates.ref_field] = action.creates.ref.upper()
    found |= {name: name.removesuffix("_code").upper() for name in action.arguments}
    return found


def line_id(cli: CliContext, resource: Resource, ref: str, given: str) -> str:
    """The id of a document's line given by its id, its number (#) or its SKU (when it has the SKU once)."""
    assert resource.show is not None
    lines = cli.system.read(resource.show, ref).lines
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
    syntaxes = {field.name: _syntax(field, places.get(field.name)) for field in fields}
    arguments = [param for name in places for param in syntaxes[name].params]
    options = [param for name, syntax in syntaxes.items() if name not in places for param in syntax.params]

    @pass_cli
    def run(cli: CliContext, /, as_json: bool, **given: Any) -> None:
        values = {name: syntax.read(given) for name, syntax in syntaxes.items()}
        if "line_id" in values:
            values["line_id"] = line_id(cli, action.resource, values[action.resource.ref_field], values["line_id"])
        command = action.command(**{name: value for name, value in values.items() if value is not KEEP})
        say(action, perform(cli, action, command)[1], as_json)

    numbers = any(_unwrap(field.type)[0] in (Decimal, int) for field in fields if field.name in places)
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
            print_view(view)

    return run


def add_action_commands(groups: Mapping[str, click.Group], actions: Sequence[Action]) -> None:
    """A command for every action in its resource's group (hand-written where registered), and `show` for every
    resource that can be shown, unless its group has one."""
    resources: dict[str, Resource] = {}
    for action in actions:
        make = HAND_WRITTEN.get((action.resource.name, action.name), generated_command)
        groups[action.resource.cli].add_command(make(action), action.name)
        resources |= {r.name: r for r in (action.resource, action.creates) if r is not None and r.show is not None}
    for resource in resources.values():
        if "show" not in groups[resource.cli].commands:
            groups[resource.cli].add_command(show_command(resource))
