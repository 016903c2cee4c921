"""What procurement reads of master data's suppliers and exchange rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.domain.masterdata.exchange_rates import rate_on
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import NotFound
from oms.ports.masterdata.repositories import MasterDataUnitOfWork


def supplier_by_code(uow: MasterDataUnitOfWork, code: str, field: str) -> Supplier:
    """An active supplier by its code; an unknown or inactive one is NotFound naming `field`."""
    supplier = uow.masterdata.suppliers.by_code(code)
    if supplier is None or not supplier.active:
        raise NotFound("supplier", code, field)
    return supplier


def exchange_rate(uow: MasterDataUnitOfWork, from_currency: str, to_currency: str, day: date) -> Decimal:
    """What one unit of `from_currency` is worth in `to_currency` on the day (1 for the same currency); the rate of a
    day is the latest on or before it (`NoExchangeRate` when there is none)."""
    if from_currency == to_currency:
        return Decimal(1)
    return rate_on(from_currency, to_currency, day,
                   uow.masterdata.exchange_rates.on_or_before(from_currency, to_currency, day))
