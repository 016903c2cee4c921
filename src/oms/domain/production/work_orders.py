"""The production work order aggregate: a quantity of a product made from its BOM in one warehouse.

draft -> released (components reserved) -> in_progress -> to_close -> done; released/in_progress -> closed_short;
draft/released -> cancelled. Rules (peers.md 2b):
- W1: each component's requirement comes from the BOM (see requirements.py), fixed when the order is made;
- W2: releasing reserves each component in the warehouse, as much as is available (partially when short; what is
  missing is shown); the open reservation of a component is what was reserved less what consumption took of it,
  derived from the posted consumption lines, and only while the order is open: closing or cancelling releases it;
- W3: reported consumption that differs from the BOM is refused (strict), recorded (warning) or accepted (flexible);
- W4: an output consumes the target for the cumulative output less what was consumed (see requirements.py): by the
  BOM, or, for an order that backflushes by transferred quantities, a share of what was transferred to it;
- W5: the output may exceed the planned quantity by the order's over-production tolerance, never more, counting
  the output being reported (checked on the order as loaded under its lock);
- W7: no output while a component it consumes is short; stock never goes negative;
- W8: the output's value is its components' actual value, labour and overhead (see costing.py);
- W9: an order with an output or a consumption cannot be cancelled; it is closed instead (stock effects stay).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from attrs import define, field

from oms.domain.production.boms import BillOfMaterials, ComponentKind, ConsumptionMode
from oms.domain.production.consumption import Planned, covered, issue, judge, reported
from oms.domain.production.costing import output_cost
from oms.domain.production.events import ConsumptionDeviated, OutputReported, check_order
from oms.domain.production.holdings import HoldsStock
from oms.domain.production.records import (
    OPEN,
    PROGRESS,
    TRANSITIONS,
    BackflushBasis,
    Component,
    ConsumptionLine,
    Deviation,
    Output,
    Transfer,
    WorkOrderStatus,
)
from oms.domain.production.requirements import Need, consume_now, transferred_target
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.lifecycle import StatusChange, Transition, change_status
from oms.domain.shared.money import Currency, check_decimals
from oms.domain.stock.levels import StockLevel

DOCUMENT_TYPE = "work_order"
_S = WorkOrderStatus


@define(slots=False, eq=False, kw_only=True)
class WorkOrder(HoldsStock):
    """`levels` given to its methods are the stock levels in its warehouse, by product id: its components' and, to
    report an output, its product's."""

    id: str
    number: str
    bom_id: str
    product_id: str
    sku: str
    warehouse_id: str
    quantity: Decimal
    currency: str
    created_at: datetime
    output_decimals: int = 0
    overproduction_percent: Decimal = Decimal(0)
    consumption: ConsumptionMode = ConsumptionMode.STRICT
    labour_cost: Decimal = Decimal(0)  # of `labour_basis` units made
    labour_basis: Decimal = Decimal(1)
    overhead_per_unit: Decimal = Decimal(0)
    backflush: BackflushBasis = BackflushBasis.BOM
    parent_id: str | None = None  # the work order this one makes a sub-assembly for
    sales_order_id: str | None = None  # made to order: the sales order (and line) that takes the output
    sales_line_id: str | None = None
    status: WorkOrderStatus = WorkOrderStatus.DRAFT
    components: list[Component] = field(factory=list)
    outputs: list[Output] = field(factory=list)
    consumptions: list[ConsumptionLine] = field(factory=list)
    transfers: list[Transfer] = field(factory=list)
    deviations: list[Deviation] = field(factory=list)
    history: list[StatusChange] = field(factory=list)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_order(self, DOCUMENT_TYPE)
        check_decimals(self.quantity, self.output_decimals, "quantity")
        if not 0 <= self.overproduction_percent <= 100:
            raise InvalidValue("overproduction_percent", "must be between 0 and 100")

    @classmethod
    def from_bom(cls, bom: BillOfMaterials, needs: Sequence[Need], *, id: str, number: str, quantity: Decimal,
                 warehouse_id: str, currency: str, at: datetime, overproduction_percent: Decimal = Decimal(0),
                 backflush: BackflushBasis = BackflushBasis.BOM, parent_id: str | None = None,
                 sales_order_id: str | None = None,
                 sales_line_id: str | None = None) -> WorkOrder:
        """A draft order of `quantity` made by `bom`, whose exploded components are `needs`; for the order it makes a
        sub-assembly for (`parent_id`), or for a sales order's line (made to order)."""
        return cls(id=id, number=number, bom_id=bom.id, product_id=bom.product_id, sku=bom.sku,
                   warehouse_id=warehouse_id, quantity=quantity, currency=currency, created_at=at,
                   output_decimals=bom.output_decimals, overproduction_percent=overproduction_percent,
                   consumption=bom.consumption, labour_cost=bom.labour_cost, labour_basis=bom.output_quantity,
                   overhead_per_unit=bom.overhead_per_unit, backflush=backflush, parent_id=parent_id,
                   sales_order_id=sales_order_id,
                   sales_line_id=sales_line_id,
                   components=[Component(id=new_id(), need=need, required=need.target(quantity)) for need in needs])

    def product_ids(self) -> list[str]:
        """Every product whose stock level its commands touch, sorted (the order locks take them in)."""
        return sorted({self.product_id, *(c.product_id for c in self.components)})

    # -- progress, derived from the posted outputs and consumption lines ---------------------------------
    @property
    def produced(self) -> Decimal:
        return sum((output.quantity for output in self.outputs), Decimal(0))

    # -- lifecycle ---------------------------------------------------------------------------------------
    def _change(self, target: WorkOrderStatus, at: datetime, actor: str, reason: str = "",
                table: Mapping[WorkOrderStatus, Transition[WorkOrderStatus]] = TRANSITIONS) -> None:
        change_status(self, target, table, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def release(self, levels: Mapping[str, StockLevel], at: datetime, actor: str) -> None:
        """Release for production, reserving each component as far as stock allows (the rest shows missing)."""
        self._change(_S.RELEASED, at, actor)
        self.reserve_missing(levels, at)

    def _end(self, target: WorkOrderStatus, levels: Mapping[str, StockLevel], at: datetime, actor: str,
             reason: str) -> None:
        """Move to a status that holds nothing and give the open reservations back to stock."""
        still_open = {c.id: self.open_reserved(c) for c in self.components}
        self._change(target, at, actor, reason)
        self._release_open(still_open, levels, at)

    def cancel(self, levels: Mapping[str, StockLevel], at: datetime, actor: str, reason: str = "") -> None:
        """Cancel an order nothing was made or consumed of (W9), releasing its reservations."""
        if self.outputs or self.consumptions:
            raise refuse("WorkOrderHasProduction", f"{self.number} has outputs or consumption; close it instead")
        self._end(_S.CANCELLED, levels, at, actor, reason)

    def close(self, levels: Mapping[str, StockLevel], at: datetime, actor: str, reason: str = "") -> None:
        """Done once the planned quantity is made, else closed short (with a reason): nothing more will be made,
        the open reservations are released, what was made and consumed stays."""
        if self.status is _S.TO_CLOSE:
            self._end(_S.DONE, levels, at, actor, reason)
            return
        if not reason.strip() and self.status in TRANSITIONS[_S.CLOSED_SHORT].sources:
            raise InvalidValue("reason", "closing a work order short needs a reason")
        self._end(_S.CLOSED_SHORT, levels, at, actor, reason)

    # -- outputs -----------------------------------------------------------------------------------------
    def report_output(self, quantity: Decimal, levels: Mapping[str, StockLevel], at: datetime, actor: str, *,
                      consumed: Mapping[str, Decimal] | None = None) -> Output:
        """Put `quantity` good units into stock and consume their components: backflushed (W4) unless `consumed`
        (by product id) says what was actually used (W3). Checked whole before anything moves."""
        if self.status not in OPEN:
            raise refuse("WorkOrderMustBeReleased", f"{self.number} is {self.status}; outputs are reported only "
                         "on a released or started work order")
        if quantity <= 0:
            raise InvalidValue("quantity", "must be greater than zero")
        check_decimals(quantity, self.output_decimals, "quantity")
        limit = self.quantity * (1 + self.overproduction_percent / 100)
        if self.produced + quantity > limit:
            raise refuse("CannotProduceMoreThanTolerated",
                         f"{self.number}: {self.quantity} planned, {self.produced} made, {quantity} more reported; "
                         f"the tolerance is {self.overproduction_percent}%")
        expected = {c.id: consume_now(self._target(c, self.produced + quantity), self.consumed(c))
                    for c in self.components}
        planned = reported(self.components, expected, consumed)
        deviations = judge(self.consumption, planned, self.number)
        planned = covered(planned, {c.id: self.open_reserved(c) for c in self.components}, levels, self.number)
        output_id = new_id()
        reference = f"{self.number}/{len(self.outputs) + 1}"
        consumed_now = issue(planned, output_id, reference, levels, Currency.of(self.currency), at, actor)
        self.consumptions += consumed_now
        component_value = sum((line.value for line in consumed_now), Decimal(0))
        cost = output_cost(component_value=component_value, labour_cost=self.labour_cost,
                           labour_basis=self.labour_basis, overhead_per_unit=self.overhead_per_unit,
                           made_before=self.produced, making=quantity, currency=Currency.of(self.currency))
        levels[self.product_id].produce(quantity, cost.value, reference, at, actor,
                                        currency=Currency.of(self.currency))
        output = Output(id=output_id, reference=reference, quantity=quantity, component_value=component_value,
                        labour_value=cost.labour_value, overhead_value=cost.overhead_value, value=cost.value,
                        unit_cost=cost.unit_cost(quantity), at=at, actor=actor)
        self.outputs.append(output)
        self._record_deviations(output_id, deviations, at, actor)
        self.events.append(OutputReported(
            aggregate_id=self.id, occurred_at=at, number=self.number, reference=reference,
            product_id=self.product_id, warehouse_id=self.warehouse_id, quantity=quantity,
            component_value=component_value, labour_value=cost.labour_value, overhead_value=cost.overhead_value,
            value=cost.value, unit_cost=output.unit_cost, currency=self.currency, actor=actor))
        target = _S.TO_CLOSE if self.produced >= self.quantity else _S.IN_PROGRESS
        if target is not self.status:
            self._change(target, at, actor, f"output {reference}", table=PROGRESS)
        return output

    def _target(self, component: Component, made: Decimal) -> Decimal:
        """What making `made` takes of a component: by the BOM, or a share of what was transferred when the order
        backflushes by transferred quantities and some was."""
        transferred = self.transferred(component)
        if self.backflush is BackflushBasis.TRANSFERRED and transferred > 0:
            return transferred_target(transferred, self.quantity, made, component.need.decimals)
        return component.need.target(made)

    def _record_deviations(self, output_id: str, deviations: Sequence[Planned], at: datetime, actor: str) -> None:
        for p in deviations:
            self.deviations.append(Deviation(output_id=output_id, product_id=p.component.product_id,
                                             expected=p.expected, actual=p.actual))
            self.events.append(ConsumptionDeviated(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                   product_id=p.component.product_id, expected=p.expected,
                                                   actual=p.actual, actor=actor))

    def subassemblies(self) -> list[Component]:
        """The components a child work order makes (stocked sub-assemblies)."""
        return [c for c in self.components if c.need.kind is ComponentKind.SUBASSEMBLY]
