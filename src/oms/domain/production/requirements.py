"""What a work order needs of each component (W1), and how much each output consumes of it (W4).

- requirement = line quantity x (work order quantity / BOM output quantity) / (1 - scrap %), rounded UP to the
  component unit's decimals: 8 SCREW a TABLE with 5 % scrap, for 10 TABLEs: 8 x 10 / 0.95 = 84.21 -> 85;
- a phantom kit is exploded inline: its own BOM's lines, for the kit quantity needed (unrounded), recursively;
  the factors multiply and are rounded once, at the leaf;
- a sub-assembly stays a component (a child work order makes it);
- the same product reached by several lines is one requirement;
- backflush is cumulative: what an output consumes is the target for the cumulative output less what was consumed
  already, so partial outputs sum exactly to the total (never 110 + 1 for 110: ERPNext PR #29419).
The factor per unit made is kept as an exact fraction, so no product of decimals rounds 40 into 40.000...01.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from attrs import frozen

from oms.domain.production.boms import BillOfMaterials, BomLine, ComponentKind
from oms.domain.shared.errors import refuse

HUNDRED = Fraction(100)


def round_up(quantity: Fraction, decimals: int) -> Decimal:
    """The smallest decimal with `decimals` places not below `quantity`."""
    scale = 10 ** decimals
    whole = -((-quantity.numerator * scale) // quantity.denominator)  # ceiling division
    return Decimal(whole).scaleb(-decimals)


def line_factor(line: BomLine, output_quantity: Decimal) -> Fraction:
    """Component units per unit made: quantity / output quantity / (1 - scrap %)."""
    return (Fraction(line.quantity) / Fraction(output_quantity)
            / ((HUNDRED - Fraction(line.scrap_percent)) / HUNDRED))


@frozen(kw_only=True)
class Need:
    """A component of the work order: how many of it one unit made takes (exactly), and its unit's decimals."""

    product_id: str
    sku: str
    per_unit: Fraction
    decimals: int
    kind: ComponentKind

    def target(self, made: Decimal) -> Decimal:
        """What making `made` units takes in all, rounded up to the unit's decimals."""
        return round_up(self.per_unit * Fraction(made), self.decimals) if made > 0 else Decimal(0)


def explode(bom: BillOfMaterials, active_bom: Callable[[str], BillOfMaterials | None]) -> list[Need]:
    """The components of one unit of `bom`'s product, phantom kits replaced by their BOMs' lines, in the order of
    the lines; a kit without an active BOM is refused (PhantomKitNeedsBom)."""
    needs: dict[str, Need] = {}

    def add(current: BillOfMaterials, factor: Fraction, depth: int) -> None:
        if depth > 32:
            raise refuse("BomMustNotBeCyclic", f"kits nested deeper than 32 levels under {bom.sku}")
        for line in current.lines:
            per_unit = factor * line_factor(line, current.output_quantity)
            if line.kind is ComponentKind.PHANTOM:
                kit = active_bom(line.product_id)
                if kit is None:
                    raise refuse("PhantomKitNeedsBom", f"{line.sku} is a kit of {current.sku} without an active BOM")
                add(kit, per_unit, depth + 1)
                continue
            known = needs.get(line.product_id)
            if known is not None:
                per_unit += known.per_unit
            needs[line.product_id] = Need(product_id=line.product_id, sku=line.sku, per_unit=per_unit,
                                          decimals=line.decimals if known is None else known.decimals,
                                          kind=line.kind if known is None else known.kind)

    add(bom, Fraction(1), 0)
    return list(needs.values())


def transferred_target(total: Decimal, planned: Decimal, made: Decimal, decimals: int) -> Decimal:
    """What making `made` of `planned` units takes of `total` transferred for them: round_up(total x made / planned),
    all of it once the planned quantity is made (never more: nothing beyond what was transferred is backflushed)."""
    if made >= planned:
        return total
    return round_up(Fraction(total) * Fraction(made) / Fraction(planned), decimals)


def consume_now(target: Decimal, consumed: Decimal) -> Decimal:
    """What an output consumes: the target for the cumulative output (by the BOM, or a share of what was
    transferred) less what was consumed already, never below zero (W4). Partial outputs thus sum to the target
    exactly: 110 transferred for 100, finished 90 then 10, is 99 + 11; by the BOM it is 90 + 10."""
    return max(target - consumed, Decimal(0))
