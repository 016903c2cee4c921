"""Which sales orders count as booked: confirmed and not cancelled (a draft put on hold is not booked yet)."""

from __future__ import annotations

BOOKED_STATUSES = frozenset({"confirmed", "partially_issued", "issued", "completed"})
HELD = "on_hold"
DRAFT = "draft"


def is_booked(status: str, held_from: str | None) -> bool:
    return status in BOOKED_STATUSES or (status == HELD and held_from not in (None, DRAFT))
