"""The months of a cart's recovery messages: the first claim of each month records what the cart was worth then; its
checkout records its order's net on them, recovered when it came after the month's first claim."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from oms.domain.carts.carts import Cart, CartLine, RecoveryMonth
from oms.domain.shared.money import Money

JAN_31 = datetime(2026, 1, 31, 22, 0, tzinfo=UTC)


def cart() -> Cart:
    return Cart(id="c1", branch_id="b1", email="v@example.com", created_at=JAN_31, last_activity_at=JAN_31,
                lines=[CartLine(id="l1", product_id="p1", sku="PART", quantity=Decimal(2))])


def test_the_first_claim_of_a_month_records_what_the_cart_is_worth_and_later_ones_of_that_month_do_not_ask() -> None:
    found = cart()
    asked: list[datetime] = []

    def worth(amount: str, at: datetime) -> Money:
        asked.append(at)
        return Money.of(amount, "EUR")

    found.claim_reminder(1, "v@example.com", JAN_31, lambda: worth("10.00", JAN_31))
    found.claim_reminder(2, "v@example.com", JAN_31 + timedelta(hours=1), lambda: worth("99.00", JAN_31))
    found.claim_reminder(3, "v@example.com", JAN_31 + timedelta(hours=3), lambda: worth("12.00", JAN_31))

    assert asked == [JAN_31, JAN_31]
    assert found.recovery_months == [
        RecoveryMonth(month=date(2026, 1, 1), claimed_at=JAN_31, currency="EUR", value=Decimal("10.00")),
        RecoveryMonth(month=date(2026, 2, 1), claimed_at=JAN_31 + timedelta(hours=3), currency="EUR",
                      value=Decimal("12.00"))]


def test_a_checkout_records_its_orders_net_on_every_month_recovered_after_its_first_claim() -> None:
    found = cart()
    found.claim_reminder(1, "v@example.com", JAN_31, lambda: Money.of("10.00", "EUR"))

    found.check_out("o1", "SO-1", Decimal("11.90"), "EUR", JAN_31 + timedelta(days=1), net=Decimal("10.00"))

    assert [(m.order_value, m.recovered) for m in found.recovery_months] == [(Decimal("10.00"), True)]
