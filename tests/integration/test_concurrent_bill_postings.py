"""Two drafts billing the same purchase-order line posted at once on PostgreSQL (each thread its own connection,
through the bus): the over-billing check runs under the order's row lock and counts the other posting, so the line
is never billed beyond what was ordered (peers.md X3; docs/rules.md, Vendor bills)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, Self

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.unit_of_work import SqlUnitOfWork
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import BusinessRuleViolation

pytestmark = pytest.mark.postgres


class _SlowBilledRead(SqlUnitOfWork):
    """A unit of work that waits a moment after reading what was billed, so the two postings overlap there."""

    def __enter__(self) -> Self:
        entered = super().__enter__()
        bills: Any = self.invoicing.bills
        read = bills.billed

        def billed(po_line_ids: Any) -> Any:
            found = read(po_line_ids)
            time.sleep(0.2)
            return found

        bills.billed = billed
        return entered


@pytest.fixture
def system(clean_postgres_url: str) -> Iterator[oms.OrderManagement]:
    """Branch VIE (EUR, AT 20 %) with VIE-1, the service SETUP (billed on ordered quantities), supplier BOLT, on
    PostgreSQL."""
    database = SqlDatabase.from_url(clean_postgres_url, pool_size=4)
    system = oms.bootstrap(uow_factory=lambda: _SlowBilledRead(database),
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    handle = system.handle
    handle(oms.CreateBranch(code="VIE", name="Vienna", currency="EUR", tax_jurisdiction="AT"))
    handle(oms.CreateWarehouse(code="VIE-1", name="Vienna main", branch_code="VIE", priority=10))
    handle(oms.SetTaxRate(jurisdiction="AT", category=oms.TaxCategory.STANDARD, rate="0.20"))
    handle(oms.CreateProduct(sku="SETUP", name="Setup", price="80.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT", "Bolt AG", "EUR"))
        uow.commit()
    yield system
    database.dispose()


def _in_parallel(work: list[Callable[[], None]]) -> None:
    start = threading.Barrier(len(work))

    def run(job: Callable[[], None]) -> None:
        start.wait()
        job()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def test_two_bills_of_six_posted_at_once_on_a_line_of_ten_post_one(system: oms.OrderManagement) -> None:
    order = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT", branch_code="VIE", lines=(
        oms.LineInput(sku="SETUP", quantity="10", unit_price="80.00"),)))
    system.handle(oms.PlacePurchaseOrder(order_id=order))
    drafts = [system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number=f"INV-{index}", lines=(
        oms.BillLineRequest(line="1", quantity="6"),))) for index in range(2)]
    outcomes: list[str] = []

    def post(draft: str) -> Callable[[], None]:
        def run() -> None:
            try:
                system.handle(oms.PostVendorBill(bill_id=draft))
                outcomes.append("posted")
            except BusinessRuleViolation as refused:
                outcomes.append(refused.rule)
        return run

    _in_parallel([post(draft) for draft in drafts])
    billing = system.read(oms.purchase_order_billing, order)

    assert sorted(outcomes) == ["CannotBillMoreThanOrdered", "posted"]
    assert billing.lines[0].billed.value == 6
