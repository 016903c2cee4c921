"""Invoicing sales orders through the Python API, in memory: the acceptance cases of peers.md 5d (1, 2, 5 in part)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import oms
from oms.application.invoicing.queries import show_invoice
from oms.application.processes.billing import order_billing


@pytest.fixture
def vienna(system: oms.OrderManagement) -> oms.OrderManagement:
    """Branch VIE (EUR, AT: 20 %) with VIE-1 holding 100 BOLT (12.50, invoiced on delivery) and the service SETUP
    (80.00, invoiced on order)."""
    handle = system.handle
    handle(oms.CreateBranch(code="VIE", name="Vienna", currency="EUR", tax_jurisdiction="AT"))
    handle(oms.CreateWarehouse(code="VIE-1", name="Vienna main", branch_code="VIE", priority=10))
    handle(oms.SetTaxRate(jurisdiction="AT", category=oms.TaxCategory.STANDARD, rate="0.20"))
    handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="12.50", currency="EUR"))
    handle(oms.CreateProduct(sku="SETUP", name="Setup", price="80.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    handle(oms.ReceiveStock(sku="BOLT", warehouse_code="VIE-1", quantity="100"))
    return system


def _order(system: oms.OrderManagement, *lines: tuple[str, str]) -> str:
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="VIE", confirm=True,
                                                  lines=tuple(oms.LineInput(sku=s, quantity=q) for s, q in lines)))
    return system.sales_order(order_id).number


def _ship(system: oms.OrderManagement, order: str, quantity: str) -> None:
    line = system.sales_order(order).lines[0]
    system.handle(oms.IssueGoods(order_id=order, warehouse_code="VIE-1",
                                 lines=(oms.IssueLine(line_id=line.id, quantity=quantity),)))


def _invoice(system: oms.OrderManagement, *orders: str) -> str:
    invoice_id = system.handle(oms.InvoiceOrders(orders=orders))
    system.handle(oms.PostInvoice(invoice_id=invoice_id))
    return invoice_id


def test_ten_at_12_50_delivered_six_then_four_are_invoiced_90_then_60_and_then_there_is_nothing_to_invoice(
        vienna: oms.OrderManagement) -> None:
    order = _order(vienna, ("BOLT", "10"))
    _ship(vienna, order, "6")
    first = vienna.read(show_invoice, _invoice(vienna, order))
    _ship(vienna, order, "4")
    second = vienna.read(show_invoice, _invoice(vienna, order))

    with pytest.raises(oms.BusinessRuleViolation, match="NothingToInvoice"):
        vienna.handle(oms.InvoiceOrders(orders=(order,)))
    assert (first.totals.net_total.amount, first.totals.tax_total.amount, first.totals.grand_total.amount) == (
        Decimal("75.00"), Decimal("15.00"), Decimal("90.00"))
    assert second.totals.grand_total.amount == Decimal("60.00")
    assert vienna.read(order_billing, order).status == "invoiced"


def test_what_is_invoiced_on_ordered_quantities_is_billable_before_any_delivery(vienna: oms.OrderManagement) -> None:
    order = _order(vienna, ("BOLT", "10"), ("SETUP", "2"))

    invoice = vienna.read(show_invoice, _invoice(vienna, order))

    assert [(line.sku, line.quantity.value) for line in invoice.lines] == [("SETUP", Decimal(2))]
    billing = vienna.read(order_billing, order)
    assert [(line.sku, line.status) for line in billing.lines] == [("BOLT", "nothing_to_invoice"),
                                                                  ("SETUP", "invoiced")]


def test_credit_two_of_six_is_30_and_five_more_is_refused_with_four_left(vienna: oms.OrderManagement) -> None:
    order = _order(vienna, ("BOLT", "10"))
    _ship(vienna, order, "6")
    invoice = _invoice(vienna, order)

    note = vienna.handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity="2"),)))
    vienna.handle(oms.PostInvoice(invoice_id=note))

    assert vienna.read(show_invoice, note).totals.grand_total.amount == Decimal("30.00")
    with pytest.raises(oms.BusinessRuleViolation, match="CannotCreditMoreThanInvoiced"):
        vienna.handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity="5"),)))
    assert vienna.read(order_billing, order).lines[0].to_invoice.value == Decimal(2)  # credited units: billable again


def test_two_drafts_of_the_same_units_may_exist_but_only_one_is_posted(vienna: oms.OrderManagement) -> None:
    order = _order(vienna, ("BOLT", "10"))
    _ship(vienna, order, "6")
    first = vienna.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order, line="1", quantity="6"),)))
    second = vienna.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order, line="1", quantity="6"),)))
    vienna.handle(oms.PostInvoice(invoice_id=first))

    with pytest.raises(oms.BusinessRuleViolation, match="CannotInvoiceMoreThanInvoiceable"):
        vienna.handle(oms.PostInvoice(invoice_id=second))


def test_drafts_have_no_number_postings_number_each_year_from_one_and_a_posted_invoice_is_never_deleted(
        vienna: oms.OrderManagement) -> None:
    orders = [_order(vienna, ("SETUP", "1")) for _ in range(3)]
    draft = vienna.handle(oms.InvoiceOrders(orders=(orders[0],)))
    numbered = [_invoice(vienna, order) for order in orders[1:]]

    assert vienna.read(show_invoice, draft).number is None
    assert [vienna.read(show_invoice, i).number for i in numbered] == ["INV-2026-000001", "INV-2026-000002"]
    with pytest.raises(oms.BusinessRuleViolation, match="PostedInvoicesAreImmutable"):
        vienna.handle(oms.DeleteDraftInvoice(invoice_id=numbered[0]))
    vienna.handle(oms.DeleteDraftInvoice(invoice_id=draft))
    with pytest.raises(oms.NotFound):
        vienna.read(show_invoice, draft)


def test_an_invoice_bills_one_customers_orders_only(vienna: oms.OrderManagement) -> None:
    ours = _order(vienna, ("SETUP", "1"))
    theirs = vienna.sales_order(vienna.handle(oms.CreateSalesOrder(
        customer_code="UNI", branch_code="VIE", confirm=True, lines=(oms.LineInput(sku="SETUP", quantity="1"),)))
    ).number

    with pytest.raises(oms.BusinessRuleViolation, match="OneInvoiceOneCustomer"):
        vienna.handle(oms.InvoiceOrders(orders=(ours, theirs)))


def test_drafts_posted_in_another_order_than_made_still_add_up_to_the_order_to_the_cent(
        vienna: oms.OrderManagement) -> None:
    vienna.handle(oms.CreateProduct(sku="NUT", name="Nut", price="0.33", currency="EUR"))
    vienna.handle(oms.ReceiveStock(sku="NUT", warehouse_code="VIE-1", quantity="10"))
    order = _order(vienna, ("NUT", "3"))
    _ship(vienna, order, "3")
    drafts = [vienna.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order, line="1", quantity="1"),)))
              for _ in range(3)]

    for draft in reversed(drafts):
        vienna.handle(oms.PostInvoice(invoice_id=draft))

    billed = sum((vienna.read(show_invoice, draft).totals.grand_total.amount for draft in drafts), Decimal(0))
    assert billed == vienna.sales_order(order).grand_total
