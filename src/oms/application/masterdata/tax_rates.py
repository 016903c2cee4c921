"""Tax rates: the rate each jurisdiction applies to a tax category."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.shared.commands import Command, Handlers, to_rate
from oms.domain.shared.ids import new_id
from oms.domain.shared.tax import TaxCategory, TaxRate
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class SetTaxRate(Command[str]):
    """Create or change the rate of a category in a jurisdiction; documents already priced keep their rate.
    Returns the rate's id."""

    jurisdiction: str
    category: TaxCategory
    rate: Decimal = field(converter=to_rate)


def set_tax_rate(cmd: SetTaxRate, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    for existing in uow.masterdata.tax_rates.for_jurisdiction(cmd.jurisdiction):
        if existing.category == cmd.category:
            existing.rate = cmd.rate
            return existing.id
    rate = TaxRate(new_id(), cmd.jurisdiction, cmd.category, cmd.rate)
    uow.masterdata.tax_rates.add(rate)
    return rate.id


HANDLERS: Handlers = {SetTaxRate: set_tax_rate}
