"""JSON Schemas (2020-12) of the events oms publishes, made from the event classes alone: each field's type (as
`oms.adapters.event_json` writes it) and its line of `field_descriptions`, titled with the type and its version
(`GoodsIssued.v1`); and the envelope every published event travels in (webhook body, broker message).

A payload schema lists every field as required (every field is always written) and allows members it does not
name: a field added to an event does not make a new version, so consumers must ignore what they do not know."""

from __future__ import annotations

import enum
import inspect
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

from oms.domain.shared.events import DomainEvent

DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"  # event_json writes decimals without an exponent
BASE_FIELDS = frozenset(field.name for field in attrs.fields(DomainEvent))


def schema_name(cls: type[DomainEvent]) -> str:
    """The name of the payload's schema: the type and its version (`GoodsIssued.v1`)."""
    return f"{cls.__name__}.v{cls.schema_version}"


def descriptions(cls: type[DomainEvent]) -> dict[str, str]:
    """Every field's line, the base event's first, a subclass's overriding its parents'."""
    merged: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        merged.update(vars(klass).get("field_descriptions", {}))
    return merged


def undescribed(cls: type[DomainEvent]) -> list[str]:
    """The fields of `cls` with no description (a test keeps this empty for every event type)."""
    told = descriptions(cls)
    return [field.name for field in attrs.fields(cls) if not told.get(field.name, "").strip()]


def summary(cls: type[DomainEvent]) -> str:
    """When the event is published: its docstring, as one paragraph (empty when the class has none of its own)."""
    return " ".join((inspect.getdoc(cls) or "").split()) if cls.__doc__ else ""


def field_schema(tp: Any) -> dict[str, Any]:
    """The schema of a value of type `tp` as event_json writes it."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        return {"anyOf": [field_schema(arg) for arg in args]}
    if (origin is tuple and len(args) == 2 and args[1] is Ellipsis) or origin is list:
        return {"type": "array", "items": field_schema(args[0])}
    if origin is tuple:
        return {"type": "array", "prefixItems": [field_schema(arg) for arg in args], "items": False,
                "minItems": len(args), "maxItems": len(args)}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is Decimal:
        return {"type": "string", "pattern": DECIMAL_PATTERN}
    if tp is datetime:
        return {"type": "string", "format": "date-time"}
    if tp is date:
        return {"type": "string", "format": "date"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [str(member.value) for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        hints = typing.get_type_hints(tp)
        return {"type": "object", "required": [f.name for f in attrs.fields(tp)],
                "properties": {f.name: field_schema(hints[f.name]) for f in attrs.fields(tp)}}
    raise TypeError(f"no JSON schema for {tp!r}")


def payload_schema(cls: type[DomainEvent]) -> dict[str, Any]:
    """The schema of the event's payload (`data` in the envelope, `payload` in the feed)."""
    hints = typing.get_type_hints(cls)
    told = descriptions(cls)
    names = [field.name for field in attrs.fields(cls)]
    schema: dict[str, Any] = {"title": schema_name(cls), "type": "object", "required": names,
                              "properties": {name: {**field_schema(hints[name]), "description": told.get(name, "")}
                                             for name in names}}
    if summary(cls):
        schema["description"] = summary(cls)
    return schema


ENVELOPE_DESCRIPTIONS = {
    "id": "The event's id: the same on every delivery of it; drop the duplicates you have seen.",
    "type": "The event's type.",
    "version": "The version of the payload's schema: switch on type and version.",
    "occurred_at": "When it happened (ISO 8601, UTC).",
    "aggregate_id": "The id of the document or record it happened to.",
    "data": "The event's fields.",
}


def envelope_schema(cls: type[DomainEvent], data: dict[str, Any]) -> dict[str, Any]:
    """The body a webhook receives (and a broker message carries) for an event of `cls`; `data`: the payload's
    schema or a reference to it."""
    properties: dict[str, Any] = {
        "id": {"type": "string"}, "type": {"type": "string", "const": cls.__name__},
        "version": {"type": "integer", "const": cls.schema_version},
        "occurred_at": {"type": "string", "format": "date-time"}, "aggregate_id": {"type": "string"}, "data": data}
    return {"type": "object", "required": list(properties),
            "properties": {name: {**schema, "description": ENVELOPE_DESCRIPTIONS[name]}
                           for name, schema in properties.items()}}
