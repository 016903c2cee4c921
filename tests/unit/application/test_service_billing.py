"""Invoicing service work through the Python API, in memory, with real invoices and credit notes: peers.md 2d case 9
(hours invoiced, credited and logged again are to invoice once, never twice), invoiced labour read-only, fixed
prices and milestones, and the one door a sales order's service line is billed through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import oms
from oms.application.processes.billing import order_billing
from oms.application.processes.invoice_documents import invoice_document

D = Decimal


def _hours(system: oms.OrderManagement, order: str, *hours: str, day: int = 3) -> list[str]:
    """Log and approve labour lines of `hours`, one a day from March `day`; their ids."""
    lines = []
    for offset, worked in enumerate(hours):
        line = system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, day + offset),
                                           hours=worked))
        system.handle(oms.ApproveLabour(order_id=order, line_id=line))
        lines.append(line)
    return lines


def _invoiced(system: oms.OrderManagement, order: str) -> str:
    """Invoice what is to invoice on the service order (from BER) and post it; the invoice's id."""
    invoice = system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))
    system.handle(oms.PostInvoice(invoice_id=invoice))
    return invoice


def _credited(system: oms.OrderManagement, invoice: str, hours: str) -> str:
    note = system.handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity=hours),)))
    system.handle(oms.PostInvoice(invoice_id=note))
    return note


def _service_line(system: oms.OrderManagement) -> tuple[str, str]:
    """A confirmed order of ACME from BER of 10 h of FIT (50.00) and the service order of its line: (the sales
    order's id, the service order's id)."""
    sales_order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                     lines=(oms.LineInput(sku="FIT", quantity="10"),)))
    line = system.sales_order(sales_order).lines[0].id
    return sales_order, system.handle(oms.CreateServiceOrderForLine(order_id=sales_order, line_id=line))


def _on_its_own(system: oms.OrderManagement, **fields: object) -> str:
    return system.handle(oms.CreateServiceOrder(sku="FIT", customer_code="ACME", **fields))  # type: ignore[arg-type]


def test_20_hours_invoiced_11_credited_and_5_more_logged_leave_16_to_invoice_never_25(
        system: oms.OrderManagement) -> None:
    order = _on_its_own(system, quantity="20")
    _hours(system, order, "8", "12")
    invoice = system.invoice(_invoiced(system, order))
    _credited(system, invoice.id, "11")
    _hours(system, order, "5", day=10)

    view = system.read(oms.show_service_order, order)
    again = system.invoice(_invoiced(system, order))

    assert (view.delivered, view.invoiced, view.to_invoice) == (D(25), D(9), D(16))
    assert [(line.sku, line.quantity.value, line.net.amount, line.tax.amount) for line in invoice.lines] == [
        ("FIT", D(20), D("1000.00"), D("190.00"))]
    assert [(line.quantity.value, line.net.amount) for line in again.lines] == [(D(16), D("800.00"))]
    assert system.read(oms.show_service_order, order).to_invoice == D(0)
    assert system.read(invoice_document, again.id).orders == [view.number]
    with pytest.raises(oms.BusinessRuleViolation, match="NothingToInvoice"):
        system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))


def test_the_service_line_of_peers_2d_case_9_invoiced_credited_and_logged_again_is_29_less_13(
        system: oms.OrderManagement) -> None:
    sales_order, order = _service_line(system)
    line = system.sales_order(sales_order).lines[0].id
    _hours(system, order, "4")
    first = system.invoice(_invoiced(system, order))
    _hours(system, order, "8", "12", day=4)
    second = _invoiced(system, order)
    _credited(system, second, "11")
    _hours(system, order, "5", day=10)

    view = system.read(oms.show_service_order, order)
    [billing] = system.read(order_billing, sales_order).lines
    with pytest.raises(oms.BusinessRuleViolation) as nothing_came_back:  # hours are not goods issued and returned
        system.handle(oms.CreditReturnedGoods(order_id=sales_order))

    assert [(line.source_line_id, line.net.amount) for line in first.lines] == [(line, D("200.00"))]
    assert (view.delivered, view.invoiced, view.to_invoice) == (D(29), D(13), D(16))
    assert (billing.delivered.value, billing.invoiced.value, billing.to_invoice.value, billing.status) == (
        D(29), D(13), D(16), "to_invoice")
    assert nothing_came_back.value.rule == "NothingToCredit"


