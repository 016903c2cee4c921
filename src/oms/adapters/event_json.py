"""Domain events as JSON values, as the outbox stores them and the relay hands them out (ids and numbers as they
are, decimals as strings without an exponent, times in ISO 8601), and back. docs/events.md and the OpenAPI
webhooks describe what this writes (`oms.entrypoints.event_schemas`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from cattrs.preconf.json import JsonConverter as Converter
from cattrs.preconf.json import make_converter

from oms.domain.shared.events import DomainEvent


def _event_classes() -> dict[str, type[DomainEvent]]:
    found: dict[str, type[DomainEvent]] = {}
    todo: list[type[DomainEvent]] = [DomainEvent]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def exact_converter() -> Converter:
    """A JSON converter that keeps decimals exact (strings without an exponent) and times in ISO 8601; the outbox's,
    and the one SQL columns of value objects use (oms.adapters.sql.shared.values)."""
    converter = make_converter()
    converter.register_unstructure_hook(Decimal, lambda value: format(value, "f"))  # never 1E+2
    converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))
    converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
    converter.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))
    return converter


_converter = exact_converter()


def encode(event: DomainEvent) -> dict[str, Any]:
    payload: dict[str, Any] = _converter.unstructure(event)
    return payload


def decode(event_type: str, payload: dict[str, Any]) -> DomainEvent:
    cls = _event_classes().get(event_type)
    if cls is None:
        raise LookupError(f"unknown event type {event_type!r} in the outbox")
    return _converter.structure(payload, cls)
