"""Reorder rules: set the minimum, maximum and multiple of a product in a warehouse (one rule each; setting it again
changes it)."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.commands import Command, Handlers
from oms.domain.procurement.planning import ReorderRule
from oms.domain.shared.errors import refuse
from oms.domain.shared.money import to_decimal
from oms.ports.procurement.planning import PlanningUnitOfWork
from oms.ports.shared.clock import Clock


def _minimum(value: object) -> Decimal:
    return to_decimal(value, "minimum")


def _maximum(value: object) -> Decimal:
    return to_decimal(value, "maximum")


def _multiple(value: object) -> Decimal:
    return to_decimal(value, "multiple")


@frozen(kw_only=True)
class SetReorderRule(Command[str]):
    """Keep the stock of a product in a warehouse between `minimum` and `maximum`: when its projected stock falls
    below the minimum, what to buy proposes enough to reach the maximum, in multiples of `multiple`. Creates the
    product's rule in the warehouse or changes it; returns its id."""

    sku: str
    warehouse_code: str
    minimum: Decimal = field(converter=_minimum)
    maximum: Decimal = field(converter=_maximum)
    multiple: Decimal = field(default=Decimal(1), converter=_multiple)
    active: bool = True


def set_reorder_rule(cmd: SetReorderRule, uow: PlanningUnitOfWork, clock: Clock) -> str:
    product = product_by_sku(uow, cmd.sku, "sku")
    if not product.kind.tracks_stock:
        raise refuse("ProductMustBeStocked", f"{cmd.sku} is a {product.kind} product; its stock is not counted")
    warehouse = warehouse_by_code(uow, cmd.warehouse_code, "warehouse_code")
    for name in ("minimum", "maximum", "multiple"):
        product.unit.check(getattr(cmd, name), name)
    rule = uow.planning.rules.find(product.id, warehouse.id)
    if rule is None:
        rule = ReorderRule.create(product_id=product.id, warehouse_id=warehouse.id, minimum=cmd.minimum,
                                  maximum=cmd.maximum, multiple=cmd.multiple, active=cmd.active, at=clock.now(),
                                  actor=cmd.actor)
        uow.planning.rules.add(rule)
    else:
        rule.change(minimum=cmd.minimum, maximum=cmd.maximum, multiple=cmd.multiple, active=cmd.active,
                    at=clock.now(), actor=cmd.actor)
    return rule.id


HANDLERS: Handlers = {SetReorderRule: set_reorder_rule}