def test_an_invoiced_labour_line_cannot_be_edited_or_deleted_and_stays_linked_to_its_invoice_line(
        system: oms.OrderManagement) -> None:
    order = _on_its_own(system, quantity="10")
    [invoiced] = _hours(system, order, "4")
    draft = system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))
    linked_by_the_draft = system.read(oms.show_service_order, order).labour[0].invoice_line_id
    system.handle(oms.PostInvoice(invoice_id=draft))
    [later] = _hours(system, order, "2", day=5)

    with pytest.raises(oms.BusinessRuleViolation) as edited:
        system.handle(oms.UpdateLabour(order_id=order, line_id=invoiced, hours="3"))
    with pytest.raises(oms.BusinessRuleViolation) as deleted:
        system.handle(oms.RemoveLabour(order_id=order, line_id=invoiced))
    system.handle(oms.RemoveLabour(order_id=order, line_id=later))

    view = system.read(oms.show_service_order, order)
    assert linked_by_the_draft is None
    assert (edited.value.rule, deleted.value.rule) == ("InvoicedLabourIsReadOnly", "InvoicedLabourIsReadOnly")
    assert [(line.hours, line.invoice_line_id) for line in view.labour] == [
        (D(4), system.invoice(draft).lines[0].id)]
    assert (view.delivered, view.to_invoice) == (D(4), D(0))


def test_a_fixed_price_order_invoices_its_ordered_quantity_once_before_any_work(system: oms.OrderManagement) -> None:
    order = _on_its_own(system, policy=oms.ServicePolicy.FIXED_PRICE, quantity="1", unit_price="500.00")
    draft = system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))

    with pytest.raises(oms.BusinessRuleViolation, match="NothingToInvoice") as while_drafted:
        system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))
    system.handle(oms.PostInvoice(invoice_id=draft))
    with pytest.raises(oms.BusinessRuleViolation, match="PostedInvoicesAreImmutable"):
        system.handle(oms.PostInvoice(invoice_id=draft))
    with pytest.raises(oms.BusinessRuleViolation, match="NothingToInvoice"):
        system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))

    view = system.read(oms.show_service_order, order)
    assert while_drafted.value.rule == "NothingToInvoice"
    assert system.invoice(draft).totals.grand_total.amount == D("595.00")
    assert (view.status, view.invoiced, view.to_invoice) == ("draft", D(1), D(0))


def test_milestones_are_invoiced_as_they_are_reached(system: oms.OrderManagement) -> None:
    order = _on_its_own(system, policy=oms.ServicePolicy.MILESTONES, quantity="3", unit_price="120.00")
    design = system.handle(oms.AddMilestone(order_id=order, name="Design", quantity="1"))
    build = system.handle(oms.AddMilestone(order_id=order, name="Build", quantity="2"))

    with pytest.raises(oms.BusinessRuleViolation, match="NothingToInvoice"):
        system.handle(oms.InvoiceServiceOrders(order_id=order, branch_code="BER"))
    system.handle(oms.ReachMilestone(order_id=order, milestone_id=design))
    first = system.invoice(_invoiced(system, order))
    system.handle(oms.ReachMilestone(order_id=order, milestone_id=build))
    second = system.invoice(_invoiced(system, order))

    assert [(line.quantity.value, line.net.amount) for line in (*first.lines, *second.lines)] == [
        (D(1), D("120.00")), (D(2), D("240.00"))]
    assert system.read(oms.show_service_order, order).to_invoice == D(0)


