"""Which text fields name something (a SKU, a code, an id), and what such a field may not hold: control characters.

No code, number or id holds a control character, and PostgreSQL cannot store or even compare a NUL, so such input is
refused at every boundary (see `oms.entrypoints.http.identifiers` for paths and query parameters); free-text fields
(names, notes, references) keep taking any character but NUL and unpaired surrogates (see `converter`).
"""

from __future__ import annotations

import re

CONTROL = r"\u0000-\u001f\u007f-\u009f"  # Unicode category Cc, as a character class of Python and of JSON Schema
IDENTIFIER_PATTERN = f"^[^{CONTROL}]*$"
HAS_CONTROL = "must not contain control characters"
_CONTROL = re.compile(f"[{CONTROL}]")


def unfit(value: str) -> str | None:
    """Why `value` cannot be an identifier, or None if it can."""
    return HAS_CONTROL if _CONTROL.search(value) else None


def is_identifier_field(name: str) -> bool:
    """Whether a body field names something (a SKU, a code, an id) rather than holding free text, by its name: `sku`,
    `code`, or ending in `_code` or `_id`, as every command names them. The converter and the schemas apply it to the
    fields typed `str`."""
    return name in ("sku", "code") or name.endswith(("_code", "_id"))
