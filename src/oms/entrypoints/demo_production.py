"""The demo's production: an oak table made in Berlin from legs, a top, screws (5 % scrap) and a felt-pad kit
(phantom), assembled in half an hour at 30.00, in two revisions; work orders in every state (the one released last
misses tops); a table made to order for a sales order of Acme's, whose assembly hours are a service order with labour
lines approved, waiting and not billable; and a planning service invoiced by milestones."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import oms

WAREHOUSE = "BER-MAIN"
PHANTOM, CONSUMABLE = oms.ComponentKind.PHANTOM, oms.ProductKind.CONSUMABLE
# sku, name, price, kind, opening stock in BER-MAIN, its unit cost, category
PARTS = (("TABLE", "Oak dining table", "249.00", oms.ProductKind.STOCKED, "0", "0", "furniture"),
         ("LEG", "Oak table leg", "12.00", oms.ProductKind.STOCKED, "200", "5.00", "furniture/parts"),
         ("TOP", "Oak table top", "95.00", oms.ProductKind.STOCKED, "24", "40.00", "furniture/parts"),
         ("SCREW", "Wood screw", "0.25", oms.ProductKind.STOCKED, "2000", "0.10", "hardware/fasteners"),
         ("FELT-PAD", "Felt pad", "0.15", oms.ProductKind.STOCKED, "500", "0.05", "hardware/accessories"),
         ("FELT-KIT", "Felt pad kit", "0.60", CONSUMABLE, "0", "0", "hardware/accessories"))
TABLE_BOM = (oms.ComponentInput(sku="LEG", quantity="4"), oms.ComponentInput(sku="TOP", quantity="1"),
             oms.ComponentInput(sku="SCREW", quantity="8", scrap_percent="5"),
             oms.ComponentInput(sku="FELT-KIT", quantity="1", kind=PHANTOM))
FIRST_REVISION = (oms.ComponentInput(sku="LEG", quantity="4"), oms.ComponentInput(sku="TOP", quantity="1"),
                  oms.ComponentInput(sku="SCREW", quantity="12", scrap_percent="10"))
# quantity, outputs reported, how it ends (close, cancel or stays open), the reason
WORK_ORDERS = (("5", (), "draft", ""), ("8", ("3",), "open", ""), ("4", ("4",), "open", ""),
               ("2", ("2",), "close", ""), ("6", ("2",), "close", "the top supplier stopped delivering"),
               ("3", (), "cancel", "the customer's order was cancelled"),
               ("10", (), "open", ""))  # released last: the tops left do not cover it


def load_demo_production(system: oms.OrderManagement) -> None:
    handle = system.handle
    for sku, name, price, kind, stock, cost, category in PARTS:
        handle(oms.CreateProduct(sku=sku, name=name, price=price, currency="EUR", kind=kind, category=category))
        if stock != "0":
            handle(oms.ReceiveStock(sku=sku, warehouse_code=WAREHOUSE, quantity=stock, unit_cost=cost,
                                    reference="opening stock"))
    handle(oms.CreateBom(sku="FELT-KIT", components=(oms.ComponentInput(sku="FELT-PAD", quantity="4"),)))
    handle(oms.CreateBom(sku="TABLE", components=FIRST_REVISION,
                         operations=(oms.OperationInput(name="Assemble", hours="0.75", rate="30.00"),)))
    handle(oms.CreateBom(sku="TABLE", components=TABLE_BOM,
                         operations=(oms.OperationInput(name="Assemble", hours="0.5", rate="30.00"),)))
    _made_to_order(system)
    for quantity, outputs, end, reason in WORK_ORDERS:
        order_id = handle(oms.CreateWorkOrder(sku="TABLE", quantity=quantity, warehouse_code=WAREHOUSE,
                                              release=end != "draft"))
        for made in outputs:
            handle(oms.ReportOutput(order_id=order_id, quantity=made))
        if end == "close":
            handle(oms.CloseWorkOrder(order_id=order_id, reason=reason))
        elif end == "cancel":
            handle(oms.CancelWorkOrder(order_id=order_id, reason=reason))
    _planning_by_milestones(system)


def _made_to_order(system: oms.OrderManagement) -> None:
    """Acme orders 3 tables (none in stock: backordered, made to order) and 4 hours of assembly on site."""
    handle = system.handle
    order_id = handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", allow_backorder=True, confirm=True,
        customer_reference="demo: made to order", lines=(oms.LineInput(sku="TABLE", quantity="3"),
                                                         oms.LineInput(sku="SVC-ASSEMBLY", quantity="4"))))
    table, assembly = system.sales_order(order_id).lines
    handle(oms.MakeToOrder(order_id=order_id, line_id=table.id, warehouse_code=WAREHOUSE))
    service_id = handle(oms.CreateServiceOrderForLine(order_id=order_id, line_id=assembly.id))
    today = system.bus.clock.now().date()
    start = datetime.combine(today, time(8), tzinfo=system.bus.clock.now().tzinfo)
    handle(oms.ScheduleServiceOrder(order_id=service_id, technician="Jonas Weber", slot_start=start,
                                    slot_end=start + timedelta(hours=4)))
    handle(oms.StartServiceOrder(order_id=service_id))
    for hours, billable, approve in (("2.5", True, True), ("1.5", True, False), ("0.5", False, True)):
        line_id = handle(oms.LogLabour(order_id=service_id, person="Jonas Weber", day=today, hours=hours,
                                       billable=billable))
        if approve:
            handle(oms.ApproveLabour(order_id=service_id, line_id=line_id))


def _planning_by_milestones(system: oms.OrderManagement) -> None:
    handle = system.handle
    order_id = handle(oms.CreateServiceOrder(sku="SVC-PLANNING", policy=oms.ServicePolicy.MILESTONES, quantity="8",
                                             customer_code="CUST-002"))
    survey = handle(oms.AddMilestone(order_id=order_id, name="Site survey", quantity="3"))
    handle(oms.AddMilestone(order_id=order_id, name="Layout plan", quantity="5"))
    handle(oms.ReachMilestone(order_id=order_id, milestone_id=survey))
