"""Errors the domain raises: each names the business rule or the field it is about."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain and application raise on purpose."""


class BusinessRuleViolation(DomainError):
    """A command was refused because it would break a named business rule."""

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__(f"{rule}: {detail}")
        self.rule = rule
        self.detail = detail


class InvalidValue(DomainError):
    """A value given to the domain is malformed; `field` names the offending input (`fields`: every one)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail
        self.fields: tuple[str, ...] = (field,)


class ContradictoryValues(InvalidValue):
    """Values each valid alone that cannot be given together (a discount and the order to clear it): `fields`
    names all of them, `field` the first."""

    def __init__(self, fields: tuple[str, ...], detail: str) -> None:
        super().__init__(fields[0], detail)
        self.args = (f"{', '.join(fields)}: {detail}",)
        self.fields = fields


class NotFound(DomainError):
    """The thing a command refers to does not exist. `field` names the input that named it, when a command's field
    did (a line's SKU, the customer code of an order), so entrypoints can point at it; `suggestions` are existing
    keys close to the one given."""

    def __init__(self, kind: str, key: str, field: str | None = None, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(f"{kind} {key!r} not found")
        self.kind = kind
        self.key = key
        self.field = field
        self.suggestions = suggestions


class AlreadyExists(DomainError):
    """A thing with the same natural key (SKU, code) exists already."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} already exists")
        self.kind = kind
        self.key = key


class ConcurrencyConflict(DomainError):
    """Someone else changed the same aggregate first; the command may be retried."""


class StoreBusy(DomainError):
    """The store is held by another writer for longer than a change may wait; nothing was changed: try again."""


def refuse(rule: str, detail: str) -> BusinessRuleViolation:
    """Build the error for a broken rule, for `raise refuse(...)`."""
    return BusinessRuleViolation(rule, detail)
