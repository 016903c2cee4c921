"""Bill of materials use cases: create a revision of a product's BOM (active at once unless told), activate
another revision. Components are named by SKU; a requirement is rounded to the decimals of the component's unit."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku
from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.products import Product
from oms.domain.production.boms import (
    BillOfMaterials,
    BomLine,
    ComponentKind,
    ConsumptionMode,
    Operation,
    activate,
    check_no_cycle,
)
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import to_decimal
from oms.ports.production.repositories import ProductionUnitOfWork
from oms.ports.shared.clock import Clock


def _quantity(value: object) -> Decimal:
    return to_decimal(value, "quantity")


def _scrap(value: object) -> Decimal:
    return to_decimal(value, "scrap_percent")


def _hours(value: object) -> Decimal:
    return to_decimal(value, "hours")


def _rate(value: object) -> Decimal:
    return to_decimal(value, "rate")


def _overhead(value: object) -> Decimal:
    return to_decimal(value, "overhead_per_unit")


@frozen(kw_only=True)
class ComponentInput:
    sku: str
    quantity: Decimal = field(converter=_quantity)
    scrap_percent: Decimal = field(default=Decimal(0), converter=_scrap)
    kind: ComponentKind = ComponentKind.NORMAL


@frozen(kw_only=True)
class OperationInput:
    name: str
    hours: Decimal = field(converter=_hours)
    rate: Decimal = field(converter=_rate)


@frozen(kw_only=True)
class CreateBom(Command[str]):
    """A new revision of the BOM of product `sku`: it makes `output_quantity` from the components, with the
    operations' labour and an overhead per unit made. Active at once (the product's other revisions stop being
    active) unless `activate` is false. Returns the BOM's id."""

    sku: str
    components: tuple[ComponentInput, ...]
    output_quantity: Decimal = field(default=Decimal(1), converter=_quantity)
    operations: tuple[OperationInput, ...] = ()
    overhead_per_unit: Decimal = field(default=Decimal(0), converter=_overhead)
    consumption: ConsumptionMode = ConsumptionMode.STRICT
    activate: bool = True


@frozen(kw_only=True)
class ActivateBomVersion(Command[None]):
    """Make revision `revision` of the BOM of product `sku` the active one."""

    sku: str
    revision: int


def _line(uow: ProductionUnitOfWork, product: Product, component: ComponentInput, index: int) -> BomLine:
    part = product_by_sku(uow, component.sku, f"components[{index}].sku")
    if not part.kind.tracks_stock and component.kind is not ComponentKind.PHANTOM:  # a kit is never in stock
        raise refuse("ComponentMustBeStocked", f"{part.sku} is {part.kind}: only stocked products are components")
    try:
        return BomLine(product_id=part.id, sku=part.sku, quantity=component.quantity, decimals=part.unit.decimals,
                       scrap_percent=component.scrap_percent, kind=component.kind)
    except InvalidValue as error:
        raise InvalidValue(f"components[{index}].{error.field}", error.detail) from None


def _operation(operation: OperationInput, index: int) -> Operation:
    try:
        return Operation(name=operation.name, hours=operation.hours, rate=operation.rate)
    except InvalidValue as error:
        raise InvalidValue(f"operations[{index}].{error.field}", error.detail) from None


def create_bom(cmd: CreateBom, uow: ProductionUnitOfWork, clock: Clock) -> str:
    product = product_by_sku(uow, cmd.sku, "sku")
    if not product.kind.ships:  # goods only: a stocked product, or a kit (a consumable never kept in stock)
        raise refuse("ProductMustBeGoods", f"{product.sku} is a service: services are not made from materials")
    revisions = uow.production.boms.revisions(product.id)
    revision = max((b.revision for b in revisions), default=0) + 1
    bom = BillOfMaterials(
        id=new_id(), product_id=product.id, sku=product.sku, revision=revision,
        output_quantity=product.unit.check(cmd.output_quantity, "output_quantity"),
        output_decimals=product.unit.decimals,
        lines=[_line(uow, product, component, index) for index, component in enumerate(cmd.components)],
        operations=[_operation(op, index) for index, op in enumerate(cmd.operations)],
        overhead_per_unit=cmd.overhead_per_unit, consumption=cmd.consumption)
    check_no_cycle(bom, uow.production.boms.active)
    if cmd.activate:
        activate(bom, revisions)
    uow.production.boms.add(bom)
    return bom.id


def bom_revision(uow: ProductionUnitOfWork, sku: str, revision: int | None = None,
                 field_name: str | None = "sku") -> BillOfMaterials:
    """The product's active BOM, or the revision named; NotFound naming `field_name` (a read by the URL names
    none)."""
    product = product_by_sku(uow, sku, field_name)
    if revision is None:
        found = uow.production.boms.active(product.id)
    else:
        found = next((b for b in uow.production.boms.revisions(product.id) if b.revision == revision), None)
    if found is None:
        raise NotFound("bom", sku if revision is None else f"{sku} revision {revision}", field_name)
    return found


def activate_bom_version(cmd: ActivateBomVersion, uow: ProductionUnitOfWork, clock: Clock) -> None:
    bom = bom_revision(uow, cmd.sku, cmd.revision)
    check_no_cycle(bom, uow.production.boms.active)
    activate(bom, uow.production.boms.revisions(bom.product_id))


HANDLERS: Handlers = {
    CreateBom: create_bom,
    ActivateBomVersion: activate_bom_version,
}
