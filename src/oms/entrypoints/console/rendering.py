"""How pages write values: views go through the API's converter first (`as_json`), so an amount or a quantity
reads exactly as the API answers it; these filters only lay the JSON out (an amount with its currency, a time in
UTC to the minute)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask

from oms.entrypoints.json.converter import unstructure


def as_json(view: object) -> Any:
    """A view as the API renders it: amounts, quantities and times as strings."""
    return unstructure(view)


def money(value: Any) -> str:
    if not value:
        return ""
    return f"{value['amount']} {value['currency']}"


def moment(value: str | None) -> str:
    """`2026-03-02T09:30:12.345Z` as `2026-03-02 09:30 UTC`."""
    if not value:
        return ""
    return value[:16].replace("T", " ") + " UTC"


def discount(value: Any) -> str:
    if not value:
        return ""
    return f"{value['value']}%" if value["kind"] == "percent" else f"{value['value']}"


def words(value: str | None) -> str:
    """A status or category as words: `partially_issued` -> `partially issued`."""
    return (value or "").replace("_", " ")


def day_before(value: str | None) -> str:
    """The last day of a period whose end (excluded) is `2026-04-01`: `2026-03-31`."""
    if not value:
        return ""
    return (date.fromisoformat(value) - timedelta(days=1)).isoformat()


def weekday(value: str | None) -> str:
    """`2026-03-02` as `Monday`."""
    return f"{date.fromisoformat(value):%A}" if value else ""


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(as_json=as_json, money=money, moment=moment, discount=discount, words=words,
                                 day_before=day_before, weekday=weekday)
