"""Demo data and a walk through the sales flow, through the public Python API only."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import oms


def load_demo_data(system: oms.OrderManagement) -> None:
    """Two branches, three warehouses, tax rates, a few products in several tax categories, customers, stock."""
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateBranch(code="MUC", name="Munich", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-MAIN", name="Berlin main", branch_code="BER", priority=10))
    handle(oms.CreateWarehouse(code="BER-OVERFLOW", name="Berlin overflow", branch_code="BER", priority=20))
    handle(oms.CreateWarehouse(code="MUC-MAIN", name="Munich main", branch_code="MUC", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    products = [
        ("DESK-OAK", "Oak desk", "349.00", oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD),
        ("CHAIR-ERGO", "Ergonomic chair", "189.90", oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD),
        ("BOOK-DESIGN", "Office design handbook", "24.50", oms.ProductKind.STOCKED, oms.TaxCategory.REDUCED),
        ("COFFEE-1KG", "Coffee beans 1 kg", "18.99", oms.ProductKind.CONSUMABLE, oms.TaxCategory.REDUCED),
        ("ASSEMBLY", "Assembly service", "45.00", oms.ProductKind.SERVICE, oms.TaxCategory.STANDARD),
    ]
    for sku, name, price, kind, category in products:
        handle(oms.CreateProduct(sku=sku, name=name, price=price, currency="EUR", kind=kind, tax_category=category))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH", email="buyer@acme.example",
                              shipping_address=oms.Address(city="Berlin", country="DE")))
    handle(oms.CreateCustomer(code="UNI-BERLIN", name="University of Berlin", tax_exempt=True,
                              tax_exemption_reference="DE-EXEMPT-2026-17"))
    for sku, warehouse, quantity in [("DESK-OAK", "BER-MAIN", 8), ("DESK-OAK", "BER-OVERFLOW", 20),
                                     ("CHAIR-ERGO", "BER-MAIN", 40), ("BOOK-DESIGN", "BER-MAIN", 100),
                                     ("DESK-OAK", "MUC-MAIN", 5)]:
        handle(oms.ReceiveStock(sku=sku, warehouse_code=warehouse, quantity=quantity, reference="opening stock"))


def walk_through(system: oms.OrderManagement, echo: Callable[[str], None]) -> str:
    """Quotation -> sales order -> confirmation -> two goods issues -> completion. Returns the order number."""
    handle = system.handle
    quotation_id = handle(oms.CreateQuotation(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.percent("5"),
        lines=(oms.LineInput(sku="DESK-OAK", quantity="10"),
               oms.LineInput(sku="CHAIR-ERGO", quantity="10", discount=oms.Discount.percent("10")),
               oms.LineInput(sku="ASSEMBLY", quantity="4"))))
    quotation = system.quotation(quotation_id)
    echo(f"{quotation.number}: {len(quotation.lines)} lines, net {quotation.net_total}, "
         f"tax {quotation.tax_total}, total {quotation.grand_total} {quotation.currency}")
    handle(oms.SendQuotation(quotation_id=quotation_id))
    handle(oms.AcceptQuotation(quotation_id=quotation_id))
    order_id = handle(oms.ConvertQuotation(quotation_id=quotation_id))
    order = system.sales_order(order_id)
    echo(f"{quotation.number} accepted and converted into {order.number} (total {order.grand_total})")
    handle(oms.ConfirmSalesOrder(order_id=order_id))
    order = system.sales_order(order_id)
    for reservation in order.reservations:
        line = order.line(reservation.line_id)
        echo(f"  reserved {reservation.quantity} x {line.sku}")
    desk, chair = order.lines[0], order.lines[1]
    first = handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-MAIN",
                                  lines=(oms.IssueLine(line_id=desk.id, quantity="8"),
                                         oms.IssueLine(line_id=chair.id, quantity="10"))))
    echo(f"{first}: shipped 8 desks and 10 chairs; {order.number} is {system.sales_order(order_id).status}")
    second = handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-OVERFLOW",
                                   lines=(oms.IssueLine(line_id=desk.id, quantity="2"),)))
    echo(f"{second}: shipped the other 2 desks; {order.number} is {system.sales_order(order_id).status}")
    handle(oms.CompleteSalesOrder(order_id=order_id))
    order = system.sales_order(order_id)
    echo(f"{order.number} is {order.status}; audit trail:")
    for change in order.history:
        echo(f"  {change.at:%Y-%m-%d %H:%M} {change.actor}: {change.from_status} -> {change.to_status}")
    levels = ", ".join(f"{level.on_hand} on hand" for level in system.stock("DESK-OAK"))
    echo(f"DESK-OAK stock now: {levels}")
    assert order.grand_total > Decimal(0)
    return order.number
