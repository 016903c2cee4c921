"""What the unit tests of the use cases and of the HTTP API share: a system in memory, a fixed clock, a catalogue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import oms


@pytest.fixture
def clock() -> oms.FixedClock:
    return oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def system(clock: oms.FixedClock) -> oms.OrderManagement:
    """Branch BER (EUR, DE) with BER-1 (priority 10) and BER-2 (20); MUC with MUC-1. DESK (100.00, 19%), BOOK
    (20.00, 7%), FIT (service, 50.00). Customers ACME and the tax-exempt UNI. 5 DESK in BER-1, 10 in BER-2, each
    bought at 60.00."""
    system = oms.bootstrap(clock=clock)
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateBranch(code="MUC", name="Munich", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-1", name="Berlin main", branch_code="BER", priority=10))
    handle(oms.CreateWarehouse(code="BER-2", name="Berlin overflow", branch_code="BER", priority=20))
    handle(oms.CreateWarehouse(code="MUC-1", name="Munich main", branch_code="MUC", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    handle(oms.CreateProduct(sku="DESK", name="Desk", price="100.00", currency="EUR"))
    handle(oms.CreateProduct(sku="BOOK", name="Book", price="20.00", currency="EUR",
                             tax_category=oms.TaxCategory.REDUCED))
    handle(oms.CreateProduct(sku="FIT", name="Fitting", price="50.00", currency="EUR",
                             kind=oms.ProductKind.SERVICE))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH"))
    handle(oms.CreateCustomer(code="UNI", name="University", tax_exempt=True, tax_exemption_reference="EX-1"))
    handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="5", unit_cost="60.00"))
    handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-2", quantity="10", unit_cost="60.00"))
    return system
