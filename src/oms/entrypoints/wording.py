"""How oms words things for people, alike at the terminal and over HTTP: plurals and suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def plural(count: int | Decimal, noun: str, nouns: str | None = None) -> str:
    """`1 row`, `2 rows`, `0 rows`, `2.5 units`: the singular only for exactly one."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def did_you_mean(suggestions: Sequence[str]) -> str:
    """`; did you mean DESK-OAK?` (or `A, B or C?`) to follow a message; empty without suggestions."""
    if not suggestions:
        return ""
    names = list(suggestions)
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"; did you mean {listed}?"

