"""What the subscription measures (MRR, ARR, a month's movements) read of the subscriptions and their billing records:
only what a subscription's recurring history is made of (application/subscriptions/measures.py), for all of them at
once, instead of the aggregates with everything they hold and each billing record whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.lifecycle import StatusChange
from oms.domain.subscriptions.periods import Interval
from oms.domain.subscriptions.plans import Lines
from oms.domain.subscriptions.records import Pause, SubscriptionStatus
from oms.domain.subscriptions.subscriptions import Subscription


@frozen(kw_only=True)
class SubscriptionTerms:
    """A subscription as its MRR on any day is computed from it: its currency and interval, its anchor (the end of
    its trial), what ends it (a cancellation at a period end, a fixed term), its lines and status now, its audit
    trail (oldest first) and its pauses, each as the subscription holds it."""

    id: str
    currency: str
    interval: Interval
    anchor: date
    cancel_at: date | None
    term_periods: int | None
    lines: Lines
    status: SubscriptionStatus
    history: tuple[StatusChange, ...]
    pauses: tuple[Pause, ...]

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionTerms:
        return cls(id=subscription.id, currency=subscription.currency, interval=subscription.interval,
                   anchor=subscription.anchor, cancel_at=subscription.cancel_at,
                   term_periods=subscription.term_periods, lines=subscription.lines, status=subscription.status,
                   history=tuple(subscription.history), pauses=tuple(subscription.pauses))


@frozen(kw_only=True)
class BilledPrice:
    """What MRR reads of a billing record (see BillingRecord): the day it took effect, its change (`renewal`, ...),
    the amount it charged and the whole-period price it left in effect (None on records made before it was kept)."""

    effective_on: date
    change: str
    charged: Decimal
    recurring: Decimal | None
