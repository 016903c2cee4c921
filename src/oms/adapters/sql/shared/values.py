"""Value objects kept as JSON text in one column of their aggregate's row: what an aggregate holds as nested values
that are never queried by their parts (a subscription's lines, pauses and billed segments).

The column holds text, not a JSON type, so the row's snapshot compares as a string: a list changed in place is seen
as changed at the next flush, whatever the database. Decimals are written as strings without an exponent, days and
times in ISO 8601; reading builds the value objects through their constructors (cattrs), so their own checks run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from attrs import frozen

from oms.adapters.event_json import exact_converter
from oms.adapters.sql.shared.mapping import Composite

_converter = exact_converter()
_converter.register_unstructure_hook(date, lambda value: value.isoformat())
_converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
_converter.register_unstructure_hook(timedelta, lambda value: int(value.total_seconds()))  # whole seconds
_converter.register_structure_hook(timedelta, lambda value, _: timedelta(seconds=int(value)))


@frozen
class Serialized(Composite):
    """An attribute kept as JSON text in the column `columns[0]`, read back as a value of the type `hint` (a frozen
    value object, a tuple or list of them, or None where the hint allows it)."""

    hint: Any = None

    def columns_of(self, value: Any) -> Iterator[tuple[str, Any]]:
        yield self.columns[0], to_text(value, self.hint)

    def value_of(self, row: Mapping[str, Any]) -> Any:
        return from_text(row[self.columns[0]], self.hint)


def serialized(attribute: str, hint: Any) -> Serialized:
    """The attribute kept in the column of the same name."""
    return Serialized(attribute, object, (attribute,), hint=hint)


def to_text(value: Any, hint: Any) -> str:
    return json.dumps(_converter.unstructure(value, hint), separators=(",", ":"), sort_keys=True)


def from_text(text: str, hint: Any) -> Any:
    return _converter.structure(json.loads(text), hint)
