"""What every `oms` command shares: the system it works on, output as tables or JSON, and exit codes."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NoReturn, TypeVar

import attrs
import click

import oms
from oms.domain.shared.errors import DomainError, InvalidValue
from oms.entrypoints.runtime import Runtime

R = TypeVar("R")

EXIT_REFUSED = 1
EXIT_USAGE = 2


class Refused(click.ClickException):
    """The domain refused the command: one line on stderr, exit code 1."""

    exit_code = EXIT_REFUSED


class BadInput(click.ClickException):
    """A value was malformed: one line on stderr, exit code 2, like Click's own usage errors."""

    exit_code = EXIT_USAGE


def explain(error: DomainError) -> click.ClickException:
    if isinstance(error, InvalidValue):
        return BadInput(f"invalid {error.field}: {error.detail}")
    if isinstance(error, oms.BusinessRuleViolation):
        return Refused(f"refused ({error.rule}): {error.detail}")
    return Refused(str(error))


class OmsGroup(click.Group):
    """A group that turns domain errors and unexpected failures into one-line reasons, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            raise explain(error) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("OMS_DEBUG"):
                raise
            raise Refused(f"failed: {type(error).__name__}: {error} (set OMS_DEBUG=1 for the traceback)") from None


@attrs.define
class CliContext:
    """What a command works on, made on first use from the settings; tests pass a ready-made one as `obj`."""

    runtime_factory: Callable[[], Runtime]
    _runtime: Runtime | None = None
    serving_factory: Callable[[], Runtime] | None = None  # for `oms serve`: a runtime that keeps caches

    @classmethod
    def of(cls, system: oms.OrderManagement) -> CliContext:
        """Around a system kept in memory."""
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

    def handle(self, command: oms.Command[R]) -> R:
        """Run a command on the system as the operator at the terminal."""
        return self.system.handle(attrs.evolve(command, actor=self.actor))


pass_cli = click.make_pass_decorator(CliContext)


def plain(value: Any) -> Any:
    """JSON-ready form of domain values: decimals and dates as strings, enums by value, attrs classes as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {a.name: plain(getattr(value, a.name)) for a in attrs.fields(type(value))
                if a.name not in ("events", "new_movements")}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def print_json(value: Any) -> None:
    click.echo(json.dumps(plain(value), indent=2, ensure_ascii=False))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Aligned columns; numbers right-aligned."""
    cells = [[str(plain(cell)) for cell in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(row[i]) for row in cells) and bool(cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric,
                                                                                 strict=True)).rstrip()

    click.echo(line(headers))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return text.strip() != ""


def parse_discount(text: str | None, field: str = "discount") -> oms.Discount | None:
    """`5%` is five percent off; `10.00` is that amount off."""
    if text is None:
        return None
    if text.endswith("%"):
        return oms.Discount.parse("percent", text[:-1], field)
    return oms.Discount.parse("amount", text, field)


def fail(message: str) -> NoReturn:
    raise BadInput(message)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


PAGE_COLUMNS = ["number", "status", "customer", "branch", "created_at", "grand_total", "currency"]


def print_page(rows: list[dict[str, Any]], next_cursor: str | None, as_json: bool) -> None:
    """A listing page as JSON ({"items": [...], "next_cursor": ...}) or as a table with the next cursor below."""
    if as_json:
        print_json({"items": rows, "next_cursor": next_cursor})
        return
    print_table([c if c != "grand_total" else "total" for c in PAGE_COLUMNS],
                [[row[c] if c != "created_at" else row[c][:16] for c in PAGE_COLUMNS] for row in rows])
    if next_cursor:
        click.echo(f"next page: --cursor {next_cursor}")
