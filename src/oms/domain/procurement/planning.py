"""Purchase planning: reorder rules per product and warehouse, and what to buy to bring stock back to its maximum.

For a product in a warehouse, projected = available (on hand - reserved) + incoming (open purchase lines into the
warehouse) - demand (confirmed sales lines not yet reserved). When projected falls below the rule's minimum, the
proposal is the quantity that brings projected to at least the maximum, rounded up to the rule's multiple and to
at least the supplier's minimum quantity (itself rounded up to the multiple); nothing is proposed when projected is
at or above the minimum, or the rule is inactive. A proposal is never negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

from attrs import define, field, frozen

from oms.domain.masterdata.exchange_rates import NoExchangeRate, RateSource
from oms.domain.masterdata.supplier_prices import SupplierPrice, preferred_price
from oms.domain.procurement.planning_events import PurchaseProposalPrepared, ReorderRuleSet
from oms.domain.shared.errors import ContradictoryValues, InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import MAX_QUANTITY
from oms.domain.shared.money import check_decimals

QUANTITY_DECIMALS = 6


def rule_key(product_id: str, warehouse_id: str) -> str:
    """The natural key of a reorder rule: one rule per product and warehouse."""
    return f"{product_id}/{warehouse_id}"


def _check_quantity(value: Decimal, name: str, *, positive: bool = False) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidValue(name, "must be a decimal number")
    if value < 0 or (positive and value == 0) or value > MAX_QUANTITY:
        raise InvalidValue(name, f"must be {'above' if positive else 'from'} 0 {'and at most' if positive else 'to'} "
                                 f"{MAX_QUANTITY}")
    check_decimals(value, QUANTITY_DECIMALS, name)


def check_levels(minimum: Decimal, maximum: Decimal, multiple: Decimal) -> None:
    """minimum >= 0, maximum >= minimum, multiple > 0, each a quantity of at most 6 decimals."""
    _check_quantity(minimum, "minimum")
    _check_quantity(maximum, "maximum")
    _check_quantity(multiple, "multiple", positive=True)
    if maximum < minimum:
        raise ContradictoryValues(("maximum", "minimum"), "maximum must not be below minimum")


@define(slots=False, eq=False)
class ReorderRule:
    """When the projected stock of a product in a warehouse falls below `minimum`, buy up to `maximum`, in
    multiples of `multiple`. An inactive rule proposes nothing."""

    id: str
    key: str
    product_id: str
    warehouse_id: str
    minimum: Decimal
    maximum: Decimal
    multiple: Decimal = Decimal(1)
    active: bool = True
    version: int = 0
    events: list[DomainEvent] = field(factory=list, repr=False)

    def __attrs_post_init__(self) -> None:
        check_levels(self.minimum, self.maximum, self.multiple)

    @classmethod
    def create(cls, *, product_id: str, warehouse_id: str, minimum: Decimal, maximum: Decimal,
               multiple: Decimal = Decimal(1), active: bool = True, at: datetime, actor: str) -> ReorderRule:
        rule = cls(id=new_id(), key=rule_key(product_id, warehouse_id), product_id=product_id,
                   warehouse_id=warehouse_id, minimum=minimum, maximum=maximum, multiple=multiple, active=active)
        rule._record(at, actor)
        return rule

    def change(self, *, minimum: Decimal | None = None, maximum: Decimal | None = None,
               multiple: Decimal | None = None, active: bool | None = None, at: datetime, actor: str) -> None:
        """Change what is given, checked together before anything changes."""
        new_min = self.minimum if minimum is None else minimum
        new_max = self.maximum if maximum is None else maximum
        new_multiple = self.multiple if multiple is None else multiple
        check_levels(new_min, new_max, new_multiple)
        self.minimum, self.maximum, self.multiple = new_min, new_max, new_multiple
        self.active = self.active if active is None else active
        self._record(at, actor)

    def _record(self, at: datetime, actor: str) -> None:
        self.events.append(ReorderRuleSet(aggregate_id=self.id, occurred_at=at, product_id=self.product_id,
                                          warehouse_id=self.warehouse_id, minimum=self.minimum,
                                          maximum=self.maximum, multiple=self.multiple, active=self.active,
                                          actor=actor))


@frozen
class Position:
    """What is known of a product in a warehouse: available now, incoming, and demand not yet reserved."""

    available: Decimal
    incoming: Decimal = Decimal(0)
    demand: Decimal = Decimal(0)

    @property
    def projected(self) -> Decimal:
        return self.available + self.incoming - self.demand


def round_up(quantity: Decimal, multiple: Decimal) -> Decimal:
    """The smallest multiple of `multiple` at or above `quantity` (0 for anything at or below 0)."""
    if quantity <= 0:
        return Decimal(0)
    return (quantity / multiple).to_integral_value(rounding=ROUND_CEILING) * multiple


def proposed_quantity(rule: ReorderRule, position: Position, minimum_order: Decimal = Decimal(0)) -> Decimal:
    """How much to buy: 0 unless projected < minimum (and the rule is active); else enough to bring projected to at
    least the maximum and to order at least `minimum_order`, rounded up to the rule's multiple."""
    projected = position.projected
    if not rule.active or projected >= rule.minimum:
        return Decimal(0)
    return round_up(max(rule.maximum - projected, minimum_order), rule.multiple)


