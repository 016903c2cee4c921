"""Exchange rates: entered one by one (the day's rate of a pair, replacing one entered before) and read by day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.exchange_rates import ExchangeRate, RateSource, check_rate, rate_key, rate_on
from oms.domain.shared.errors import NotFound
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class SetExchangeRate(Command[str]):
    """1 `from_currency` = `rate` `to_currency` from `day` on; the pair's rate of that day, if entered before, is
    replaced. Returns the rate's id."""

    from_currency: str
    to_currency: str
    day: date
    rate: Decimal = field(converter=check_rate)


def set_exchange_rate(cmd: SetExchangeRate, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    key = rate_key(cmd.from_currency, cmd.to_currency, cmd.day)
    try:
        existing = uow.masterdata.exchange_rates.get(key)
    except NotFound:
        rate = ExchangeRate.new(cmd.from_currency, cmd.to_currency, cmd.day, cmd.rate)
        uow.masterdata.exchange_rates.add(rate)
        return rate.id
    existing.replace(cmd.rate)
    return existing.id


def stored_rates(uow: MasterDataUnitOfWork) -> RateSource:
    """The rates of the store, as the domain's conversions read them (two indexed reads a pair)."""
    def rate(from_currency: str, to_currency: str, day: date) -> Decimal:
        if from_currency == to_currency:
            return Decimal(1)
        return rate_on(from_currency, to_currency, day,
                       uow.masterdata.exchange_rates.on_or_before(from_currency, to_currency, day))

    return rate


HANDLERS: Handlers = {SetExchangeRate: set_exchange_rate}
