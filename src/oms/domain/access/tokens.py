"""Who may use the HTTP API: roles, and the API tokens that carry them (only a hash of each secret is kept)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from datetime import datetime

from attrs import define

from oms.domain.shared.errors import InvalidValue, refuse

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class Role(enum.StrEnum):
    """Each role may do everything the roles before it may; what each adds is in `ROLE_DESCRIPTIONS`."""

    VIEWER = "viewer"
    CLERK = "clerk"
    MANAGER = "manager"
    ADMIN = "admin"

    @classmethod
    def parse(cls, value: str, field: str = "role") -> Role:
        try:
            return cls(value)
        except ValueError:
            raise InvalidValue(field, f"must be one of {', '.join(role.value for role in cls)}") from None

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, required: Role) -> bool:
        """Whether this role may do what `required` may."""
        return self.rank >= required.rank


ROLE_DESCRIPTIONS: Mapping[Role, str] = {
    Role.VIEWER: "reads",
    Role.CLERK: "also creates and edits quotations and orders, confirms, holds, releases, completes, issues goods "
                "and receives stock",
    Role.MANAGER: "also cancels orders, adjusts stock and keeps products, prices and customers",
    Role.ADMIN: "also keeps branches, warehouses and tax rates",
}
"""What each role may do beyond the roles before it, written once: the OpenAPI document, `oms token create --help`
and the README say it in these words (`describe_roles`). The actions' tables give each command its role."""


def describe_roles(name: Callable[[Role], str] = str) -> str:
    """Every role and what it may do, in one sentence: `viewer reads; clerk also ...; admin also ...`; `name`
    writes a role's name (`lambda role: f"`{role}`"` for Markdown)."""
    return "; ".join(f"{name(role)} {ROLE_DESCRIPTIONS[role]}" for role in Role)


def check_name(name: str) -> None:
    """Who holds a credential, as people read it in lists and audit trails: 1 to 100 printable characters."""
    if not name.strip() or len(name) > 100 or not name.isprintable():
        raise InvalidValue("name", "must be 1 to 100 printable characters")


@define(slots=False, eq=False, kw_only=True)
class ApiToken:
    """A credential for the HTTP API. `name` says who holds it and is the actor recorded in audit trails;
    `token_hash` is the hex SHA-256 of the secret, which is shown once when the token is created and never kept."""

    id: str
    name: str
    role: Role
    token_hash: str
    created_at: datetime
    revoked_at: datetime | None = None
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_name(self.name)
        if not _SHA256_HEX.fullmatch(self.token_hash):
            raise InvalidValue("token_hash", "must be a hex SHA-256 digest")
        if self.created_at.tzinfo is None:
            raise InvalidValue("created_at", "must be timezone-aware")

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def permits(self, required: Role) -> bool:
        """Whether a request that needs `required` may go ahead with this token."""
        return self.active and self.role.includes(required)

    def revoke(self, at: datetime) -> None:
        if self.revoked_at is not None:
            raise refuse("ApiTokenMustBeActive", f"token {self.id} was revoked at {self.revoked_at.isoformat()}")
        self.revoked_at = at
