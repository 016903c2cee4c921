"""Console users: operators who sign in with a username and password, and the throttling of failed sign-ins."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from attrs import define

from oms.domain.access.tokens import Role, check_name
from oms.domain.shared.errors import InvalidValue, refuse

MAX_FAILED_SIGN_INS = 5
"""Failed sign-ins in a row after which a user is locked: enough for typing mistakes, too few for guessing."""

LOCKOUT = timedelta(minutes=15)
"""How long a user stays locked after too many failed sign-ins; a new password (`set_password`) unlocks at once."""

_USERNAME = re.compile(r"[a-z0-9._@-]{1,50}")


def normalize_username(username: str) -> str:
    """The stored form of a username: lower-case, 1 to 50 of `a-z 0-9 . _ @ -`, so that one name is one user
    however it is typed (`Anna` and `anna` are the same operator)."""
    lowered = username.strip().lower()
    if not _USERNAME.fullmatch(lowered):
        raise InvalidValue("username", "must be 1 to 50 characters of a-z, 0-9, '.', '_', '@' and '-'")
    return lowered


@define(slots=False, eq=False, kw_only=True)
class User:
    """An operator of the console. `username` is the actor recorded in audit trails; only a hash of the password
    is kept (`password_hash`, written by a `PasswordHasher`)."""

    id: str
    username: str
    name: str
    role: Role
    password_hash: str
    created_at: datetime
    disabled_at: datetime | None = None
    failed_sign_ins: int = 0
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None
    version: int = 0

    def __attrs_post_init__(self) -> None:
        self.username = normalize_username(self.username)
        check_name(self.name)
        if not self.password_hash:
            raise InvalidValue("password_hash", "must not be empty")
        if self.created_at.tzinfo is None:
            raise InvalidValue("created_at", "must be timezone-aware")

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def disable(self, at: datetime) -> None:
        """Take the user's access away for good (the row stays: its name is in audit trails)."""
        if self.disabled_at is not None:
            raise refuse("UserMustBeActive", f"user {self.username} was disabled at {self.disabled_at.isoformat()}")
        self.disabled_at = at

    def locked_at(self, now: datetime) -> bool:
        """Whether sign-ins are refused at `now` because of too many failures before it."""
        return self.locked_until is not None and now < self.locked_until

    def sign_in_failed(self, at: datetime) -> None:
        """Count a wrong password; the fifth in a row locks the user for `LOCKOUT`. A lock that has run out starts
        the count again, so one more mistake after it does not lock at once."""
        if self.locked_until is not None and at >= self.locked_until:
            self.failed_sign_ins, self.locked_until = 0, None
        self.failed_sign_ins += 1
        if self.failed_sign_ins >= MAX_FAILED_SIGN_INS:
            self.locked_until = at + LOCKOUT

    def signed_in(self, at: datetime) -> None:
        """A right password: the count of failures starts again."""
        self.failed_sign_ins, self.locked_until, self.last_sign_in_at = 0, None, at

    def change_password(self, password_hash: str) -> None:
        """A new password, which also lifts a lock: the operator who set it knows who is at the keyboard."""
        if not password_hash:
            raise InvalidValue("password_hash", "must not be empty")
        self.password_hash = password_hash
        self.failed_sign_ins, self.locked_until = 0, None
