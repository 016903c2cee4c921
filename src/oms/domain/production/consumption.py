"""What an output consumes: the backflush quantities (W4), the consumption mode's verdict on what was reported
(W3), the refusal of an output whose components are not in stock (W7), and the consumption lines it posts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.production.boms import ConsumptionMode
from oms.domain.production.records import Component, ConsumptionLine
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Currency
from oms.domain.stock.levels import StockLevel


@frozen(kw_only=True)
class Planned:
    """What an output consumes of one component: `expected` by the BOM, `actual` as reported (the same when
    backflushed), `from_reservation` the part the work order's reservation covers."""

    component: Component
    expected: Decimal
    actual: Decimal
    from_reservation: Decimal = Decimal(0)

    @property
    def deviates(self) -> bool:
        return self.actual != self.expected


def reported(components: Sequence[Component], expected: Mapping[str, Decimal],
             actual: Mapping[str, Decimal] | None) -> list[Planned]:
    """Pair the expected consumption of each component (by component id) with what was reported (by product id;
    None: backflush, exactly what is expected). A product that is no component is refused."""
    if actual is None:
        return [Planned(component=c, expected=expected[c.id], actual=expected[c.id]) for c in components]
    known = {c.product_id for c in components}
    for product_id, quantity in actual.items():
        if product_id not in known:
            raise InvalidValue(f"consumed.{product_id}", "is not a component of the work order")
        if quantity < 0:
            raise InvalidValue(f"consumed.{product_id}", "must not be negative")
    return [Planned(component=c, expected=expected[c.id], actual=actual.get(c.product_id, Decimal(0)))
            for c in components]


def judge(mode: ConsumptionMode, planned: Sequence[Planned], number: str) -> list[Planned]:
    """The deviations to record: none under flexible, all under warning; under strict any deviation is refused."""
    deviations = [p for p in planned if p.deviates]
    if mode is ConsumptionMode.FLEXIBLE:
        return []
    if deviations and mode is ConsumptionMode.STRICT:
        raise refuse("ConsumptionMustMatchBom", f"{number} consumes by a strict BOM: " + "; ".join(
            f"{p.component.sku}: {p.expected} expected, {p.actual} reported" for p in deviations))
    return deviations


def covered(planned: Sequence[Planned], open_reserved: Mapping[str, Decimal],
            levels: Mapping[str, StockLevel], number: str) -> list[Planned]:
    """Each consumption with the part its reservation covers; refused whole (ComponentsMustBeAvailable: no output
    while a component is short, stock never negative) if what is not reserved exceeds what is available."""
    result: list[Planned] = []
    shortages: list[str] = []
    for p in planned:
        from_reservation = min(p.actual, open_reserved[p.component.id])
        available = levels[p.component.product_id].available
        if p.actual - from_reservation > available:
            shortages.append(f"{p.component.sku}: {p.actual} needed, {from_reservation} reserved, "
                             f"{available} more available")
        result.append(Planned(component=p.component, expected=p.expected, actual=p.actual,
                              from_reservation=from_reservation))
    if shortages:
        raise refuse("ComponentsMustBeAvailable", f"{number}: " + "; ".join(shortages))
    return result


def issue(planned: Sequence[Planned], output_id: str, reference: str, levels: Mapping[str, StockLevel],
          currency: Currency, at: datetime, actor: str) -> list[ConsumptionLine]:
    """Take each planned consumption out of stock (its reserved part from the reservation), valued by the level:
    the consumption lines of the output, each with the value its movement took out."""
    lines = []
    for p in planned:
        if p.actual == 0:
            continue
        movement = levels[p.component.product_id].consume(p.actual, p.from_reservation, reference, at, actor,
                                                          currency=currency)
        lines.append(ConsumptionLine(id=new_id(), output_id=output_id, component_id=p.component.id,
                                     product_id=p.component.product_id, quantity=p.actual,
                                     from_reservation=p.from_reservation, value=-movement.value))
    return lines
