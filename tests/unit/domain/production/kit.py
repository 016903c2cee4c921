"""The fixture of peers.md 2d: a TABLE made of 4 LEG, 1 TOP and 8 SCREW (5 % scrap) with half an hour of labour
at 30.00; LEG cost 5.00, TOP 40.00, SCREW 0.10; 50 LEG, 8 TOP and 1,000 SCREW in stock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal

from oms.domain.production.boms import BillOfMaterials, BomLine, ComponentKind, ConsumptionMode, Operation
from oms.domain.production.records import BackflushBasis
from oms.domain.production.requirements import explode
from oms.domain.production.work_orders import WorkOrder
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Currency
from oms.domain.stock.levels import StockLevel

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACTOR = "planner"
EUR = Currency.of("EUR")
WH = "wh-main"
D = Decimal
COSTS = {"LEG": "5.00", "TOP": "40.00", "SCREW": "0.10", "GLUE": "2.00", "RM": "1.00"}
STOCK = {"LEG": 50, "TOP": 8, "SCREW": 1000}


def pid(sku: str) -> str:
    """The product id of a SKU in these tests."""
    return f"p-{sku.lower()}"


def component(sku: str, quantity: str | int, *, scrap: str = "0",
              kind: ComponentKind = ComponentKind.NORMAL) -> BomLine:
    return BomLine(product_id=pid(sku), sku=sku, quantity=D(quantity), scrap_percent=D(scrap), kind=kind)


def bom(sku: str, *lines: BomLine, output: str | int = 1, mode: ConsumptionMode = ConsumptionMode.STRICT,
        labour: tuple[str, str] | None = None, overhead: str = "0", active: bool = True) -> BillOfMaterials:
    operations = [] if labour is None else [Operation(name="Assemble", hours=D(labour[0]), rate=D(labour[1]))]
    return BillOfMaterials(id=new_id(), product_id=pid(sku), sku=sku, revision=1, output_quantity=D(output),
                           lines=list(lines), operations=operations, overhead_per_unit=D(overhead),
                           consumption=mode, active=active)


def table_bom(mode: ConsumptionMode = ConsumptionMode.STRICT) -> BillOfMaterials:
    return bom("TABLE", component("LEG", 4), component("TOP", 1), component("SCREW", 8, scrap="5"), mode=mode,
               labour=("0.5", "30.00"))


def levels(on_hand: Mapping[str, int] = STOCK, skus: Iterable[str] = ("TABLE", "LEG", "TOP", "SCREW")
           ) -> dict[str, StockLevel]:
    """A level per SKU in WH, keyed by product id; `on_hand` arrives as receipts at the SKUs' costs."""
    result = {}
    for sku in {*skus, *on_hand}:
        level = StockLevel(pid(sku), WH)
        if on_hand.get(sku):
            level.receive(D(on_hand[sku]), "opening stock", AT, ACTOR, currency=EUR, unit_cost=D(COSTS[sku]))
        result[pid(sku)] = level
    return result


def no_boms(product_id: str) -> BillOfMaterials | None:
    """No product has a BOM of its own."""
    return None


def work_order(made_by: BillOfMaterials, quantity: str | int | Decimal, *, kits: Iterable[BillOfMaterials] = (),
               overproduction: str = "0", number: str = "WO-000001",
               backflush: BackflushBasis = BackflushBasis.BOM) -> WorkOrder:
    by_product = {b.product_id: b for b in kits}
    return WorkOrder.from_bom(made_by, explode(made_by, by_product.get), id=new_id(), number=number,
                              quantity=D(quantity), warehouse_id=WH, currency="EUR", at=AT,
                              overproduction_percent=D(overproduction), backflush=backflush)


def reserved(order: WorkOrder) -> dict[str, Decimal]:
    return {c.sku: order.open_reserved(c) for c in order.components}


def missing(order: WorkOrder) -> dict[str, Decimal]:
    return {c.sku: order.missing(c) for c in order.components}


def on_hand(stock: Mapping[str, StockLevel]) -> dict[str, Decimal]:
    return {level.product_id.removeprefix("p-").upper(): level.on_hand for level in stock.values()}
