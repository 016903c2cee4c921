"""How oms words things for people, alike at the terminal and over HTTP: plurals, suggestions, printable text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

# Characters that reorder the text shown around them (the "Trojan Source" overrides); shown escaped, like controls.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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


def printable(text: str) -> str:
    """The text with every control character (and bidirectional override) shown as an escape such as `\\x1b`, so
    that a value someone stored cannot move the cursor, clear the screen or reorder what a terminal shows."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
