"""Purchase orders in the console: made, ordered and received through the action forms, listed with a filter, and
shown with each line's receipt progress."""

from __future__ import annotations

import re

import oms
from oms.application.procurement.queries import show_purchase_order
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id
from tests.unit.console.conftest import Browser, text


def _follow(clerk: Browser, path: str, form: dict[str, str] | None = None) -> str:
    response = clerk.post(path, form or {"_back": ""})
    assert response.status_code == 302, text(response)
    return str(response.location)


def test_a_purchase_order_is_made_ordered_and_received_in_part_through_the_console(
        system: oms.OrderManagement, clerk: Browser) -> None:
    uow = system.uow_factory()
    with uow:
        uow.masterdata.suppliers.add(Supplier(new_id(), "WOOD", "Wood GmbH", "EUR"))
        uow.commit()

    page = _follow(clerk, "/console/purchase_order/do/create", {
        "supplier_code": "WOOD", "branch_code": "BER", "lines.0.sku": "DESK", "lines.0.quantity": "10",
        "lines.0.unit_price": "55.00", "lines.1.sku": "BOOK", "lines.1.quantity": "5", "lines.1.unit_price": "9.00"})
    number = page.rsplit("/", 1)[1]
    _follow(clerk, f"/console/purchase_order/{number}/do/order")
    shown = text(clerk.get(page))
    buttons = re.findall(r"/console/purchase_order/[^\"]+/do/\w+", shown)
    line_ids = [line.id for line in system.read(show_purchase_order, number).lines]
    form = text(clerk.get(f"/console/purchase_order/{number}/do/receive"))
    _follow(clerk, f"/console/purchase_order/{number}/do/receive", {
        "lines.0.line_id": line_ids[0], "lines.0.quantity": "4"})

    final = text(clerk.get(page))
    listed = text(clerk.get("/console/purchase-orders?status=partially_received"))
    assert {b.rsplit("/", 1)[1] for b in buttons} == {"receive", "close"}  # cancel is for managers
    assert "s-partially_received" in final
    assert f'name="lines.0.line_id" value="{line_ids[0]}"' in form  # each line's id given, its open quantity offered
    assert re.search(r'name="lines.1.quantity"[^>]*value="5"', form, re.S)
    assert "GR-" in final
    assert final.count("partial") >= 2  # the order's receipt status and the desk line's
    assert f"/console/vendor_bill/do/create?order_id={number}" in final  # the order is billed from its page
    assert number in listed
    assert number not in text(clerk.get("/console/purchase-orders?status=draft"))
