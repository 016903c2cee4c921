"""Query parameters into an attrs class: each declared once (arrays by repeating), unknown ones refused (400)."""

from __future__ import annotations

import re
import types
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
from flask import request

from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.http.identifiers import NOT_UTF8, undecodable_query_parameters
from oms.entrypoints.http.problems import Culprit, Problem
from oms.entrypoints.json.converter import CONVERTER, INT_MAX
from oms.entrypoints.json.field_errors import InvalidField, field_errors
from oms.entrypoints.json.identifiers import unfit

T = TypeVar("T")


def unwrap_optional(tp: Any) -> Any:
    """`X | None` -> X; anything else as it is."""
    if get_origin(tp) in (Union, types.UnionType):
        rest = [arg for arg in get_args(tp) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def is_array(tp: Any) -> bool:
    return get_origin(unwrap_optional(tp)) is tuple


def resolved_fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of an attrs class with their annotations resolved to types."""
    found: tuple[attrs.Attribute[Any], ...] = attrs.fields(attrs.resolve_types(cls))
    return found


def _value(raw: str, tp: Any, limits: dict[str, Any] | None = None) -> object:
    """One parameter's value; `limits` (from the field's metadata["schema"]) may bound the length, or set a pattern."""
    tp, limits = unwrap_optional(tp), limits or {}
    if (detail := unfit(raw)) is not None:
        raise InvalidField(detail)
    if tp is int:
        if not re.fullmatch(r"[0-9]{1,10}", raw) or int(raw) > INT_MAX:
            raise InvalidField("must be a whole number")
        return int(raw)
    if tp is bool:
        if raw not in ("true", "false"):
            raise InvalidField("must be true or false")
        return raw == "true"
    if len(raw) < limits.get("minLength", 0):
        raise InvalidField(f"must be at least {limits['minLength']} characters")
    if len(raw) > limits.get("maxLength", len(raw)):
        raise InvalidField(f"must be at most {limits['maxLength']} characters")
    if "pattern" in limits and not re.search(limits["pattern"], raw):
        raise InvalidField(f"must match {limits['pattern']}")
    return CONVERTER.structure(raw, tp)


def parse_query(cls: type[T] | None) -> T | None:
    """The request's query parameters as `cls` (None if the endpoint takes none); a 400 problem names each bad one.
    Bytes that are not UTF-8 are refused first: Werkzeug would keep them percent-encoded, as if they were text."""
    undecodable = undecodable_query_parameters(request.query_string)
    if undecodable:
        raise Problem("malformed-request", "invalid query parameters",
                      errors=[Culprit(NOT_UTF8, parameter=name) for name in undecodable])
    declared = {field.name: field for field in resolved_fields(cls)} if cls is not None else {}
    culprits = [Culprit("is not a parameter of this endpoint", parameter=name)
                for name in request.args if name not in declared]
    values: dict[str, object] = {}
    for name, field in declared.items():
        given = request.args.getlist(name)
        if not given:
            if field.default is attrs.NOTHING:
                culprits.append(Culprit("is required", parameter=name))
            continue
        limits = field.metadata.get("schema", {})
        try:
            if is_array(field.type):
                if len(given) > limits.get("maxItems", len(given)):
                    raise InvalidField(f"may be given at most {limits['maxItems']} times")
                item = get_args(unwrap_optional(field.type))[0]
                values[name] = tuple(_value(raw, item) for raw in given)
            elif len(given) > 1:
                raise InvalidField("must be given once")
            else:
                values[name] = _value(given[0], field.type, limits)
        except Exception as error:
            culprits += [Culprit(e.detail, parameter=name) for e in field_errors(error)]
    if culprits:
        raise Problem("malformed-request", "invalid query parameters", errors=culprits)
    if cls is None:
        return None
    try:
        return cls(**values)
    except InvalidValue as error:
        raise Problem("malformed-request", f"{error.field}: {error.detail}",
                      errors=[Culprit(error.detail, parameter=error.field)]) from None
