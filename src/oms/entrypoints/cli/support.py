"""What every `oms` command shares: the system it works on, output as tables or JSON, dates and times."""

from __future__ import annotations

import calendar
import getpass
import json
import os
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import click

import oms
from oms.application.shared.views import Quantity, StatusChangeView
from oms.entrypoints.cli.exits import BadInput
from oms.entrypoints.wording import printable

if TYPE_CHECKING:
    from oms.entrypoints.runtime import Runtime


@attrs.define
class CliContext:
    """What a command works on, made on first use from the settings; tests pass a ready-made one as `obj`."""

    runtime_factory: Callable[[], Runtime]
    _runtime: Runtime | None = None
    serving_factory: Callable[[], Runtime] | None = None  # for `oms serve`: a runtime that keeps caches

    @classmethod
    def of(cls, system: oms.OrderManagement) -> CliContext:
        """Around a system kept in memory."""
        from oms.entrypoints.runtime import Runtime

        return cls(lambda: Runtime.of(system))

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            self._runtime = self.runtime_factory()
        return self._runtime

    def serving_runtime(self) -> Runtime:
        """The runtime of a long-running server (it keeps master data and tokens in memory while they stand)."""
        if self._runtime is None and self.serving_factory is not None:
            self._runtime = self.serving_factory()
        return self.runtime

    @property
    def system(self) -> oms.OrderManagement:
        return self.runtime.system

    @property
    def actor(self) -> str:
        """Who is at the terminal, for the audit trail: OMS_ACTOR, else the login name."""
        return os.environ.get("OMS_ACTOR") or getpass.getuser()


pass_cli = click.make_pass_decorator(CliContext)


def text(value: Any) -> str:
    """How a value reads in a table or a line: amounts with their currency's decimals (without the currency, which
    has a column or follows), quantities with their unit's, times to the minute in UTC, nothing as `-`."""
    from oms.entrypoints.json.converter import format_decimal

    if value is None:
        return "-"
    if isinstance(value, oms.Money):
        return format_decimal(value.amount, value.currency.minor_units)
    if isinstance(value, Quantity):
        return format_decimal(value.value, value.unit.decimals)
    if isinstance(value, oms.Discount):
        return f"{format_decimal(value.value)}%" if value.kind is oms.DiscountKind.PERCENT else format_decimal(
            value.value)
    if isinstance(value, oms.Address):
        return ", ".join(part for part in value.__composite_values__() if part) or "-"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def print_json(value: Any) -> None:
    """The value as the HTTP API writes it (the same converter): amounts as {"amount", "currency"}, times in UTC
    ending in Z, decimals as strings; indented for people."""
    from oms.entrypoints.json.converter import unstructure

    click.echo(json.dumps(unstructure(value), indent=2, ensure_ascii=False))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Aligned columns; numbers right-aligned; control characters shown as escapes (`\\x1b`), never sent."""
    cells = [[printable(text(cell)) for cell in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(row[i]) for row in cells) and bool(cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric,
                                                                                 strict=True)).rstrip()

    click.echo(line(headers))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def print_history(history: Sequence[StatusChangeView]) -> None:
    """A document's audit trail under its view, if it has one: when, who, from which status to which, why."""
    if history:
        click.echo("")
        print_table(["at", "who", "from", "to", "reason"],
                    [[f"{c.at:%Y-%m-%d %H:%M:%S}", c.actor, c.from_status, c.to_status, c.reason] for c in history])


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return text.strip() != ""


def parse_discount(given: str | None, field: str = "discount") -> oms.Discount | None:
    """`5%` is five percent off; `10.00` is that amount off; `none` (or nothing) is no discount."""
    if given is None or given.strip().lower() == "none":
        return None
    if given.endswith("%"):
        return oms.Discount.parse("percent", given[:-1], field)
    return oms.Discount.parse("amount", given, field)


def fail(message: str) -> NoReturn:
    raise BadInput(message)


class IsoDate(click.ParamType[date]):
    """A calendar date written YYYY-MM-DD; a day that does not exist (2026-02-30) is named as such."""

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if found is None:
            self.fail(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2026-03-31", param, ctx)
        year, month, day = (int(part) for part in found.groups())
        if year < 1 or not 1 <= month <= 12:
            self.fail(f"{text} does not exist: years start at 0001, months go from 01 to 12", param, ctx)
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            self.fail(f"{text} does not exist: {calendar.month_name[month]} {year} has {days} days", param, ctx)
        return date(year, month, day)


ISO_DATE = IsoDate()


class IsoTime(click.ParamType[datetime]):
    """A point in time: a timestamp with its zone (2026-03-02T09:30:00Z, ...+01:00), or a date for its start in UTC."""

    name = "time"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD[THH:MM:SSZ]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        given = str(value).strip()
        if "T" not in given:
            day = ISO_DATE.convert(given, param, ctx)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        try:
            moment = datetime.fromisoformat(given)
        except ValueError:
            self.fail(f"{given!r} is not a time: write 2026-03-02T09:30:00Z, with its zone", param, ctx)
        if moment.tzinfo is None:
            self.fail(f"{given!r} has no zone: end it in Z (UTC) or an offset such as +01:00", param, ctx)
        return moment.astimezone(UTC)


ISO_TIME = IsoTime()


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON, as the HTTP API answers it.")


def print_next_page(next_cursor: str | None) -> None:
    """Under a table of one page: how to ask for the next one, if there is one."""
    if next_cursor:
        click.echo(f"next page: --cursor {next_cursor}")
