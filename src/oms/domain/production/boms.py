"""Bills of materials: what a product is made of (components, scrap, operations), in revisions of which one is active.

Rules (peers.md 2b W1, W3):
- a BOM makes `output_quantity` of one product from component lines (quantity, the unit's decimals, scrap %) and
  operations (labour hours for the output quantity, at an hourly rate), plus an overhead per unit made;
- a component is normal, a phantom kit (exploded inline into its own BOM's components, recursively) or a stocked
  sub-assembly (made by a child work order, then reserved and consumed as stock);
- a product may have several revisions; exactly one is active at a time: activating one deactivates the others;
- the consumption mode (strict, warning, flexible) says what a reported consumption that differs from the BOM does;
- a BOM whose components lead back to its own product, through any BOM, is refused, naming the cycle.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from attrs import define, field, frozen

from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.items import MAX_QUANTITY, check_unit_price
from oms.domain.shared.money import decimals_of

MAX_DECIMALS = 6


class ConsumptionMode(enum.StrEnum):
    """What a reported consumption that differs from the BOM's does (Odoo's `consumption`)."""

    STRICT = "strict"  # refused
    WARNING = "warning"  # accepted, with a deviation recorded
    FLEXIBLE = "flexible"  # accepted


class ComponentKind(enum.StrEnum):
    NORMAL = "normal"
    PHANTOM = "phantom"  # a kit: its own BOM's components are used instead
    SUBASSEMBLY = "subassembly"  # made by a child work order into stock, then consumed like any component


def _positive(value: Decimal, field_name: str) -> Decimal:
    """A quantity or a number of hours: above zero, at most `MAX_QUANTITY`, with at most `MAX_DECIMALS` decimals
    (what is stored keeps six)."""
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise InvalidValue(field_name, "must be a decimal greater than zero")
    if value > MAX_QUANTITY:
        raise InvalidValue(field_name, f"must not exceed {MAX_QUANTITY}")
    if decimals_of(value.normalize()) > MAX_DECIMALS:
        raise InvalidValue(field_name, f"allows at most {MAX_DECIMALS} decimals")
    return value


@frozen(kw_only=True)
class BomLine:
    """`quantity` of a component per `output_quantity` of the BOM; `decimals`: how many its unit allows (a
    requirement is rounded up to them); `scrap_percent`: the share lost in making, which raises the input."""

    product_id: str
    sku: str
    quantity: Decimal
    decimals: int = 0
    scrap_percent: Decimal = Decimal(0)
    kind: ComponentKind = ComponentKind.NORMAL

    def __attrs_post_init__(self) -> None:
        check_code(self.sku, "sku")
        _positive(self.quantity, "quantity")
        if not 0 <= self.decimals <= MAX_DECIMALS:
            raise InvalidValue("decimals", f"must be between 0 and {MAX_DECIMALS}")
        if not 0 <= self.scrap_percent < 100:
            raise InvalidValue("scrap_percent", "must be at least 0 and below 100")
        if decimals_of(self.scrap_percent.normalize()) > MAX_DECIMALS:
            raise InvalidValue("scrap_percent", f"allows at most {MAX_DECIMALS} decimals")


@frozen(kw_only=True)
class Operation:
    """A step of making the BOM's output quantity: `hours` of labour at `rate` an hour."""

    name: str
    hours: Decimal
    rate: Decimal

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("name", "an operation needs a name")
        _positive(self.hours, "hours")
        check_unit_price(self.rate, "rate")


@define(slots=False, eq=False, kw_only=True)
class BillOfMaterials:
    """One revision of what a product is made of."""

    id: str
    product_id: str
    sku: str
    revision: int
    output_quantity: Decimal
    output_decimals: int = 0
    lines: list[BomLine] = field(factory=list)
    operations: list[Operation] = field(factory=list)
    overhead_per_unit: Decimal = Decimal(0)
    consumption: ConsumptionMode = ConsumptionMode.STRICT
    active: bool = False
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.sku, "sku")
        _positive(self.output_quantity, "output_quantity")
        check_unit_price(self.overhead_per_unit, "overhead_per_unit")
        if not self.lines:
            raise InvalidValue("lines", "a bill of materials needs at least one component")
        for index, line in enumerate(self.lines):
            if line.product_id == self.product_id:
                raise refuse("BomMustNotBeCyclic", f"{self.sku} -> {line.sku}: a product cannot be its own "
                             f"component [lines[{index}]]")

    @property
    def labour_cost(self) -> Decimal:
        """What the operations' labour costs for the output quantity, unrounded."""
        return sum((op.hours * op.rate for op in self.operations), Decimal(0))


def activate(bom: BillOfMaterials, revisions: Iterable[BillOfMaterials]) -> list[BillOfMaterials]:
    """Make `bom` its product's active revision; the others of the same product (in `revisions`) stop being
    active. Returns those it deactivated."""
    deactivated = []
    for other in revisions:
        if other.product_id == bom.product_id and other is not bom and other.id != bom.id and other.active:
            other.active = False
            deactivated.append(other)
    bom.active = True
    return deactivated


def check_no_cycle(bom: BillOfMaterials, active_bom: Callable[[str], BillOfMaterials | None]) -> None:
    """Refuse `bom` if one of its components leads back to its product through the active BOMs of components
    (`active_bom` gives a product's, or None), naming the cycle (TABLE -> LEG-KIT -> TABLE)."""

    def walk(current: BillOfMaterials, path: Sequence[str], seen: frozenset[str]) -> None:
        for line in current.lines:
            trail = [*path, line.sku]
            if line.product_id == bom.product_id or line.product_id in seen:
                raise refuse("BomMustNotBeCyclic", " -> ".join(trail))
            below = active_bom(line.product_id)
            if below is not None:
                walk(below, trail, seen | {line.product_id})

    walk(bom, [bom.sku], frozenset())
