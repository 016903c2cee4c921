"""Requests for quotation on memory, SQLite and PostgreSQL: an RFQ with its suppliers' answers, quotations and awards
comes back as stored; on PostgreSQL 20 simultaneous awards of one line (real parallel HTTP clients) never award more
than it requests (peers.md 1d acceptance 4)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.application.procurement.rfqs import (
    AwardInput,
    AwardRfq,
    CreateRfq,
    DeclineRfq,
    OfferInput,
    RecordSupplierQuotation,
    RfqLineInput,
    SendRfq,
)
from oms.domain.access.tokens import Role
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.procurement.rfqs import Rfq
from oms.entrypoints.http.testing import Caller, app_with_tokens

from .integration_helpers import Backend, seed_master_data, snapshot

CLIENTS = 20


def seed(system: oms.OrderManagement) -> None:
    """The shared master data, and suppliers S1 (EUR), S2 (USD) and S3 (EUR) with 1 USD = 0.92 EUR."""
    seed_master_data(system)
    with system.uow_factory() as uow:
        for code, currency in (("S1", "EUR"), ("S2", "USD"), ("S3", "EUR")):
            uow.masterdata.suppliers.add(Supplier(f"sup-{code}", code, f"Supplier {code}", currency,
                                                  lead_time_days=3))
        uow.masterdata.exchange_rates.add(ExchangeRate.new("USD", "EUR", date(2026, 1, 1), "0.92"))
        uow.commit()


def answered_rfq(system: oms.OrderManagement) -> str:
    """RFQ-000001 of BER: 100 WIDGET and 40 GADGET; S1 and S2 answered (S1 GADGET in boxes of 10), S3 declined."""
    rfq_id = system.handle(CreateRfq(branch_code="BER", suppliers=("S1", "S2", "S3"), notes="Q2 needs", lines=(
        RfqLineInput(sku="WIDGET", quantity="100", wanted_date=date(2030, 5, 1)),
        RfqLineInput(sku="GADGET", quantity="40"))))
    system.handle(SendRfq(rfq_id=rfq_id))
    system.handle(RecordSupplierQuotation(rfq_id=rfq_id, supplier_code="S1", valid_until=date(2030, 6, 30),
                                          reference="S1-77", lines=(
        OfferInput(line="1", price="11.123456", quantity="100", lead_time_days=4),
        OfferInput(line="2", price="95.00", quantity="4", unit_factor="10", purchase_unit="box of 10",
                   min_quantity="2"))))
    system.handle(RecordSupplierQuotation(rfq_id=rfq_id, supplier_code="S2", valid_until=date(2030, 6, 30),
                                          lines=(OfferInput(line="1", price="12.00", quantity="100"),)))
    system.handle(DeclineRfq(rfq_id=rfq_id, supplier_code="S3", reason="no capacity"))
    return rfq_id


def test_an_answered_and_awarded_rfq_comes_back_as_stored(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed(system)
    rfq_id = answered_rfq(system)
    award_id = system.handle(AwardRfq(rfq_id=rfq_id, key="first", lines=(
        AwardInput(line="1", supplier_code="S1", quantity="60"), AwardInput(line="2", supplier_code="S1",
                                                                            quantity="40"),
        AwardInput(line="1", supplier_code="S2", quantity="40"))))
    with backend.uow_factory() as uow:
        stored: Rfq = uow.procurement.rfqs.get(rfq_id)
        before = snapshot(stored)

    with backend.uow_factory() as uow:
        again = uow.procurement.rfqs.by_number("RFQ-000001")
        listed = [r.number for r in uow.procurement.rfqs.list()]
        orders = {line.supplier_id: uow.procurement.orders.get(line.purchase_order_id).number
                  for line in stored.awards[0].lines if line.purchase_order_id}

    assert snapshot(again) == before
    assert listed == ["RFQ-000001"]
    assert again is not None
    assert [s.status for s in again.suppliers] == ["answered", "answered", "declined"]
    assert again.quotations[0].lines[1].unit_factor == Decimal(10)
    assert again.quotations[0].lines[0].price == Decimal("11.123456")
    assert again.lines[0].wanted_date == date(2030, 5, 1)
    assert (again.awards[0].id, again.awards[0].key, again.status) == (award_id, "first", "closed")
    assert [h.to_status for h in again.history] == ["sent", "closed"]
    assert sorted(orders.values()) == ["PO-000001", "PO-000002"]


@pytest.mark.postgres
def test_twenty_simultaneous_awards_of_one_line_never_award_more_than_it_requests(clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        seed(system)
        rfq_id = answered_rfq(system)
        app, secrets = app_with_tokens(system, listings=database.listings())
        number = system.read(lambda uow: uow.procurement.rfqs.get(rfq_id).number)
        barrier = threading.Barrier(CLIENTS)
        answers: list[tuple[int, dict[str, Any]]] = []

        def award(index: int) -> None:
            caller = Caller(app.test_client(), secrets[Role.MANAGER])
            body = {"key": f"race-{index}", "lines": [
                {"line": "1", "supplier_code": "S1" if index % 2 else "S2", "quantity": "100"}]}
            barrier.wait()
            response = caller.post(f"/rfqs/{number}/awards", json=body)
            answers.append((response.status_code, response.get_json()))

        threads = [threading.Thread(target=award, args=(index,)) for index in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(answers) == CLIENTS
        assert Counter(status for status, _ in answers) == {200: 1, 409: CLIENTS - 1}, answers
        with database.unit_of_work() as uow:
            stored = uow.procurement.rfqs.get(rfq_id)
            orders = uow.procurement.orders.list()
        assert stored.awarded(stored.lines[0].id) == 100
        assert len(stored.awards) == 1
        assert len(orders) == 1
    finally:
        database.dispose()
