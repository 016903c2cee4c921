"""Where console users are kept, and how their passwords are hashed: ports of their own, outside the unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from oms.domain.access.users import User


class UserStore(Protocol):
    """The console's users, by id and by username.

    Each method is its own transaction, as with the API tokens: users change rarely (the CLI and the console's
    sign-in change them) and are read on every console request, so they do not take part in the commands' unit of
    work. A SQL store keeps one row per user (id primary key, username unique and lower-case) and must be safe to
    use from many threads and processes. Stores hand out copies: changing a returned user changes nothing until
    `save`.
    """

    def add(self, user: User) -> None:
        """Keep a new user. Raises `AlreadyExists("user", username)` if its id or its username is taken."""
        ...

    def get(self, user_id: str) -> User:
        """The user with this id, disabled or not. Raises `NotFound("user", user_id)`."""
        ...

    def by_username(self, username: str) -> User | None:
        """The user with this username, in any case (`Anna` finds `anna`), disabled or not; None if there is none."""
        ...

    def save(self, user: User) -> None:
        """Write back a changed user and bump its version. Raises `NotFound("user", ...)` if it was never added."""
        ...

    def list(self) -> Sequence[User]:
        """Every user, oldest first."""
        ...


class PasswordHasher(Protocol):
    """Turns passwords into slow salted hashes, the only form in which they are kept."""

    def hash(self, password: str) -> str:
        """A new salted hash of `password`, with the parameters in force now."""
        ...

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether `password` is the one `password_hash` was made from; False on a mismatch or a malformed hash."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether `password_hash` was made with weaker parameters than those in force, so that a successful
        sign-in should store a new hash."""
        ...
