"""The entries other contexts' processes post from plain values: a payment and valued stock movements, numbered in
the books' series and to the mapped accounts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import oms
from oms.application.accounting.documents import record_payment, record_stock_movement
from oms.domain.accounting.postings import StockPosting

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_a_payment_and_a_goods_issue_post_their_entries_in_the_callers_transaction() -> None:
    system = oms.bootstrap()
    system.handle(oms.CreateAccount(code="1310", name="Inventory Munich", type=oms.AccountType.ASSET))
    system.handle(oms.MapAccount(role=oms.AccountRole.INVENTORY, account_code="1310", scope=oms.ScopeKind.WAREHOUSE,
                                 scope_key="MUC-1"))

    uow = system.uow_factory()
    with uow:
        payment = record_payment(uow, amount=Decimal("150.00"), unallocated=Decimal("30.00"), currency="EUR",
                                 day=date(2026, 3, 2), reference="PAY-2026-000001", at=AT, actor="bank import")
        issue = record_stock_movement(uow, kind=StockPosting.ISSUE, value=Decimal("40.00"), currency="EUR",
                                      day=date(2026, 3, 3), reference="GI-000001", at=AT, actor="clerk",
                                      warehouse="MUC-1")
        nothing = record_stock_movement(uow, kind=StockPosting.RECEIPT, value=Decimal(0), currency="EUR",
                                        day=date(2026, 3, 3), reference="GR-000001", at=AT, actor="clerk")
        uow.commit()

    assert payment is not None
    assert issue is not None
    assert nothing is None
    assert [(line.account_code, line.debit, line.credit) for line in payment.lines] == [
        ("1200", Decimal("150.00"), 0), ("1100", 0, Decimal("120.00")), ("2300", 0, Decimal("30.00"))]
    assert [(line.account_code, line.debit, line.credit) for line in issue.lines] == [
        ("5000", Decimal("40.00"), 0), ("1310", 0, Decimal("40.00"))]
    assert (payment.number, issue.number) == ("JE-2026-000001", "JE-2026-000002")
    assert (payment.source_kind, issue.source_ref) == ("payment", "GI-000001")
