"""A command's form, made from its declaration: one input per field, named by the field's path in the API's JSON
body (`customer_code`, `lines.0.sku`, `order_discount.kind`), so an error the API would point at with
`#/lines/0/quantity` is shown beside the input `lines.0.quantity`.

A submitted form becomes the JSON body the API would have been sent (blank inputs are left out, checkboxes are
booleans, whole numbers are numbers), and is then read by the API's one converter into the command: the console
checks nothing itself.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from oms.domain.shared.discounts import Discount, DiscountKind
from oms.entrypoints.cli.syntax import unwrap

ROWS = 5  # empty rows a form offers for a list of lines; "more rows" asks for more


@frozen(kw_only=True)
class Input:
    """One input of a form: its `name` (the field's path), `kind` (text, decimal, integer, date, datetime,
    checkbox, choice, flag: a yes/no/keep choice, words: a list of codes or numbers, numbers: a list of whole
    numbers), its `label`, its `choices` and
    whether it is `required`."""

    name: str
    kind: str
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    default: str = ""  # what the command takes when the input is left as it is (a choice's default)

    @property
    def key(self) -> str:
        """The last part of its name (`sku` of `lines.0.sku`): what suggestions (datalists) are keyed by."""
        return self.name.rsplit(".", 1)[-1]


@frozen(kw_only=True)
class Group:
    """Inputs that belong together: a nested value (`order_discount`, `line`) or one row of a list (`lines.0`)."""

    name: str
    label: str
    inputs: tuple[Input, ...]
    row: int | None = None
    blank_is_null: bool = False  # a value that must be given but may be null (an order's discount, to clear it)


Part = Input | Group


def label_of(name: str) -> str:
    words = name.removesuffix("_code").removesuffix("_id").replace("_", " ")
    return {"sku": "SKU", "uom": "Unit"}.get(words, words.capitalize())


def _kind(tp: Any) -> tuple[str, tuple[str, ...]]:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "choice", tuple(str(member.value) for member in tp)
    kinds = {bool: "checkbox", int: "integer", Decimal: "decimal", date: "date", datetime: "datetime", str: "text"}
    if tp in kinds:
        return kinds[tp], ()
    raise TypeError(f"no form input for a field of type {tp!r}")


def _is_row_list(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) in (tuple, list) and bool(args) and attrs.has(args[0])


def inputs_of(command: type[Any], *, skip: Iterable[str] = (), rows: int = ROWS) -> tuple[Part, ...]:
    """The form of a command class: every field but those in `skip` (filled from the URL, the actor)."""
    left_out = {"actor", *skip}
    return tuple(part for field in attrs.fields(attrs.resolve_types(command)) if field.name not in left_out
                 for part in _parts(field.name, field.type, field.default, rows))


def _parts(name: str, declared: Any, default: Any, rows: int) -> list[Part]:
    tp, nullable = unwrap(declared)
    required = default is attrs.NOTHING
    if tp is Discount:
        return [Group(name=name, label=label_of(name), blank_is_null=required and nullable, inputs=(
            Input(name=f"{name}.kind", kind="choice", label="Kind", choices=tuple(k.value for k in DiscountKind)),
            Input(name=f"{name}.value", kind="decimal", label="Value", hint="percent or amount")))]
    if _is_row_list(tp):
        row_type = typing.get_args(tp)[0]
        return [Group(name=f"{name}.{index}", label=f"{label_of(name)} {index + 1}", row=index,
                      inputs=tuple(_leaves(row_type, f"{name}.{index}"))) for index in range(rows)]
    if attrs.has(tp):
        return [Group(name=name, label=label_of(name), inputs=tuple(_leaves(tp, name, required=required)))]
    if typing.get_origin(tp) in (tuple, list) and typing.get_args(tp)[:1] in ((str,), (int,)):
        whole = typing.get_args(tp)[0] is int
        return [Input(name=name, kind="numbers" if whole else "words", label=label_of(name), required=required,
                      hint="whole numbers separated by spaces or commas" if whole else "separated by spaces or commas")]
    kind, choices = _kind(tp)
    if kind == "checkbox" and nullable:
        kind, choices = "flag", ("true", "false")
    return [Input(name=name, kind=kind, label=label_of(name), required=required and kind != "checkbox",
                  choices=choices, default=_shown(default))]


def _shown(default: Any) -> str:
    """A choice's default as its input shows it (the enum's value), a checkbox that defaults to true ticked; other
    inputs start empty."""
    if isinstance(default, enum.Enum) and default is not attrs.NOTHING:
        return str(default.value)
    return "true" if default is True else ""


def _leaves(cls: type[Any], prefix: str, required: bool = True) -> list[Input]:
    found: list[Input] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        tp, _ = unwrap(field.type)
        if tp is Discount:  # a line's discount: one input, "10%" or "5.00", as the CLI takes it
            found.append(Input(name=f"{prefix}.{field.name}", kind="discount", label=label_of(field.name),
                               hint="10% or 5.00"))
            continue
        kind, choices = _kind(tp)
        found.append(Input(name=f"{prefix}.{field.name}", kind=kind, label=label_of(field.name), choices=choices,
                           required=required and field.default is attrs.NOTHING))
    return found


def flat_inputs(parts: Iterable[Part]) -> list[Input]:
    return [leaf for part in parts for leaf in (part.inputs if isinstance(part, Group) else (part,))]


def compacted(parts: Iterable[Part], form: Mapping[str, str]) -> dict[str, str]:
    """The submitted values with the blank rows of each list taken out and the rest numbered from 0, so that the
    API's `#/lines/1/quantity` is the second row the user filled in, whichever rows they left empty."""
    values = {name: form[name] for name in form}
    rows: dict[str, list[Group]] = {}
    for part in parts:
        if isinstance(part, Group) and part.row is not None:
            rows.setdefault(part.name.rpartition(".")[0], []).append(part)
    for groups in rows.values():
        filled = [group for group in groups if any(form.get(leaf.name, "").strip() for leaf in group.inputs
                                                   if not leaf.name.endswith("_id"))]  # an id alone: nothing typed
        moved = {leaf.name: form.get(leaf.name, "") for group in groups for leaf in group.inputs}
        for name in moved:
            values.pop(name, None)
        for index, group in enumerate(filled):
            for source, target in zip(group.inputs, groups[index].inputs, strict=True):
                values[target.name] = moved[source.name]
    return values


