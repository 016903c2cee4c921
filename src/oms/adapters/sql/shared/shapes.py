"""Which types hold values that cannot change once made: the session compares such values to tell an aggregate's
rows unchanged without building them (mapping.py), and a serialized column keeps the JSON text of such a value
(values.py)."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

import attr
import attrs

LEAVES = (str, int, float, bool, bytes, Decimal, date, datetime, timedelta, type(None))
FROZEN = getattr(getattr(attr, "_make", None), "_frozen_setattrs", None)  # attrs' __setattr__ of frozen classes


@cache
def shape(hint: Any) -> str | None:
    """"value" when a value of `hint` cannot change, "list" for a list of such values, None otherwise."""
    if unchangeable(hint):
        return "value"
    if typing.get_origin(hint) is list and all(unchangeable(arg) for arg in typing.get_args(hint)):
        return "list"
    return None


def unchangeable(hint: Any, seen: frozenset[Any] = frozenset()) -> bool:
    """Whether no value of the type `hint` can change once made: leaves (text, numbers, days, enums), tuples and
    unions of such types, and frozen attrs classes all of whose fields are of such types."""
    if hint in seen:
        return False  # a type that holds itself: not worth telling
    if isinstance(hint, type) and (issubclass(hint, LEAVES) or issubclass(hint, Enum)):
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (tuple, typing.Union, types.UnionType):
        return all(arg is Ellipsis or unchangeable(arg, seen | {hint}) for arg in args)
    if isinstance(hint, type) and attrs.has(hint) and FROZEN is not None and hint.__setattr__ is FROZEN:
        fields = attrs.fields(attrs.resolve_types(hint))
        return all(unchangeable(field.type, seen | {hint}) for field in fields)
    return False
