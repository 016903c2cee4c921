"""Shared by the production integration tests: the TABLE plant of peers.md 2d through the real commands, pictures
of stock, movements and journal to compare across backends, and the production ledger's invariants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import oms
from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.ports.unit_of_work import UnitOfWork

from .integration_helpers import seed_master_data

D = Decimal
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WAREHOUSE = "BER-A"
INVENTORY = "1300"


def plant(uow_factory: Callable[[], UnitOfWork]) -> oms.OrderManagement:
    """The shared master data, and the TABLE of peers.md 2d: 4 LEG, 1 TOP, 8 SCREW (5 % scrap), half an hour at
    30.00; 50 LEG at 5.00, 8 TOP at 40.00 and 1,000 SCREW at 0.10 in BER-A."""
    system = oms.bootstrap(uow_factory=uow_factory, clock=oms.FixedClock(NOW))
    seed_master_data(system)
    add_table(system)
    return system


def add_table(system: oms.OrderManagement) -> None:
    """The TABLE of peers.md 2d, its components and their stock in BER-A, on a system with the shared master data."""
    for sku, cost, stock in (("LEG", "5.00", "50"), ("TOP", "40.00", "8"), ("SCREW", "0.10", "1000")):
        system.handle(oms.CreateProduct(sku=sku, name=sku.title(), price="1.00", currency="EUR"))
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code=WAREHOUSE, quantity=stock, unit_cost=cost))
    system.handle(oms.CreateProduct(sku="TABLE", name="Table", price="150.00", currency="EUR"))
    system.handle(oms.CreateBom(
        sku="TABLE", components=(oms.ComponentInput(sku="LEG", quantity="4"),
                                 oms.ComponentInput(sku="TOP", quantity="1"),
                                 oms.ComponentInput(sku="SCREW", quantity="8", scrap_percent="5")),
        operations=(oms.OperationInput(name="Assemble", hours="0.5", rate="30.00"),)))


def memory() -> Callable[[], UnitOfWork]:
    store = InMemoryStore()
    return lambda: InMemoryUnitOfWork(store)


def released(system: oms.OrderManagement, quantity: str = "10", tolerance: str = "0") -> str:
    return system.handle(oms.CreateWorkOrder(sku="TABLE", quantity=quantity, warehouse_code=WAREHOUSE,
                                             overproduction_percent=tolerance, release=True))


def stock_picture(system: oms.OrderManagement) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """(on hand, reserved, value) of each product made or consumed, all warehouses together."""
    picture = {}
    for sku in ("TABLE", "LEG", "TOP", "SCREW"):
        levels = system.stock(sku)
        picture[sku] = (sum((level.on_hand for level in levels), D(0)),
                        sum((level.reserved for level in levels), D(0)), sum((level.value for level in levels), D(0)))
    return picture


def movements(system: oms.OrderManagement) -> list[tuple[str, str, Decimal, Decimal, str]]:
    return [(sku, str(m.kind), m.quantity, m.value, m.reference) for sku in ("TABLE", "LEG", "TOP", "SCREW")
            for m in system.movements(sku)]


def journal(system: oms.OrderManagement) -> list[tuple[str, list[tuple[str, Decimal, Decimal]]]]:
    with system.bus.uow_factory() as uow:
        return [(entry.description, [(line.account_code, line.debit, line.credit) for line in entry.lines])
                for entry in uow.accounting.journal.entries()]


def check_production_ledger(system: oms.OrderManagement) -> None:
    """Stock never negative; on hand is the sum of the movements, and reserved the open reservations of the work
    orders (no sales order holds any here)."""
    with system.bus.uow_factory() as uow:
        held: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for order in uow.production.work_orders.list():
            for component in order.components:
                held[(component.product_id, order.warehouse_id)] += order.open_reserved(component)
        moved: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for movement in uow.stock.movements():
            moved[(movement.product_id, movement.warehouse_id)] += movement.quantity
        levels = [level for product in uow.masterdata.products.list()
                  for level in uow.stock.for_product(product.id)]
    for level in levels:
        key = (level.product_id, level.warehouse_id)
        assert level.on_hand == moved[key] >= 0, f"on hand of {key} is not the sum of its movements"
        assert level.reserved == held[key], f"reserved of {key} is not the work orders' open reservations"
        assert level.available >= 0, f"{key} went below zero"
