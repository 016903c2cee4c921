"""Stock valuation: what value a movement brings in or takes out, by the level's costing method.

Moving average per product and warehouse (ERPNext's and Odoo's "average cost"):
- a receipt brings quantity x its unit cost, rounded to the currency's minor unit; without a unit cost it is valued
  at the level's average cost (while there is stock) or the last average it had (when there is none: ERPNext falls
  back to the last valuation rate); a level that was never valued takes it at zero (Odoo's default cost);
- a positive adjustment brings value the same way (its unit cost, or the average);
- an issue or a negative adjustment takes out quantity x the average, rounded; the last unit out takes exactly the
  remaining value, so a level with nothing on hand has no value and nothing drifts;
- a customer return brings back exactly the value its goods left with (the caller says how much).
FIFO would be another `CostingMethod` keeping layers on the level; only moving average exists today.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from attrs import frozen

from oms.domain.shared.items import MAX_PRICE_DECIMALS
from oms.domain.shared.money import Currency

RATE = Decimal(1).scaleb(-MAX_PRICE_DECIMALS)  # unit costs keep as many decimals as unit prices


def rate(value: Decimal) -> Decimal:
    """A unit cost as kept: rounded half up to 6 decimals."""
    return value.quantize(RATE, rounding=ROUND_HALF_UP)


class Valued(Protocol):
    """What a costing method reads of a stock level."""

    on_hand: Decimal
    value: Decimal
    unit_cost: Decimal | None


class CostingMethod(Protocol):
    @property
    def name(self) -> str: ...

    def average(self, level: Valued) -> Decimal | None:
        """The unit cost of what is on hand (or was last), None if the level was never valued."""
        ...

    def value_out(self, level: Valued, quantity: Decimal, currency: Currency) -> Decimal:
        """The value `quantity` units leaving take with them (0 < quantity <= on_hand), rounded."""
        ...


@frozen
class MovingAverage:
    name: str = "moving_average"

    def average(self, level: Valued) -> Decimal | None:
        return rate(level.value / level.on_hand) if level.on_hand > 0 else level.unit_cost

    def value_out(self, level: Valued, quantity: Decimal, currency: Currency) -> Decimal:
        if quantity >= level.on_hand:
            return level.value  # the last unit out takes what is left: no cent stays behind
        return currency.round(level.value * quantity / level.on_hand)


MOVING_AVERAGE: CostingMethod = MovingAverage()


def share(total: Decimal, whole: Decimal, before: Decimal, quantity: Decimal, currency: Currency) -> Decimal:
    """The value of `quantity` more units out of `whole` units worth `total`, `before` units taken already: shares
    rounded cumulatively, so taking all of them in any steps gives back exactly `total`."""
    if whole <= 0:
        return Decimal(0)
    return currency.round(total * (before + quantity) / whole) - currency.round(total * before / whole)
