"""JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the types the converter reads and writes, from the same rules.

Input schemas say what the converter accepts: exact types, decimal strings, no unknown members, fields with a
default optional. Output schemas say what it writes: every field present, nullable ones as null.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

from oms.application.shared.views import Quantity
from oms.domain.shared.discounts import Discount, DiscountKind
from oms.domain.shared.money import Money
from oms.entrypoints.http.descriptions import field_description
from oms.entrypoints.json.converter import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DECIMAL_PATTERN,
    INT_MAX,
    INT_MIN,
    MAX_ITEMS,
    TEXT_MAX_LENGTH,
    unstructure,
)
from oms.entrypoints.json.identifiers import IDENTIFIER_PATTERN, is_identifier_field

OUTPUT_DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
REF = "#/components/schemas/"


def _decimal(output: bool) -> dict[str, Any]:
    return {"type": "string", "pattern": OUTPUT_DECIMAL if output else DECIMAL_PATTERN,
            "description": "A decimal number as a string, e.g. \"12.50\"; JSON numbers are refused."}


def _described(schema: dict[str, Any], meaning: str | None) -> dict[str, Any]:
    """The schema with what the field means first, then what its type says (how a decimal is written)."""
    if meaning is None:
        return schema
    told = schema.get("description")
    return {**schema, "description": f"{meaning} {told}" if told else meaning}


class Schemas:
    """Builds schemas, putting those of classes into `components` (named after the class; inputs end in Input)."""

    def __init__(self) -> None:
        self.components: dict[str, Any] = {}
        self._classes: dict[str, type[Any]] = {}  # the class each component was made of

    def of(self, tp: Any, *, output: bool) -> dict[str, Any]:
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            present = [arg for arg in args if arg is not type(None)]
            choices = [self.of(arg, output=output) for arg in present]
            return {"anyOf": [*choices, {"type": "null"}]} if len(present) < len(args) else {"anyOf": choices}
        if origin in (list, tuple):
            array: dict[str, Any] = {"type": "array", "items": self.of(args[0], output=output)}
            return array if output else {**array, "maxItems": MAX_ITEMS}
        if origin is dict or tp is dict:
            return {"type": "object"}
        if tp is Any:
            return {}
        return self._simple(tp, output)

    def _simple(self, tp: Any, output: bool) -> dict[str, Any]:
        if tp is str:
            return {"type": "string"} if output else {"type": "string", "maxLength": TEXT_MAX_LENGTH,
                                                      "pattern": "^[^\\u0000]*$"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"} if output else {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
        if tp is Decimal:
            return _decimal(output)
        if tp is datetime:
            return {"type": "string", "format": "date-time", **({} if output else {"pattern": DATETIME_PATTERN})}
        if tp is date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [str(member.value) for member in tp]}
        if tp is Discount:
            return self._named("Discount" if output else "DiscountInput", lambda: self._discount(output))
        if tp is Money:
            return self._named("Money", self._money)
        if tp is Quantity:
            return {**_decimal(output), "description": "A quantity as a string with the decimals of its unit of "
                                                       "measure: \"3\" pieces, \"1.500\" kg, \"2.00\" hours."}
        if isinstance(tp, type) and attrs.has(tp):
            return self.of_class(tp, output=output)
        raise TypeError(f"no JSON schema for {tp!r}")

    def _named(self, name: str, build: typing.Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.components:
            self.components[name] = {}  # reserve the name first: classes may refer to themselves
            self.components[name] = build()
        return {"$ref": REF + name}

    def _discount(self, output: bool) -> dict[str, Any]:
        return {"type": "object", "required": ["kind", "value"], "additionalProperties": False,
                "description": "A percent (0 to 100) of the amount, or a fixed amount in the document's currency.",
                "properties": {"kind": {**self.of(DiscountKind, output=output), "description": "percent or amount"},
                               "value": _described(_decimal(output), "The percent, or the amount to take off.")}}

    def _money(self) -> dict[str, Any]:
        return {"type": "object", "required": ["amount", "currency"], "additionalProperties": False,
                "properties": {"amount": {**_decimal(True), "description": "The amount with the currency's minor "
                                          "digits (\"12.50\" EUR, \"1250\" JPY); a unit price may have more."},
                               "currency": {"type": "string", "description": "ISO 4217 code, e.g. EUR"}}}

    def of_class(self, cls: type[Any], *, output: bool, exclude: frozenset[str] = frozenset(),
                 name: str | None = None) -> dict[str, Any]:
        """The schema of an attrs class as a component; `exclude` leaves out fields the server fills."""
        name = name or (cls.__name__ if output or cls.__name__.endswith("Input") else cls.__name__ + "Input")
        first = self._classes.setdefault(name, cls)
        if first is not cls:  # two contexts' views of one name: one would silently document the other
            raise TypeError(f"{cls.__module__}.{cls.__qualname__} and {first.__module__}.{first.__qualname__} would "
                            f"both be the schema {name}: rename one")
        return self._named(name, lambda: self._object(cls, output, exclude, name))

    def _object(self, cls: type[Any], output: bool, exclude: frozenset[str], name: str) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name in exclude or not field.init:
                continue
            schema = self.of(hints[field.name], output=output)
            if not output and hints[field.name] is str and is_identifier_field(field.name):
                schema = {**schema, "pattern": IDENTIFIER_PATTERN}  # it names something: no control character
            if output or field.default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]  # a class, typed as a function
                schema = {**schema, "default": unstructure(field.default)}
            properties[field.name] = _described({**schema, **field.metadata.get("schema", {})},
                                                field_description(name, field.name))
        result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            result["required"] = required
        if output and cls.__doc__:
            result["description"] = " ".join(cls.__doc__.split())
        return result