def test_a_service_line_with_a_service_order_is_billed_by_it_only_never_by_the_sales_order_too(
        system: oms.OrderManagement) -> None:
    sales_order = system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", confirm=True,
        lines=(oms.LineInput(sku="FIT", quantity="10"), oms.LineInput(sku="DESK", quantity="1"))))
    fit, desk = (line.id for line in system.sales_order(sales_order).lines)
    drafted_before = system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=sales_order, line="1",
                                                                                   quantity="10"),)))
    order = system.handle(oms.CreateServiceOrderForLine(order_id=sales_order, line_id=fit))  # the draft is older
    _hours(system, order, "4")
    system.handle(oms.IssueGoods(order_id=sales_order, warehouse_code="BER-1",
                                 lines=(oms.IssueLine(line_id=desk, quantity="1"),)))

    left = system.invoice(system.handle(oms.InvoiceOrders(orders=(sales_order,))))
    with pytest.raises(oms.BusinessRuleViolation) as asked:
        system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=sales_order, line="1", quantity="4"),)))
    with pytest.raises(oms.BusinessRuleViolation) as posted:
        system.handle(oms.PostInvoice(invoice_id=drafted_before))

    assert [line.source_line_id for line in left.lines] == [desk]
    assert asked.value.rule == "BilledByItsServiceOrder"
    assert posted.value.rule == "CannotInvoiceMoreThanInvoiceable"  # 10 asked, 4 delivered by the service order
    assert system.read(oms.show_service_order, order).to_invoice == D(4)


def test_a_service_line_the_sales_order_invoiced_gets_no_service_order(system: oms.OrderManagement) -> None:
    sales_order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                     lines=(oms.LineInput(sku="FIT", quantity="10"),)))
    system.handle(oms.PostInvoice(invoice_id=system.handle(oms.InvoiceOrders(orders=(sales_order,)))))

    with pytest.raises(oms.BusinessRuleViolation) as refused:
        system.handle(oms.CreateServiceOrderForLine(order_id=sales_order,
                                                    line_id=system.sales_order(sales_order).lines[0].id))

    assert refused.value.rule == "ServiceLineIsInvoiced"


def test_a_service_order_on_its_own_needs_a_customer_and_the_branch_invoicing_it(system: oms.OrderManagement) -> None:
    nobodys = system.handle(oms.CreateServiceOrder(sku="FIT", policy=oms.ServicePolicy.FIXED_PRICE))
    acmes = _on_its_own(system, policy=oms.ServicePolicy.FIXED_PRICE)

    with pytest.raises(oms.BusinessRuleViolation) as no_customer:
        system.handle(oms.InvoiceServiceOrders(order_id=nobodys, branch_code="BER"))
    with pytest.raises(oms.InvalidValue) as no_branch:
        system.handle(oms.InvoiceServiceOrders(order_id=acmes))
    with pytest.raises(oms.BusinessRuleViolation) as together:
        system.handle(oms.InvoiceServiceOrders(order_id=acmes, others=(nobodys,), branch_code="BER"))

    assert no_customer.value.rule == "ServiceOrderNeedsACustomer"
    assert no_branch.value.field == "branch_code"
    assert together.value.rule == "ServiceOrderNeedsACustomer"


def test_one_invoice_bills_one_customers_service_orders_and_a_cancelled_one_has_nothing_to_invoice(
        system: oms.OrderManagement) -> None:
    first = _on_its_own(system, policy=oms.ServicePolicy.FIXED_PRICE, unit_price="100.00")
    second = _on_its_own(system, policy=oms.ServicePolicy.FIXED_PRICE, unit_price="60.00")
    exempt = system.handle(oms.CreateServiceOrder(sku="FIT", policy=oms.ServicePolicy.FIXED_PRICE,
                                                  customer_code="UNI"))
    cancelled = _on_its_own(system, policy=oms.ServicePolicy.FIXED_PRICE)
    system.handle(oms.CancelServiceOrder(order_id=cancelled))

    both = system.invoice(system.handle(oms.InvoiceServiceOrders(order_id=first, others=(second, cancelled),
                                                                 branch_code="BER")))
    with pytest.raises(oms.BusinessRuleViolation) as mixed:
        system.handle(oms.InvoiceServiceOrders(order_id=exempt, others=(first,), branch_code="BER"))
    alone = system.invoice(system.handle(oms.InvoiceServiceOrders(order_id=exempt, branch_code="BER")))

    assert [line.net.amount for line in both.lines] == [D("100.00"), D("60.00")]
    assert mixed.value.rule == "OneInvoiceOneCustomer"
    assert (alone.totals.net_total.amount, alone.totals.tax_total.amount) == (D("50.00"), D("0.00"))
