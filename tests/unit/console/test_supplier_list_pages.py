"""The console's lists of purchase orders, RFQs and vendor bills show a page at a time, with a link to the next page
that keeps the filters."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from flask import Flask

import oms
from oms.domain.masterdata.suppliers import Supplier
from oms.entrypoints.console import procurement, rfqs, vendor_bills
from tests.unit.console.conftest import Browser, text


@pytest.fixture
def documents(app: Flask) -> None:
    """Two purchase orders of BOLT-AG, each billed (INV-1, INV-2), and two RFQs."""
    system: oms.OrderManagement = app.extensions["oms"].system
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT-AG", "Bolt AG", "EUR", "net 30"))
        uow.commit()
    for number in ("INV-1", "INV-2"):
        order = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT-AG", branch_code="BER", lines=(
            oms.LineInput(sku="DESK", quantity="10", unit_price="5.00"),)))
        system.handle(oms.PlacePurchaseOrder(order_id=order))
        system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number=number, lines=(
            oms.BillLineRequest(line="1", quantity=Decimal(10)),)))
        system.handle(oms.CreateRfq(branch_code="BER", suppliers=("BOLT-AG",), lines=(
            oms.RfqLineInput(sku="DESK", quantity="5"),)))


def _pages(clerk: Browser, url: str | None) -> list[str]:
    """Every page of a list, following its next-page links."""
    pages = []
    while url:
        page = text(clerk.get(url))
        pages.append(page)
        found = re.search(r'<a class="button" href="([^"]+)">Next page', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    return pages


@pytest.mark.usefixtures("documents")
@pytest.mark.parametrize(("module", "url", "first", "second"), [
    (procurement, "/console/purchase-orders?supplier=BOLT-AG&status=ordered", "PO-000002", "PO-000001"),
    (rfqs, "/console/rfqs", "RFQ-000002", "RFQ-000001"),
    (vendor_bills, "/console/vendor-bills?supplier=BOLT-AG&search=inv", "INV-1", "INV-2"),
], ids=["purchase orders", "rfqs", "vendor bills"])
def test_a_list_shows_one_page_and_links_the_next_with_the_same_filters(
        clerk: Browser, monkeypatch: pytest.MonkeyPatch, module: object, url: str, first: str, second: str) -> None:
    monkeypatch.setattr(module, "PAGE_SIZE", 1)

    pages = _pages(clerk, url)

    assert len(pages) == 2
    assert first in pages[0]
    assert second not in pages[0]
    assert second in pages[1]
