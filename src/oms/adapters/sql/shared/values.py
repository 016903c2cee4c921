"""Value objects kept as JSON text in one column of their aggregate's row: what an aggregate holds as nested values
that are never queried by their parts (a subscription's lines, pauses and billed segments).

The column holds text, not a JSON type, so the row's snapshot compares as a string: a list changed in place is seen
as changed at the next flush, whatever the database. Decimals are written as strings without an exponent, days and
times in ISO 8601; reading builds the value objects through their constructors (cattrs), so their own checks run.

Every flush compares each aggregate's row with its snapshot, so an unchanged value would be encoded again and again.
The text of a value that cannot change (a frozen value object whose fields cannot change either, or a tuple of them)
is kept for as long as that very object is the attribute's; of a list of such values, for as long as the list holds
the very same items. A value read keeps the text it was read from (built by its type from it, it has the type's
shape), so a renewal that moves a subscription's pointer encodes only the values it changed. And a text read is
decoded once: the value is shared by every aggregate that reads the same text (a list's items, in a list of each
one's own), as the subscriptions of one plan hold the same lines and the same pauses (none).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from enum import Enum
from functools import cache
from typing import Any

import attrs
from attrs import frozen

from oms.adapters.event_json import exact_converter
from oms.adapters.sql.shared.mapping import Composite
from oms.adapters.sql.shared.shapes import FROZEN, LEAVES, shape

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
        yield self.columns[0], _kept_text(value, self.hint)

    def value_of(self, row: Mapping[str, Any]) -> Any:
        text = row[self.columns[0]]
        kind = shape(self.hint)
        if kind is None:
            return from_text(text, self.hint)
        # Built by its type from the text, it has the type's shape: it cannot change (a list: its items cannot), so
        # one text is decoded once and its value shared (a list's items, in a list of its own).
        decoded = _decoded.get((text, id(self.hint)))
        if decoded is None:
            if len(_decoded) >= KEPT_TEXTS:
                _decoded.clear()
            decoded = _decoded[(text, id(self.hint))] = from_text(text, self.hint)
        value = decoded if kind == "value" else list(decoded)
        _keep(value, self.hint, text, kind)  # written back as it was read while it does not change
        return value


def serialized(attribute: str, hint: Any) -> Serialized:
    """The attribute kept in the column of the same name."""
    return Serialized(attribute, object, (attribute,), hint=hint)


def to_text(value: Any, hint: Any) -> str:
    return json.dumps(_converter.unstructure(value, hint), separators=(",", ":"), sort_keys=True)


def from_text(text: str, hint: Any) -> Any:
    return _converter.structure(json.loads(text), hint)


KEPT_TEXTS = 10_000
"""How many texts of values that cannot change are kept, with the values (all are dropped when there would be more):
they serve the flushes of a unit of work, which holds a few hundred such values at most."""
_texts: dict[tuple[int, int], tuple[Any, tuple[Any, ...] | None, str]] = {}
_decoded: dict[tuple[str, int], Any] = {}  # the value of a text read, by the text and the hint (see value_of)


def _kept_text(value: Any, hint: Any) -> str:
    """`to_text(value, hint)`, kept for the very object when it cannot change (see the module's notes)."""
    kept = _texts.get((id(value), id(hint)))
    if kept is not None and kept[0] is value and (kept[1] is None or (
            len(value) == len(kept[1]) and all(item is old for item, old in zip(value, kept[1], strict=True)))):
        return kept[2]  # the very value kept (a list: with the very same items), which could not change then
    text = to_text(value, hint)
    kind = _unchangeable(value, hint)
    if kind is not None:
        _keep(value, hint, text, kind)
    return text


def _keep(value: Any, hint: Any, text: str, kind: str) -> None:
    """Keep `text` as the text of this very value, which cannot change (`kind`: its shape; a value read keeps the
    text it was read from, so an unchanged subscription's pauses and lines are not encoded again when its pointer
    moves)."""
    if len(_texts) >= KEPT_TEXTS:
        _texts.clear()
    _texts[(id(value), id(hint))] = (value, tuple(value) if kind == "list" else None, text)


def _unchangeable(value: Any, hint: Any) -> str | None:
    """The shape of `hint` ("value" or "list") when `value` has it at run time and cannot change (a list: while it
    holds the same items); None otherwise (a list where a tuple was meant)."""
    kind = shape(hint)
    if kind is None or not (all(_fixed(item) for item in value) if kind == "list" and type(value) is list
                            else kind == "value" and _fixed(value)):
        return None
    return kind


def _fixed(value: Any) -> bool:
    """Whether `value` is, at run time, a leaf, a tuple of such values or a frozen attrs object whose fields hold
    such values (what `shape` says of its type is then true of it, even where a list was given for a tuple)."""
    kind = type(value)
    if isinstance(value, (*LEAVES, Enum)):
        return True
    if kind is tuple:
        return all(_fixed(item) for item in value)
    return attrs.has(kind) and kind.__setattr__ is FROZEN and all(
        _fixed(getattr(value, name)) for name in _field_names(kind))


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(kind))
