"""What a failed structuring says: each offending field of a body with its path (a JSON Pointer) and why."""

from __future__ import annotations

import re

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError

from oms.domain.shared.errors import InvalidValue


class InvalidField(ValueError):
    """A JSON value its field does not take; `path` leads from that field to a nested culprit, if any."""

    def __init__(self, detail: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.path = path


@attrs.frozen
class FieldError:
    """One offending value of a request body, and why."""

    path: tuple[str | int, ...]
    detail: str

    @property
    def pointer(self) -> str:
        """The JSON Pointer (RFC 6901) to the value, as a URI fragment: `#/lines/0/quantity`."""
        return "#" + "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in self.path)


class InvalidBody(Exception):
    """A request body that does not structure into its command; `errors` names every offending field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.pointer}: {e.detail}" for e in errors))
        self.errors = errors


def dotted_path(field: str) -> tuple[str | int, ...]:
    """`lines[0].quantity` (how the domain names fields) as a path: ("lines", 0, "quantity")."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[([^\]]*)\]", field):
        if name:
            parts.append(name)
        else:
            parts.append(int(index) if index.isdigit() else index)
    return tuple(parts)


def field_errors(error: BaseException, path: tuple[str | int, ...] = ()) -> list[FieldError]:
    """Every offending field of a failed structuring, with its path: `cattrs.transform_error`'s walk, kept as
    (path, detail) pairs instead of flattened into strings, so each one becomes a JSON Pointer."""
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        found = [e for sub, note in with_notes for e in field_errors(sub, (*path, note.name))]
        return found + [e for sub in without for e in field_errors(sub, path)]
    if isinstance(error, IterableValidationError):
        items, rest = error.group_exceptions()
        found = [e for sub, item_note in items for e in field_errors(sub, (*path, item_note.index))]
        return found + [e for sub in rest for e in field_errors(sub, path)]
    if isinstance(error, InvalidField):
        return [FieldError((*path, *error.path), error.detail)]
    if isinstance(error, InvalidValue):
        return [FieldError((*path, *dotted_path(field)), error.detail) for field in error.fields]
    if isinstance(error, KeyError):
        return [FieldError(path, "is required")]
    return [FieldError(path, "is not a valid value here")]