def body_of(parts: Iterable[Part], form: Mapping[str, str]) -> dict[str, Any]:
    """The JSON body a submitted form stands for (see the module's docstring)."""
    body: dict[str, Any] = {}
    for leaf in flat_inputs(parts):
        value = _value(leaf, form.get(leaf.name))
        if value is not None:
            _put(body, leaf.name.split("."), value)
    for part in parts:
        if isinstance(part, Group) and part.blank_is_null and part.name not in body:
            body[part.name] = None
    shaped: dict[str, Any] = _lists(body)
    return shaped


def _value(leaf: Input, given: str | None) -> Any:
    if leaf.kind == "checkbox":
        return given is not None and given not in ("", "false", "off")
    if given is None or not given.strip():
        return None
    given = given.strip()
    if leaf.kind in ("words", "numbers"):
        words = [word for word in given.replace(",", " ").split() if word]
        return words if leaf.kind == "words" else [int(w) if w.lstrip("-").isdigit() else w for w in words]
    if leaf.kind == "flag":
        return {"true": True, "false": False}.get(given, given)
    if leaf.kind == "integer":
        return int(given) if given.lstrip("-").isdigit() else given
    if leaf.kind == "discount":
        return ({"kind": "percent", "value": given[:-1].strip()} if given.endswith("%")
                else {"kind": "amount", "value": given})
    if leaf.kind == "datetime" and len(given) == 16:  # <input type=datetime-local> has no zone: the console's is UTC
        return given + ":00Z"
    return given


def _put(body: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        body = body.setdefault(part, {})
    body[path[-1]] = value


def _lists(node: Any) -> Any:
    """Rows kept as {"0": {...}, "2": {...}} become lists in row order (blank rows were left out)."""
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def pointer_name(pointer: str) -> str:
    """The input a JSON Pointer of the API's problems names: `#/lines/0/quantity` -> `lines.0.quantity`."""
    parts = pointer.removeprefix("#").strip("/").split("/")
    return ".".join(part.replace("~1", "/").replace("~0", "~") for part in parts)
