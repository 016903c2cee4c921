"""Clocks: the system's, and a fixed one that tests and demos move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from attrs import define


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@define
class FixedClock:
    """A clock that stands still until told to move."""

    current: datetime

    def __attrs_post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta
