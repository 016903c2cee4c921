"""Purchase planning in the console: the prepared proposal shown as "prepared on <day>" with a checkbox per line, the
checked lines made into draft purchase orders by a manager; a viewer reads but cannot order."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from tests.unit.console.conftest import browser, text


def _bolt_sells_desks(system: oms.OrderManagement) -> None:
    with system.bus.uow_factory() as uow:
        desk = uow.masterdata.products.by_sku("DESK")
        assert desk is not None
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.masterdata.supplier_prices.add(SupplierPrice(id="p1", supplier_id="s1", product_id=desk.id,
                                                         price=Decimal("55.00"), currency="EUR"))
        uow.commit()


def test_a_manager_prepares_the_proposal_and_turns_checked_lines_into_a_draft_order(
        app: Flask, system: oms.OrderManagement) -> None:
    _bolt_sells_desks(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    manager = browser(app, Role.MANAGER)
    before = text(manager.get("/console/purchase-planning"))

    manager.post("/console/purchase-planning/prepare")
    page = text(manager.get("/console/purchase-planning"))
    ordered = manager.post("/console/purchase-planning/orders", {"day": "2026-03-02", "pick": "DESK@BER-1"})
    after = text(manager.get("/console/purchase-planning"))

    assert "No proposal prepared yet" in before
    assert "Prepared on 2026-03-02" in page
    assert 'name="pick" value="DESK@BER-1"' in page
    assert ordered.status_code == 302
    [order] = system.bus.uow_factory().procurement.orders.list()
    assert order.number in after
    assert 'name="pick" value="DESK@BER-1"' not in after  # ordered once


def test_a_refused_order_shows_why_and_a_viewer_cannot_order(app: Flask, system: oms.OrderManagement) -> None:
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    system.handle(oms.PreparePurchaseProposal())
    manager, viewer = browser(app, Role.MANAGER), browser(app, Role.VIEWER)
    manager.get("/console/purchase-planning")

    refused = manager.post("/console/purchase-planning/orders", {"day": "2026-03-02", "pick": "DESK@BER-1"},
                           follow_redirects=True)
    page = text(viewer.get("/console/purchase-planning"))
    forbidden = viewer.post("/console/purchase-planning/orders", {"day": "2026-03-02", "pick": "DESK@BER-1"})

    assert "no supplier sells DESK" in text(refused)
    assert "Create draft purchase orders" not in page
    assert forbidden.status_code == 403
    assert system.bus.uow_factory().procurement.orders.list() == []


def test_checked_lines_become_a_request_for_quotation_from_the_console(app: Flask, system: oms.OrderManagement) -> None:
    _bolt_sells_desks(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    system.handle(oms.PreparePurchaseProposal())
    manager = browser(app, Role.MANAGER)
    manager.get("/console/purchase-planning")

    requested = manager.post("/console/purchase-planning/rfqs", {"day": "2026-03-02", "pick": "DESK@BER-1"})
    page = text(manager.get("/console/purchase-planning"))

    [rfq] = system.bus.uow_factory().procurement.rfqs.list()
    assert requested.status_code == 302
    assert rfq.number in page
    assert "Create RFQ" in page
