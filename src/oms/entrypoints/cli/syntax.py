"""How a command's field is given at the terminal: the Click parameters made from its type, and its value from theirs.

Text and decimals are text options, integers `INTEGER`, booleans flags (`--flag/--no-flag` where the default is not
false), enums choices, dates `YYYY-MM-DD` (a day that does not exist is refused as such), times with their zone
(`2026-03-02T09:30:00Z`), discounts `PCT%|AMOUNT` (`none` clears where it must be said), a line `SKU QUANTITY` with
`--price`, lines `--line SKU:QTY[:PRICE]`, a plan's lines `--line SKU:QTY:PRICE`, quantities of a plan's lines
`--quantity SKU:QTY`, an address one option per part; a field without a default is required. Options are named after
their field (`--customer-reference`); a `..._code` answers to its short name too (`--branch`).
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import click

import oms
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import to_decimal
from oms.entrypoints.cli.support import ISO_DATE, ISO_TIME, fail, parse_discount

V = TypeVar("V")
KEEP = object()  # a field not given at the terminal: the command's default applies

ALIASES = {"tax_jurisdiction": ("--jurisdiction",), "order_discount": ("--discount",), "unit_price": ("--price",)}
# Flags kept from earlier versions of the CLI: the flag gives the field this value (hidden from --help).
FLAG_ALIASES: dict[str, tuple[str, Any]] = {"tax_rounding": ("--global-rounding", oms.TaxRounding.GLOBAL)}
HELP = {
    "reason": "Why; kept in the audit trail.",
    "allow_backorder": "Reserve what there is, backorder the rest.",
    "valid_until": "Default: 30 days from today.",
    "prices_include_tax": "Unit prices include tax.",
    "confirm": "Confirm it too, in the same transaction: reserve its stock, or create nothing.",
    "over_delivery_percent": "How much more than ordered a goods issue may ship, in percent.",
    "reference": "An outside reference: a delivery note, a purchase order, a payment provider's id.",
    "rate": "A fraction: 0.19 for 19%.",
    "priority": "Orders reserve from the lowest number first.",
    "at_period_end": "Cancel at the end of the billed period (nothing more billed) instead of now.",
    "start_day": "The trial starts then, else the first period, due at once.",
    "every": "A period spans this many intervals (3 with month: quarterly).",
    "trial_days": "Free days before the first period.",
    "term_periods": "A fixed term of this many periods; evergreen when left out.",
}


@attrs.frozen
class Syntax:
    """How one command field is given at the terminal: its parameters, and its value from theirs (or KEEP)."""

    params: tuple[click.Parameter, ...]
    read: Callable[[dict[str, Any]], Any]


def unwrap(tp: Any) -> tuple[Any, bool]:
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
    if tp is datetime:
        return ISO_TIME, None, lambda value: value
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
    if name in FLAG_ALIASES:
        flag, value = FLAG_ALIASES[name]
        alias = click.Option([flag, f"{name}__flag"], is_flag=True, default=False, hidden=True)

        def read(given: dict[str, Any]) -> Any:
            if given[f"{name}__flag"]:
                return value
            return KEEP if given[name] is None else convert(given[name])

        return Syntax((option, alias), read)
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


def _parts(given: str, field: str, count: int, form: str) -> list[str]:
    parts = given.split(":")
    if len(parts) != count or not all(parts):
        fail(f"invalid {field} {given!r}: write {form}")
    return parts


def _at(field: str, index: int, make: Callable[[], V]) -> V:
    """The value `make` gives; its refusal names the field at its position (`lines[1].unit_price`)."""
    try:
        return make()
    except InvalidValue as error:
        raise InvalidValue(f"{field}[{index}].{error.field}", error.detail) from None


def parse_plan_line(given: str, index: int = 0) -> oms.PlanLineInput:
    """`SKU:QUANTITY:UNIT_PRICE`: a line of a plan, its unit price for a whole period."""
    sku, quantity, price = _parts(given, "line", 3, "SKU:QUANTITY:UNIT_PRICE")
    return _at("lines", index, lambda: oms.PlanLineInput(sku=sku, quantity=quantity, unit_price=price))


def _plan_lines(name: str) -> Syntax:
    option = click.Option(["--line", name], multiple=True, metavar="SKU:QTY:PRICE",
                          help="A product billed every period, at a unit price a period; repeat for more.")
    return Syntax((option,), lambda given: tuple(parse_plan_line(line, i) for i, line in enumerate(given[name])))


def parse_quantity(given: str, index: int = 0) -> oms.QuantityInput:
    """`SKU:QUANTITY`: the quantity of a plan's line instead of the plan's own."""
    sku, quantity = _parts(given, "quantity", 2, "SKU:QUANTITY")
    return _at("quantities", index, lambda: oms.QuantityInput(sku=sku, quantity=quantity))


def _quantities(name: str) -> Syntax:
    option = click.Option(["--quantity", name], multiple=True, metavar="SKU:QTY",
                          help="The quantity of one of the plan's lines instead of the plan's; repeat for more.")
    return Syntax((option,), lambda given: tuple(parse_quantity(each, i) for i, each in enumerate(given[name])))


def parse_pick(given: str) -> oms.ProposalPick:
    """`SKU@WAREHOUSE`: a line of a purchase proposal."""
    sku, _, warehouse = given.partition("@")
    if not sku or not warehouse:
        fail(f"invalid pick {given!r}: write SKU@WAREHOUSE")
    return oms.ProposalPick(sku=sku, warehouse_code=warehouse)


def _picks(name: str) -> Syntax:
    option = click.Option(["--pick", name], multiple=True, metavar="SKU@WAREHOUSE",
                          help="A line of the proposal; repeat for more.")
    return Syntax((option,), lambda given: tuple(parse_pick(pick) for pick in given[name]))


def _names_list(name: str) -> Syntax:
    """A tuple of names (a webhook's event types): the option repeated, one name each; left out, the default."""
    option = click.Option([f"--{name.replace('_', '-').removesuffix('s')}", name], multiple=True,
                          help="One name; repeat the option for more.")
    return Syntax((option,), lambda given: tuple(given[name]) if given[name] else KEEP)


def _numbers_list(name: str) -> Syntax:
    """A tuple of whole numbers (the days of a dunning's retries): the option repeated, one number each; left out,
    the default."""
    option = click.Option([f"--{name.replace('_', '-').removesuffix('s')}", name], multiple=True, type=int,
                          help="One number; repeat the option for more.")
    return Syntax((option,), lambda given: tuple(given[name]) if given[name] else KEEP)


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


def syntax_of(field: attrs.Attribute[Any], metavar: str | None) -> Syntax:
    tp, nullable = unwrap(field.type)
    if tp is oms.LineInput:
        return _line(field.name)
    if tp == tuple[oms.LineInput, ...]:
        return _lines(field.name)
    if tp is oms.Address:
        return _address(field.name)
    if tp == tuple[oms.ProposalPick, ...]:
        return _picks(field.name)
    if tp == tuple[oms.PlanLineInput, ...]:
        return _plan_lines(field.name)
    if tp == tuple[oms.QuantityInput, ...]:
        return _quantities(field.name)
    if tp == tuple[str, ...]:
        return _names_list(field.name)
    if tp == tuple[int, ...]:
        return _numbers_list(field.name)
    return _plain(field, tp, nullable, metavar)
