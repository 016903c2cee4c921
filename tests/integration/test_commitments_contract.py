"""Open purchase commitments read the ordered and partially received orders only (peers.md 6b R5), on memory, SQLite
and PostgreSQL: a received order has every goods line in full, and a return to the supplier that takes some back
makes it partially received again, so its remainder is committed once more."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

import oms

from .integration_helpers import Backend
from .test_ledger_reports_contract import Books, rows

D = Decimal


@pytest.fixture
def books(backend: Backend) -> Books:
    return Books(backend)


def test_a_return_to_the_supplier_puts_a_received_order_back_among_the_commitments(books: Books) -> None:
    euro = books.order("EURO", ("BOLT", "10", "10.00"), ("NUT", "4", "2.50"))
    books.receive(euro, "10", "4")
    received = books.report("purchase-commitments")
    with books.system.uow_factory() as uow:
        bolts = uow.procurement.orders.get(euro).lines[0].id
    books.system.handle(oms.ReturnToSupplier(order_id=euro, line_id=bolts, quantity="3", reason="damaged"))

    returned = books.at(datetime(2026, 3, 10, 8, 0, tzinfo=UTC)).report("purchase-commitments", by="product")

    assert received.rows == ()
    with books.system.uow_factory() as uow:
        assert uow.procurement.orders.get(euro).status == "partially_received"
    assert rows(returned, "product", "lines", "quantity", "amount", "overdue") == [
        ("BOLT", 1, D(3), D("32.40"), D("32.40"))]  # 3 x 10.00 EUR at 1.08, expected on 7 March
