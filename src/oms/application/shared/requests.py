"""Requests handled once per key: their answers recorded as JSON text that reads back as the same values.

Any answer a command or an entrypoint gives can be recorded: None, booleans, numbers, strings and bytes, decimals,
dates and times, enums, lists, tuples, dicts with string keys, and attrs classes of oms itself. Reading back only
ever builds oms's own classes, named in the record, so a record cannot make the reader run anything else.
"""

from __future__ import annotations

import base64
import enum
import importlib
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

DEFAULT_RETENTION = timedelta(hours=24)
_OWN = "oms."


@frozen(kw_only=True)
class Request:
    """A request the bus handles at most once: its `key` (scoped to the caller), a `fingerprint` of what was asked
    (a retry must ask the same), how long its answer is kept, and whether a request arriving while another with its
    key runs waits for that one's answer (`wait`) or is refused at once (RequestInProgress: HTTP's 409)."""

    key: str
    fingerprint: str = ""
    retention: timedelta = DEFAULT_RETENTION
    wait: bool = True


def _name(cls: type[Any]) -> str:
    if not cls.__module__.startswith(_OWN):
        raise TypeError(f"a {cls.__name__} cannot be recorded: only oms's own classes are")
    return f"{cls.__module__}:{cls.__qualname__}"


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        raise TypeError("floats are not recorded: use Decimal")
    if isinstance(value, enum.Enum):
        return {"enum": _name(type(value)), "value": value.value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode()}
    if isinstance(value, list | tuple):
        return {"list" if isinstance(value, list) else "tuple": [_plain(item) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only dicts with string keys are recorded")
        return {"dict": {key: _plain(item) for key, item in value.items()}}
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]  # attrs.has does not narrow for mypy
        return {"attrs": _name(type(value)), "fields": {a.name: _plain(getattr(value, a.name))
                                                       for a in fields if a.init}}
    raise TypeError(f"a {type(value).__name__} cannot be recorded for a request key")


def _own_class(name: str) -> Any:
    module, _, qualname = name.partition(":")
    if not module.startswith(_OWN):
        raise ValueError(f"refusing to read a record of {name}")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _value(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    if "enum" in data:
        return _own_class(data["enum"])(data["value"])
    if "attrs" in data:
        return _own_class(data["attrs"])(**{key: _value(item) for key, item in data["fields"].items()})
    [(tag, content)] = data.items()
    return _READERS[tag](content)


_READERS: dict[str, Any] = {
    "decimal": Decimal, "datetime": datetime.fromisoformat, "date": date.fromisoformat, "bytes": base64.b64decode,
    "list": lambda items: [_value(item) for item in items],
    "tuple": lambda items: tuple(_value(item) for item in items),
    "dict": lambda members: {key: _value(item) for key, item in members.items()},
}


def encode_result(result: object) -> str:
    """JSON text of an answer, for the request log."""
    return json.dumps(_plain(result), separators=(",", ":"))


def decode_result(text: str) -> Any:
    """The answer a request log holds, as the values that were recorded."""
    return _value(json.loads(text))
