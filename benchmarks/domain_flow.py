"""Benchmark a: the whole sales flow (quotation -> order -> confirm -> goods issue) in memory, on one core."""

from __future__ import annotations

import time

import oms
from benchmarks.report import Row


def seeded_system() -> oms.OrderManagement:
    system = oms.bootstrap()
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-1", name="Main", branch_code="BER", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.CreateCustomer(code="ACME", name="Acme"))
    for sku in ("A", "B", "C"):
        handle(oms.CreateProduct(sku=sku, name=sku, price="12.34", currency="EUR"))
        handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-1", quantity="100000000"))
    return system


def one_flow(system: oms.OrderManagement) -> None:
    handle = system.handle
    quotation_id = handle(oms.CreateQuotation(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.percent("3"),
        lines=tuple(oms.LineInput(sku=sku, quantity="2") for sku in ("A", "B", "C"))))
    handle(oms.SendQuotation(quotation_id=quotation_id))
    handle(oms.AcceptQuotation(quotation_id=quotation_id))
    order_id = handle(oms.ConvertQuotation(quotation_id=quotation_id))
    handle(oms.ConfirmSalesOrder(order_id=order_id))
    order = system.sales_order(order_id)
    handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-1",
                          lines=tuple(oms.IssueLine(line_id=line.id, quantity=line.quantity) for line in order.lines)))


def run(seconds: float) -> list[Row]:
    system = seeded_system()
    for _ in range(20):
        one_flow(system)  # warm up
    flows = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        one_flow(system)
        flows += 1
    elapsed = time.perf_counter() - started
    return [Row(name="a. sales flow in memory (quotation->order->confirm->issue)", figure=flows / elapsed,
                unit="flows/s", note="one thread, 3 lines per document, in-memory adapters")]
