"""What the RFQ tests of every front door share: suppliers in USD and EUR, the rate EUR/USD, a branch in USD."""

from __future__ import annotations

from datetime import date

import oms
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id

# code, currency, lead time (days)
SUPPLIERS = (("S1", "USD", 14), ("S2", "EUR", 5), ("S3", "USD", 30), ("S4", "USD", 7))


def seed_suppliers(system: oms.OrderManagement) -> None:
    """Branch NYC (USD, with warehouse NYC-1), suppliers S1 (USD), S2 (EUR), S3 (USD), S4 (USD) and 1 EUR = 1.08 USD
    from 2026-01-01, on top of the shared catalogue (DESK, BOOK)."""
    system.handle(oms.CreateBranch(code="NYC", name="New York", currency="USD", tax_jurisdiction="DE"))
    system.handle(oms.CreateWarehouse(code="NYC-1", name="New York main", branch_code="NYC", priority=10))
    uow = system.uow_factory()
    with uow:
        for code, currency, lead in SUPPLIERS:
            uow.masterdata.suppliers.add(Supplier(id=new_id(), code=code, name=f"Supplier {code}", currency=currency,
                                                  lead_time_days=lead))
        uow.masterdata.exchange_rates.add(ExchangeRate.new("EUR", "USD", date(2026, 1, 1), "1.08"))
        uow.commit()
