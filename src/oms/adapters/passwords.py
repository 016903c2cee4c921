"""Password hashing with Argon2id (argon2-cffi), the `PasswordHasher` port of the console's users."""

from __future__ import annotations

import argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2PasswordHasher:
    """Argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile) unless told otherwise; `fast()` is
    for tests, where a hash must take microseconds rather than tens of milliseconds."""

    def __init__(self, *, time_cost: int = argon2.DEFAULT_TIME_COST, memory_cost: int = argon2.DEFAULT_MEMORY_COST,
                 parallelism: int = argon2.DEFAULT_PARALLELISM) -> None:
        self._hasher = argon2.PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)

    @classmethod
    def fast(cls) -> Argon2PasswordHasher:
        """The cheapest parameters Argon2 allows: for tests only, never for real passwords."""
        return cls(time_cost=1, memory_cost=8, parallelism=1)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except (InvalidHashError, ValueError):
            return True
