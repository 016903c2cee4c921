"""The domain rules end to end through `oms.bootstrap()` with the in-memory adapters and a fixed clock."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

import oms


def ledger(system: oms.OrderManagement, sku: str) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """{warehouse id: (on_hand, reserved, sum of movements)}."""
    movements = system.movements(sku)
    return {level.warehouse_id: (level.on_hand, level.reserved,
                                 sum((m.quantity for m in movements if m.warehouse_id == level.warehouse_id),
                                     Decimal(0)))
            for level in system.stock(sku)}


def test_the_daily_job_expires_open_quotations_past_their_validity_and_nothing_else(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    today = clock.now().date()
    line = (oms.LineInput(sku="P1", quantity=1),)
    sent = system.handle(oms.CreateQuotation(customer_code="C", branch_code="HQ", lines=line,
                                             valid_until=today + timedelta(days=1)))
    system.handle(oms.SendQuotation(quotation_id=sent))
    draft = system.handle(oms.CreateQuotation(customer_code="C", branch_code="HQ", lines=line,
                                              valid_until=today + timedelta(days=1)))
    accepted = system.handle(oms.CreateQuotation(customer_code="C", branch_code="HQ", lines=line,
                                                 valid_until=today + timedelta(days=1)))
    system.handle(oms.SendQuotation(quotation_id=accepted))
    system.handle(oms.AcceptQuotation(quotation_id=accepted))
    still_valid = system.handle(oms.CreateQuotation(customer_code="C", branch_code="HQ", lines=line,
                                                    valid_until=today + timedelta(days=2)))

    on_last_day = system.handle(oms.ExpireQuotations())
    clock.advance(timedelta(days=2))
    day_after = system.handle(oms.ExpireQuotations())

    assert on_last_day == []
    assert sorted(day_after) == sorted([system.quotation(sent).number, system.quotation(draft).number])
    statuses = [system.quotation(ref).status for ref in (sent, draft, accepted, still_valid)]
    assert statuses == [oms.QuotationStatus.EXPIRED, oms.QuotationStatus.EXPIRED, oms.QuotationStatus.ACCEPTED,
                        oms.QuotationStatus.DRAFT]
    assert system.quotation(sent).history[-1].at == clock.now()


def test_an_accepted_quotation_becomes_a_sales_order_with_exactly_its_prices(system: oms.OrderManagement) -> None:
    quotation_id = system.handle(oms.CreateQuotation(
        customer_code="C", branch_code="HQ", tax_rounding=oms.TaxRounding.GLOBAL,
        order_discount=oms.Discount.amount("1.00"),
        lines=(oms.LineInput(sku="P1", quantity=3, unit_price="1.76"),
               oms.LineInput(sku="P2", quantity=1, discount=oms.Discount.percent("12.5")))))
    system.handle(oms.SendQuotation(quotation_id=quotation_id))
    system.handle(oms.AcceptQuotation(quotation_id=quotation_id))

    order_id = system.handle(oms.ConvertQuotation(quotation_id=quotation_id))

    quotation, order = system.quotation(quotation_id), system.sales_order(order_id)
    assert (quotation.status, quotation.sales_order_id) == (oms.QuotationStatus.CONVERTED, order_id)
    assert (order.status, order.quotation_id) == (oms.SalesOrderStatus.DRAFT, quotation_id)
    assert [(line.net, line.tax, line.total) for line in order.lines] == [
        (line.net, line.tax, line.total) for line in quotation.lines]
    assert (order.net_total, order.tax_total, order.grand_total) == (
        quotation.net_total, quotation.tax_total, quotation.grand_total)


def test_an_order_shipped_in_two_goods_issues_leaves_on_hand_equal_to_the_movements(
        system: oms.OrderManagement) -> None:
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity=3))
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="B", quantity=10))
    order_id = system.handle(oms.CreateSalesOrder(customer_code="C", branch_code="HQ",
                                                  lines=(oms.LineInput(sku="P1", quantity=5),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    line_id = system.sales_order(order_id).lines[0].id

    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="A",
                                 lines=(oms.IssueLine(line_id=line_id, quantity=3),)))
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="B",
                                 lines=(oms.IssueLine(line_id=line_id, quantity=2),)))
    system.handle(oms.CompleteSalesOrder(order_id=order_id))

    assert sorted(ledger(system, "P1").values()) == [(Decimal(0), Decimal(0), Decimal(0)),
                                                     (Decimal(8), Decimal(0), Decimal(8))]
    order = system.sales_order(order_id)
    assert order.status is oms.SalesOrderStatus.COMPLETED
    assert [change.to_status for change in order.history] == ["confirmed", "partially_issued", "issued", "completed"]


def test_a_refused_confirmation_reserves_nothing(system: oms.OrderManagement) -> None:
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity=5))
    order_id = system.handle(oms.CreateSalesOrder(
        customer_code="C", branch_code="HQ",
        lines=(oms.LineInput(sku="P1", quantity=3), oms.LineInput(sku="P1", quantity=3))))

    with pytest.raises(oms.BusinessRuleViolation) as error:
        system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    assert error.value.rule == "StockMustBeAvailable"
    assert system.sales_order(order_id).status is oms.SalesOrderStatus.DRAFT
    assert all(level.reserved == 0 for level in system.stock("P1"))


def test_cancelling_a_backordered_order_frees_its_stock_for_the_next_one(system: oms.OrderManagement) -> None:
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity=4))
    first = system.handle(oms.CreateSalesOrder(customer_code="C", branch_code="HQ", allow_backorder=True,
                                               lines=(oms.LineInput(sku="P1", quantity=6),)))
    system.handle(oms.ConfirmSalesOrder(order_id=first))
    second = system.handle(oms.CreateSalesOrder(customer_code="C", branch_code="HQ",
                                                lines=(oms.LineInput(sku="P1", quantity=4),)))

    system.handle(oms.CancelSalesOrder(order_id=first, reason="customer cancelled"))
    system.handle(oms.ConfirmSalesOrder(order_id=second))

    assert system.sales_order(second).status is oms.SalesOrderStatus.CONFIRMED
    assert sorted((level.on_hand, level.reserved, level.available) for level in system.stock("P1")) == [
        (Decimal(0), Decimal(0), Decimal(0)), (Decimal(4), Decimal(4), Decimal(0))]
