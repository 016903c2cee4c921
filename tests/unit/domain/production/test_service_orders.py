"""Service work orders: scheduling, labour lines, and what is to invoice by policy (peers.md 2d.9, W10)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oms.domain.production.service_orders import ServiceOrder, ServiceOrderStatus, ServicePolicy
from oms.domain.shared.errors import BusinessRuleViolation
from oms.domain.shared.ids import new_id

from .kit import ACTOR, AT, D

DAY = date(2026, 3, 2)


def service(policy: ServicePolicy = ServicePolicy.DELIVERED_HOURS, quantity: str = "10") -> ServiceOrder:
    return ServiceOrder(id=new_id(), number="WO-000009", product_id="p-fit", sku="FIT", policy=policy,
                        quantity=D(quantity), unit_price=D("50.00"), currency="EUR", created_at=AT,
                        sales_order_id="so-1", sales_line_id="line-1")


def log(order: ServiceOrder, hours: str, *, approved: bool = True, billable: bool = True) -> str:
    return order.log_labour(person="Ada", day=DAY, hours=D(hours), billable=billable, approved=approved, at=AT,
                            actor=ACTOR).id


def test_a_service_order_is_scheduled_with_a_technician_and_a_slot_then_started_and_finished() -> None:
    order = service()

    order.schedule("Ada", AT, AT + timedelta(hours=4), AT, ACTOR)
    order.start(AT, ACTOR)
    order.finish(AT, ACTOR)

    assert (order.status, order.technician, order.slot_end) == (ServiceOrderStatus.DONE, "Ada",
                                                                AT + timedelta(hours=4))
    assert [c.to_status for c in order.history] == ["scheduled", "in_progress", "done"]


def test_4_hours_logged_on_delivered_hours_invoice_200() -> None:
    order = service()
    log(order, "4")

    assert (order.to_invoice, order.amount(order.to_invoice)) == (D(4), D("200.00"))


def test_credited_hours_are_to_invoice_again_but_invoiced_hours_never_twice() -> None:
    order = service()
    log(order, "4")
    order.record_invoiced("inv-1", D(4))
    log(order, "20")
    order.record_invoiced("inv-2", D(20))
    order.record_credited("cn-1", D(11))

    log(order, "5")

    assert (order.delivered, order.invoiced, order.to_invoice) == (D(29), D(13), D(16))


def test_an_invoiced_labour_line_cannot_be_edited_or_deleted() -> None:
    order = service()
    line = log(order, "4")
    order.record_invoiced("inv-1", D(4))

    with pytest.raises(BusinessRuleViolation) as refused:
        order.update_labour(line, hours=D(5))
    with pytest.raises(BusinessRuleViolation):
        order.remove_labour(line)

    assert refused.value.rule == "InvoicedLabourIsReadOnly"
    assert order.line(line).invoice_line_id == "inv-1"


def test_deleting_a_labour_line_not_invoiced_lowers_what_was_delivered() -> None:
    order = service()
    log(order, "4")
    extra = log(order, "3")

    order.remove_labour(extra)

    assert order.delivered == D(4)


def test_hours_count_as_delivered_only_once_approved_and_only_if_billable() -> None:
    order = service()
    pending = log(order, "2", approved=False)
    log(order, "1", billable=False)

    assert order.delivered == 0
    order.approve_labour(pending)
    assert order.delivered == D(2)


def test_invoicing_more_than_is_to_invoice_is_refused() -> None:
    order = service()
    log(order, "4")

    with pytest.raises(BusinessRuleViolation) as refused:
        order.record_invoiced("inv-1", D(5))

    assert refused.value.rule == "CannotInvoiceMoreThanDelivered"


def test_a_fixed_price_is_invoiced_on_the_ordered_quantity_whatever_the_hours() -> None:
    order = service(ServicePolicy.FIXED_PRICE, quantity="1")
    log(order, "7")

    assert order.to_invoice == D(1)


def test_milestones_are_invoiced_as_they_are_reached() -> None:
    order = service(ServicePolicy.MILESTONES, quantity="1")
    design = order.add_milestone("Design", D("0.4"))
    order.add_milestone("Build", D("0.6"))

    order.reach_milestone(design.id)

    assert order.to_invoice == D("0.4")


def test_an_invoiced_service_order_cannot_be_cancelled() -> None:
    order = service()
    log(order, "4")
    order.record_invoiced("inv-1", D(4))

    with pytest.raises(BusinessRuleViolation) as refused:
        order.cancel(AT, ACTOR)

    assert refused.value.rule == "ServiceOrderIsInvoiced"
