"""Bulk import of exchange rates, checked and written as the other imports (imports.py): every problem of every row
named with its row, all or nothing unless partial, one transaction. A row's key is its pair and day: the day's rate
of a pair entered again replaces it (and counts as updated only when the rate differs)."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from oms.application.masterdata.imports import ImportReport, RowError, RowProblems, checked, import_report, writing
from oms.application.masterdata.supplier_imports import day_cell, once
from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.exchange_rates import ExchangeRate, check_rate, rate_key
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.domain.shared.money import Currency
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class ExchangeRateRow:
    """1 `from_currency` = `rate` `to_currency` from `day` (YYYY-MM-DD) on."""

    row: int
    from_currency: str
    to_currency: str
    day: str
    rate: str


@frozen(kw_only=True)
class ImportExchangeRates(Command[ImportReport]):
    rows: tuple[ExchangeRateRow, ...]
    partial: bool = False


def _day(value: str) -> str:
    if day_cell(value, "day") is None:
        raise InvalidValue("day", "must not be empty")
    return value


def _rate_problems(row: ExchangeRateRow, seen: dict[object, int]) -> list[RowError]:
    found = RowProblems(row.row)
    found.check("from_currency", lambda: Currency.of(row.from_currency, "from_currency"))
    found.check("to_currency", lambda: Currency.of(row.to_currency, "to_currency"))
    if row.from_currency == row.to_currency:
        found.refuse("to_currency", "must differ from from_currency (a currency converts to itself at 1)")
    found.check("day", lambda: _day(row.day))
    found.check("rate", lambda: check_rate(row.rate))
    once(found, "day", (row.from_currency, row.to_currency, row.day),
         f"the rate {row.from_currency}/{row.to_currency} {row.day}", seen)
    return found.errors


def exchange_rate_problems(uow: MasterDataUnitOfWork, rows: Sequence[ExchangeRateRow]) -> tuple[RowError, ...]:
    """Every problem an import of the rows would find, importing nothing."""
    seen: dict[object, int] = {}
    return tuple(checked(rows, lambda row: _rate_problems(row, seen))[0])


def import_exchange_rates(cmd: ImportExchangeRates, uow: MasterDataUnitOfWork, clock: Clock) -> ImportReport:
    seen: dict[object, int] = {}
    refused, accepted = checked(cmd.rows, lambda row: _rate_problems(row, seen))
    if refused and not cmd.partial:
        return import_report((0, 0, 0), refused, applied=False)
    created = updated = 0
    for row in writing(accepted):
        day, rate = day_cell(row.day, "day"), check_rate(row.rate)
        assert day is not None  # checked
        try:
            existing = uow.masterdata.exchange_rates.get(rate_key(row.from_currency, row.to_currency, day))
        except NotFound:
            uow.masterdata.exchange_rates.add(ExchangeRate.new(row.from_currency, row.to_currency, day, rate))
            created += 1
            continue
        if existing.rate != rate:
            existing.replace(rate)
            updated += 1
    return import_report((created, updated, len(accepted) - created - updated), refused, applied=True)


HANDLERS: Handlers = {ImportExchangeRates: import_exchange_rates}
