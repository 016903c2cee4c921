"""docs/events.md lists every event type with its fields: it is what the catalogue module renders from the domain."""

from __future__ import annotations

from pathlib import Path

from oms.entrypoints.events_catalogue import event_types, render

DOCUMENT = Path(__file__).parents[2] / "docs" / "events.md"


def test_the_event_catalogue_lists_every_event_type_and_is_up_to_date() -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    names = [cls.__name__ for cls in event_types()]

    assert {"DocumentCreated", "StatusChanged", "GoodsIssued", "InvoicePosted", "StockMoved"} <= set(names)
    assert [name for name in names if f"\n## {name}\n" not in text] == []
    assert text == render(), "run `python -m oms.entrypoints.events_catalogue`"
