"""The sales flow through the use cases: quotation -> order -> reservation -> goods issue -> completion."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

import oms


def order_for(system: oms.OrderManagement, *lines: tuple[str, str], customer: str = "ACME",
              allow_backorder: bool = False) -> str:
    return system.handle(oms.CreateSalesOrder(
        customer_code=customer, branch_code="BER", allow_backorder=allow_backorder,
        lines=tuple(oms.LineInput(sku=sku, quantity=quantity) for sku, quantity in lines)))


def reserved_by_warehouse(system: oms.OrderManagement, order_id: str) -> dict[str, Decimal]:
    order = system.sales_order(order_id)
    with system.uow_factory().reading() as uow:
        codes = {w.id: w.code for w in uow.masterdata.warehouses.list()}
    result: dict[str, Decimal] = {}
    for reservation in order.reservations:
        code = codes[reservation.warehouse_id]
        result[code] = result.get(code, Decimal(0)) + reservation.open
    return result


def test_an_accepted_quotation_becomes_an_order_with_the_same_lines_and_totals(system: oms.OrderManagement) -> None:
    quotation_id = system.handle(oms.CreateQuotation(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.amount("10.00"),
        lines=(oms.LineInput(sku="DESK", quantity="2"), oms.LineInput(sku="BOOK", quantity="3"))))
    system.handle(oms.SendQuotation(quotation_id=quotation_id))
    system.handle(oms.AcceptQuotation(quotation_id=quotation_id))

    order_id = system.handle(oms.ConvertQuotation(quotation_id=quotation_id))

    quotation, order = system.quotation(quotation_id), system.sales_order(order_id)
    assert quotation.status is oms.QuotationStatus.CONVERTED
    assert quotation.sales_order_id == order_id
    assert order.quotation_id == quotation_id
    assert [(line.sku, line.quantity, line.net, line.tax) for line in order.lines] == [
        (line.sku, line.quantity, line.net, line.tax) for line in quotation.lines]
    assert (order.net_total, order.tax_total, order.grand_total) == (
        quotation.net_total, quotation.tax_total, quotation.grand_total)
    # 200 + 60 = 260 net before the 10.00 discount: shares 7.69 (desk) and 2.31 (book)
    assert order.net_total == Decimal("250.00")
    assert order.tax_total == Decimal("36.54") + Decimal("4.04")


def test_confirming_an_order_reserves_stock_in_warehouse_priority_order(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "7"))

    system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    assert system.sales_order(order_id).status is oms.SalesOrderStatus.CONFIRMED
    assert reserved_by_warehouse(system, order_id) == {"BER-1": Decimal(5), "BER-2": Decimal(2)}


def test_an_order_that_cannot_be_fully_reserved_is_refused_and_reserves_nothing(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "10"), ("DESK", "6"))

    with pytest.raises(oms.BusinessRuleViolation) as refused:
        system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    assert refused.value.rule == "StockMustBeAvailable"
    assert "16 needed, 15 available" in refused.value.detail
    assert system.sales_order(order_id).status is oms.SalesOrderStatus.DRAFT
    assert all(level.reserved == 0 for level in system.stock("DESK"))


def test_a_backorder_reserves_what_there_is_and_the_rest_when_stock_arrives(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "20"), allow_backorder=True)
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="8"))

    reserved = system.handle(oms.ReserveBackorders(order_id=order_id))

    assert reserved == Decimal(5)
    assert reserved_by_warehouse(system, order_id) == {"BER-1": Decimal(10), "BER-2": Decimal(10)}
    assert sum(level.available for level in system.stock("DESK")) == Decimal(3)


def test_partial_goods_issues_complete_an_order_line_by_line(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "7"), ("BAG", "2"), ("FIT", "1"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    desk, bag, _ = system.sales_order(order_id).lines

    first = system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-1", lines=(
        oms.IssueLine(line_id=desk.id, quantity="5"), oms.IssueLine(line_id=bag.id, quantity="2"))))
    status_after_first = system.sales_order(order_id).status
    second = system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-2",
                                          lines=(oms.IssueLine(line_id=desk.id, quantity="2"),)))
    system.handle(oms.CompleteSalesOrder(order_id=order_id))

    order = system.sales_order(order_id)
    assert (first, second) == ("GI-000001", "GI-000002")
    assert status_after_first is oms.SalesOrderStatus.PARTIALLY_ISSUED
    assert order.status is oms.SalesOrderStatus.COMPLETED
    assert [entry.to_status for entry in order.history] == ["confirmed", "partially_issued", "issued", "completed"]
    assert sorted(str(level.on_hand) for level in system.stock("DESK")) == ["0", "8"]
    assert all(level.reserved == 0 for level in system.stock("DESK"))
    assert sorted(str(m.quantity) for m in system.movements("DESK") if m.kind is oms.MovementKind.ISSUE) == [
        "-2", "-5"]


def test_goods_cannot_be_issued_from_another_branchs_warehouse(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "1"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    line_id = system.sales_order(order_id).lines[0].id

    with pytest.raises(oms.BusinessRuleViolation) as refused:
        system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="MUC-1",
                                     lines=(oms.IssueLine(line_id=line_id, quantity="1"),)))

    assert refused.value.rule == "WarehouseMustBelongToBranch"


def test_cancelling_a_confirmed_order_releases_its_reservations(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "12"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    system.handle(oms.CancelSalesOrder(order_id=order_id, reason="customer changed their mind", actor="alice"))

    order = system.sales_order(order_id)
    assert order.status is oms.SalesOrderStatus.CANCELLED
    assert order.history[-1].actor == "alice"
    assert order.history[-1].reason == "customer changed their mind"
    assert all(level.reserved == 0 for level in system.stock("DESK"))
    assert sum(r.open for r in order.reservations) == 0


def test_a_tax_exempt_customer_pays_no_tax(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "1"), ("BOOK", "1"), customer="UNI")

    order = system.sales_order(order_id)

    assert (order.net_total, order.tax_total, order.grand_total) == (
        Decimal("120.00"), Decimal("0.00"), Decimal("120.00"))


def test_a_command_with_one_bad_line_writes_nothing(system: oms.OrderManagement) -> None:
    with pytest.raises(oms.NotFound):
        system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
            oms.LineInput(sku="DESK", quantity="1"), oms.LineInput(sku="NO-SUCH-SKU", quantity="1"))))

    assert system.bus.uow_factory().sales.orders.list() == []


def test_the_daily_job_expires_quotations_past_their_validity(system: oms.OrderManagement,
                                                              clock: oms.FixedClock) -> None:
    old = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER",
                                            lines=(oms.LineInput(sku="DESK", quantity="1"),)))
    system.handle(oms.SendQuotation(quotation_id=old))
    clock.advance(timedelta(days=20))
    young = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))
    clock.advance(timedelta(days=11))

    expired = system.handle(oms.ExpireQuotations())

    assert expired == [system.quotation(old).number]
    assert system.quotation(old).status is oms.QuotationStatus.EXPIRED
    assert system.quotation(young).status is oms.QuotationStatus.DRAFT


def test_a_revision_supersedes_the_quotation_and_copies_its_lines(system: oms.OrderManagement) -> None:
    quotation_id = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER",
                                                     lines=(oms.LineInput(sku="DESK", quantity="2"),)))
    system.handle(oms.SendQuotation(quotation_id=quotation_id))

    revision_id = system.handle(oms.ReviseQuotation(quotation_id=quotation_id))

    original, revision = system.quotation(quotation_id), system.quotation(revision_id)
    assert original.status is oms.QuotationStatus.SUPERSEDED
    assert original.superseded_by == revision_id
    assert (revision.number, revision.revision, revision.status) == ("Q-000001-R2", 2, oms.QuotationStatus.DRAFT)
    assert [(line.sku, line.quantity) for line in revision.lines] == [("DESK", Decimal(2))]
    assert revision.lines[0].id != original.lines[0].id


def test_documents_are_found_by_number_as_well_as_by_id(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "1"))

    system.handle(oms.ConfirmSalesOrder(order_id="SO-000001"))

    assert system.sales_order("SO-000001").id == order_id
    assert system.sales_order(order_id).status is oms.SalesOrderStatus.CONFIRMED


def test_an_order_records_its_events_in_the_outbox(system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "1"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    names = [event.name for event in system.events(order_id)]

    assert names == ["DocumentCreated", "StockReserved", "StatusChanged"]


def test_a_partially_issued_order_is_closed_short_with_a_reason_releasing_the_rest(
        system: oms.OrderManagement) -> None:
    order_id = order_for(system, ("DESK", "7"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    line_id = system.sales_order(order_id).lines[0].id
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-1",
                                 lines=(oms.IssueLine(line_id=line_id, quantity="5"),)))

    with pytest.raises(oms.InvalidValue) as no_reason:
        system.handle(oms.CompleteSalesOrder(order_id=order_id))
    system.handle(oms.CompleteSalesOrder(order_id=order_id, reason="customer cancelled the rest"))

    order = system.sales_order(order_id)
    assert no_reason.value.field == "reason"
    assert order.status is oms.SalesOrderStatus.COMPLETED
    assert order.history[-1].reason == "customer cancelled the rest"
    assert all(level.reserved == 0 for level in system.stock("DESK"))
    assert order.lines[0].quantity_issued == Decimal(5)
