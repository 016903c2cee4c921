"""The cost of an output (W8): the components actually issued for it, plus labour and overhead, over good units.

- component value: what the consumption movements took out of stock (the stock levels' valuation: moving average),
  never a standard or list price (Odoo #19990 costed a partial production at an old price);
- labour: the BOM's hours x rate for its output quantity, scaled to the units made; overhead: per unit made; both
  absorbed cumulatively (the cents of each output are what the running total adds), so outputs sum exactly;
- unit cost = total / good units, kept to 6 decimals; the finished goods enter stock at exactly the total.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.money import Currency
from oms.domain.stock.valuation import rate


@frozen(kw_only=True)
class OutputCost:
    component_value: Decimal
    labour_value: Decimal
    overhead_value: Decimal

    @property
    def value(self) -> Decimal:
        return self.component_value + self.labour_value + self.overhead_value

    def unit_cost(self, quantity: Decimal) -> Decimal:
        return rate(self.value / quantity)


def absorbed(per_basis: Decimal, basis: Decimal, made_before: Decimal, making: Decimal, currency: Currency) -> Decimal:
    """What `making` more units absorb of a cost of `per_basis` for `basis` units, after `made_before`: the rounded
    running total after, less the rounded running total before."""
    def upto(made: Decimal) -> Decimal:
        return currency.round(per_basis * made / basis)

    return upto(made_before + making) - upto(made_before)


def output_cost(*, component_value: Decimal, labour_cost: Decimal, labour_basis: Decimal,
                overhead_per_unit: Decimal, made_before: Decimal, making: Decimal, currency: Currency) -> OutputCost:
    """The cost of `making` units after `made_before`, their components having taken out `component_value`."""
    return OutputCost(component_value=component_value,
                      labour_value=absorbed(labour_cost, labour_basis, made_before, making, currency),
                      overhead_value=absorbed(overhead_per_unit, Decimal(1), made_before, making, currency))
