"""Amounts of documents in another currency than their branch's, converted for a report: at the rate of a day
(master data's exchange rates: the pair's latest on or before it, else its inverse's), rounded to the branch
currency's minor unit half up, as bill postings convert them (processes/bill_postings.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.domain.masterdata.exchange_rates import ExchangeRate, rate_on
from oms.domain.shared.money import Currency
from oms.ports.unit_of_work import UnitOfWork


class BranchRates:
    """The rates a report needs, read once (every rate of master data, a short list) and kept per pair and day."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._held: list[ExchangeRate] | None = None
        self._found: dict[tuple[str, str, date], Decimal] = {}

    def rate(self, from_currency: str, to_currency: str, day: date) -> Decimal:
        if from_currency == to_currency:
            return Decimal(1)
        key = (from_currency, to_currency, day)
        if key not in self._found:
            if self._held is None:
                self._held = list(self._uow.masterdata.exchange_rates.list())
            self._found[key] = rate_on(from_currency, to_currency, day, self._held)  # NoExchangeRate if none
        return self._found[key]

    def convert(self, amount: Decimal, from_currency: str, to_currency: str, day: date | None) -> Decimal:
        """`amount` in `to_currency` at the rate of `day` (None: the currencies are the same)."""
        target = Currency.of(to_currency)
        if from_currency == to_currency:
            return target.round(amount)
        assert day is not None, "an amount in another currency converts at the rate of its day"
        return target.round(amount * self.rate(from_currency, to_currency, day))
