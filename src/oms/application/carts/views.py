"""What reads of carts answer: a cart priced now with its holds, abandonment and reminders; a page of the operators'
follow-up; the recovery rate by month; a branch's cart policy."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.carts.carts import CartStatus
from oms.domain.shared.money import Money


class CartState(enum.StrEnum):
    """What the follow-up lists: active carts (abandoned ones among them), abandoned ones only, converted, expired."""

    ACTIVE = "active"
    ABANDONED = "abandoned"
    CONVERTED = "converted"
    EXPIRED = "expired"


@frozen(kw_only=True)
class CartLineView:
    """A line priced now: the unit price of the branch's price list, net (before tax), tax and total."""

    id: str
    sku: str
    product_name: str
    quantity: Decimal
    unit_price: Money
    net: Money
    tax: Money
    total: Money


@frozen(kw_only=True)
class ReminderView:
    stage: int
    claimed_at: datetime
    sent_at: datetime | None


@frozen(kw_only=True)
class CartView:
    """A cart priced by the checkout's own pricing: `total` is what a checkout compares with its expected total.
    Prices are valid until `prices_valid_until` (an hour after `priced_at`): read the cart again after it.
    `held_until`: until when its lines' stock is held (None: no holds). `abandoned` and `next_stage` (the recovery
    stage due next, None when none is left or recovery is off) are derived from its branch's policy."""

    id: str
    status: CartStatus
    branch_code: str
    customer_code: str | None
    email: str | None
    lines: list[CartLineView]
    net_total: Money
    tax_total: Money
    total: Money
    priced_at: datetime
    prices_valid_until: datetime
    last_activity_at: datetime
    held_until: datetime | None
    abandoned: bool
    next_stage: int | None
    reminders: list[ReminderView]
    order_number: str | None


@frozen(kw_only=True)
class OpenedCart:
    """A cart opened: `token` (an anonymous cart's only) is shown this once: send it as `X-Cart-Token`."""

    id: str
    token: str | None
    cart: CartView


@frozen(kw_only=True)
class CartSummaryView:
    """A cart in the follow-up: its value now, its age (since its last activity), the recovery stages claimed and
    its contact."""

    id: str
    status: CartStatus
    branch_code: str
    customer_code: str | None
    contact: str | None
    value: Money
    lines: int
    last_activity_at: datetime
    idle_minutes: int
    abandoned: bool
    stages_claimed: int
    order_number: str | None


@frozen(kw_only=True)
class CartList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[CartSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class RecoveryPeriodView:
    """A month: carts with a recovery message claimed in it, those of them checked out after a message, and
    recovered / messaged (None when none was messaged)."""

    month: str
    messaged: int
    recovered: int
    rate: Decimal | None


@frozen(kw_only=True)
class RecoveryRateView:
    periods: list[RecoveryPeriodView]


@frozen(kw_only=True)
class CartPolicyView:
    """A branch's cart policy (its defaults when it has none); `recovery_since`: when recovery was turned on (None:
    off); `hold_minutes`: how long carts hold their lines' stock after each change (None: no holds)."""

    branch_code: str
    abandon_after_minutes: int
    recovery_stage_minutes: list[int]
    recovery: bool
    recovery_since: datetime | None
    hold_minutes: int | None
    anonymous_expiry_days: int
    customer_expiry_days: int
    empty_expiry_hours: int
