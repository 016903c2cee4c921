"""Codes (SKUs, customer, branch and warehouse codes) that stand in URLs, files and documents."""

from __future__ import annotations

from oms.domain.shared.errors import InvalidValue


def check_code(code: str, field: str) -> str:
    """Codes (SKUs, customer and warehouse codes) are 1-64 printable characters without spaces or slashes (they
    stand in URLs and file names)."""
    if (not isinstance(code, str) or not code or len(code) > 64 or not code.isprintable()
            or any(c.isspace() or c in "/\\" for c in code)):
        raise InvalidValue(field, "must be 1 to 64 printable characters without spaces or slashes")
    return code