@frozen(kw_only=True)
class Proposal:
    """One line of what to buy: the rule's product in its warehouse, the position it was judged on, the quantity
    and the preferred supplier's entry (None when no supplier sells the product, or its rate is missing)."""

    rule: ReorderRule
    position: Position
    quantity: Decimal
    offer: SupplierPrice | None


def propose(rule: ReorderRule, position: Position, prices: Iterable[SupplierPrice], *, day: date, currency: str,
            rates: RateSource, lead_times: dict[str, int] | None = None) -> Proposal | None:
    """The proposal for one rule, or None when nothing is to be bought. The preferred supplier is the one of
    `preferred_price` for the quantity; when no entry applies to so few, the quantity is raised to the smallest
    minimum quantity of an entry valid on the day (rounded up to the multiple) and the supplier chosen for that."""
    quantity = proposed_quantity(rule, position)
    if quantity == 0:
        return None
    held = [p for p in prices if p.product_id == rule.product_id]
    try:
        offer = preferred_price(held, rule.product_id, quantity, day, currency, rates, lead_times)
        if offer is None:
            minimums = [p.min_quantity for p in held if p.valid_on(day)]
            if minimums:
                quantity = proposed_quantity(rule, position, min(minimums))
                offer = preferred_price(held, rule.product_id, quantity, day, currency, rates, lead_times)
    except NoExchangeRate:
        offer = None
    return Proposal(rule=rule, position=position, quantity=quantity, offer=offer)


@define(slots=False, eq=False)
class ProposalLine:
    """A line of a prepared proposal, as it was judged that day (codes kept for reading it later)."""

    id: str
    product_id: str
    sku: str
    warehouse_id: str
    warehouse_code: str
    available: Decimal
    incoming: Decimal
    demand: Decimal
    minimum: Decimal
    maximum: Decimal
    quantity: Decimal
    supplier_id: str | None = None
    supplier_code: str | None = None
    unit_price: Decimal | None = None  # per stock unit, in `currency`
    currency: str | None = None
    purchase_order: str | None = None  # the number of the draft purchase order made of it
    rfq: str | None = None  # or of the request for quotation

    def _must_be_open(self) -> None:
        taken = self.purchase_order or self.rfq
        if taken is not None:
            raise refuse("ProposalLineMustNotBeOrdered", f"{self.sku} in {self.warehouse_code} is on {taken} already")

    def request(self, number: str) -> None:
        """Record the request for quotation made of the line; a line is ordered or requested once."""
        self._must_be_open()
        self.rfq = number

    def order(self, number: str) -> None:
        """Record the draft purchase order made of the line; a line is ordered once, from a supplier."""
        self._must_be_open()
        if self.supplier_id is None:
            raise refuse("ProposalLineMustHaveSupplier", f"no supplier sells {self.sku}: order it by hand")
        self.purchase_order = number


@define(slots=False, eq=False)
class ProposalRun:
    """The day's prepared proposal: at most one per day. Its id is the day (ISO), so the row is the daily job's claim:
    a second run of the day, on this machine or another, cannot insert it and finds the first's instead."""

    id: str
    day: date
    prepared_at: datetime
    actor: str
    lines: list[ProposalLine] = field(factory=list)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, repr=False)

    @classmethod
    def prepare(cls, day: date, lines: list[ProposalLine], *, at: datetime, actor: str) -> ProposalRun:
        run = cls(id=day.isoformat(), day=day, prepared_at=at, actor=actor, lines=lines)
        run.events.append(PurchaseProposalPrepared(aggregate_id=run.id, occurred_at=at, day=day,
                                                   lines=len(lines), actor=actor))
        return run

    def line(self, sku: str, warehouse_code: str) -> ProposalLine | None:
        return next((line for line in self.lines if (line.sku, line.warehouse_code) == (sku, warehouse_code)), None)
