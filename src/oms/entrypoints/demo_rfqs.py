"""A demo request for quotation after the demo's suppliers and purchase orders: Berlin asks two suppliers for oak
desks and ergonomic chairs; WOODWORKS answers both lines in EUR, STEELCO in USD with fewer desks than asked (a
partial offer, the cheapest once converted) and chairs at a price that expired yesterday. It stays sent, to be
compared and awarded."""

from __future__ import annotations

from datetime import timedelta

import oms

BRANCH = "BER"


def load_demo_rfqs(system: oms.OrderManagement) -> None:
    with system.uow_factory() as uow:
        suppliers = [s.code for s in uow.masterdata.suppliers.list() if s.active]
    if len(suppliers) < 2:
        return
    handle = system.handle
    today = system.bus.clock.now().date()
    first, second = suppliers[0], suppliers[1]
    rfq_id = handle(oms.CreateRfq(branch_code=BRANCH, suppliers=(first, second), notes="Spring refit", lines=(
        oms.RfqLineInput(sku="DESK-OAK", quantity="50", wanted_date=today + timedelta(days=30)),
        oms.RfqLineInput(sku="CHAIR-ERGO", quantity="100"))))
    handle(oms.SendRfq(rfq_id=rfq_id))
    handle(oms.RecordSupplierQuotation(rfq_id=rfq_id, supplier_code=first, valid_until=today + timedelta(days=30),
                                       reference="WW-2026-118", lines=(
        oms.OfferInput(line="1", price="150.00", quantity="50", lead_time_days=10),
        oms.OfferInput(line="2", price="700.00", quantity="10", lead_time_days=10, unit_factor="10",
                       purchase_unit="box of 10"))))
    handle(oms.RecordSupplierQuotation(rfq_id=rfq_id, supplier_code=second, valid_until=today + timedelta(days=14),
                                       lines=(
        oms.OfferInput(line="1", price="155.00", quantity="30", lead_time_days=4),
        oms.OfferInput(line="2", price="72.00", quantity="100", lead_time_days=4,
                       valid_until=today - timedelta(days=1)))))
