"""Demo purchase orders: Berlin's procurement settings (approval from 5,000.00, 5 % over-receipt) and purchase orders
in every state, some with goods receipts and a return to the supplier. Uses the demo's suppliers; while master data
has none, it adds two (WOODWORKS in EUR, STEELCO in USD, with a USD rate)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import oms
from oms.application.procurement.queries import show_purchase_order
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id

BRANCH = "BER"


def _suppliers(system: oms.OrderManagement) -> list[str]:
    """The codes of the active suppliers, oldest first; two made here when there are none."""
    uow = system.uow_factory()
    with uow:
        found = [s.code for s in uow.masterdata.suppliers.list() if s.active]
        if not found:
            uow.masterdata.suppliers.add(Supplier(new_id(), "WOODWORKS", "Woodworks GmbH", "EUR"))
            uow.masterdata.suppliers.add(Supplier(new_id(), "STEELCO", "Steel Co Inc", "USD"))
            rates = uow.masterdata.exchange_rates.on_or_before("USD", "EUR", system.bus.clock.now().date())
            if not rates:
                uow.masterdata.exchange_rates.add(ExchangeRate.new("USD", "EUR", date(2026, 1, 1), "0.92"))
            uow.commit()
            found = ["WOODWORKS", "STEELCO"]
    return found


def load_demo_purchase_orders(system: oms.OrderManagement) -> None:
    handle = system.handle
    suppliers = _suppliers(system)
    handle(oms.SetProcurementSettings(branch_code=BRANCH, approval_threshold="5000.00", over_receipt_percent="5"))

    def create(supplier: str, *lines: tuple[str, str, str]) -> str:
        order_id: str = handle(oms.CreatePurchaseOrder(
            supplier_code=supplier, branch_code=BRANCH, lines=tuple(
                oms.LineInput(sku=sku, quantity=quantity, unit_price=price) for sku, quantity, price in lines)))
        return order_id

    def receive(order_id: str, *quantities: str) -> None:
        order = system.read(show_purchase_order, order_id)
        handle(oms.ReceiveGoods(order_id=order_id, lines=tuple(
            oms.ReceiptLine(line_id=line.id, quantity=quantity)
            for line, quantity in zip(order.lines, quantities, strict=False) if quantity != "0")))

    def place(ref: str, *received: str) -> None:
        handle(oms.PlacePurchaseOrder(order_id=ref))
        if received:
            receive(ref, *received)

    def close(ref: str) -> None:
        place(ref, "12", "5")
        handle(oms.ClosePurchaseOrder(order_id=ref, reason="supplier out of stock"))

    steps: dict[str, Callable[[str], None]] = {
        "draft": lambda ref: None,
        "sent": lambda ref: handle(oms.SendPurchaseOrder(order_id=ref)),
        "ordered": place,
        "partially_received": lambda ref: place(ref, "10", "0"),
        "received": lambda ref: place(ref, "20", "10"),
        "closed": close,
        "cancelled": lambda ref: handle(oms.CancelPurchaseOrder(order_id=ref, reason="ordered twice")),
    }
    for index, (_state, step) in enumerate(steps.items()):
        step(create(suppliers[index % len(suppliers)], ("DESK-OAK", "20", "150.00"), ("CHAIR-ERGO", "10", "75.00")))
    returned = create(suppliers[0], ("CHAIR-ERGO", "8", "70.00"))
    handle(oms.PlacePurchaseOrder(order_id=returned))
    receive(returned, "8")
    line_id = system.read(show_purchase_order, returned).lines[0].id
    handle(oms.ReturnToSupplier(order_id=returned, line_id=line_id, quantity="2", reason="scratched"))
    waiting = create(suppliers[0], ("DESK-OAK", "40", "150.00"))  # 7,140.00 with tax: a manager must approve it
    handle(oms.PlacePurchaseOrder(order_id=waiting))

