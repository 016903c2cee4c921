"""What a subscription keeps and returns: its statuses and their transitions, its pauses, its settings, and the
records of a renewal and of a prorated change that the application turns into invoices and credit notes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.lifecycle import Transition
from oms.domain.shared.money import Currency
from oms.domain.subscriptions.periods import Period
from oms.domain.subscriptions.proration import BillLine


class SubscriptionStatus(enum.StrEnum):
    TRIALING = "trialing"
    ACTIVE = "active"
    PAUSED = "paused"
    PAST_DUE = "past_due"  # an invoice is unpaid after its due date; its charge is retried
    UNPAID = "unpaid"  # every retry failed (setting: unpaid or cancelled)
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # a fixed term ran out


_S = SubscriptionStatus
ENDED = frozenset({_S.CANCELLED, _S.EXPIRED})
RENEWABLE = frozenset({_S.TRIALING, _S.ACTIVE, _S.PAUSED, _S.PAST_DUE})
"""The statuses whose due periods are renewed (an unpaid subscription is not billed further)."""
CHANGEABLE = frozenset({_S.TRIALING, _S.ACTIVE, _S.PAUSED, _S.PAST_DUE})
TRANSITIONS: dict[SubscriptionStatus, Transition[SubscriptionStatus]] = {
    _S.ACTIVE: Transition(sources=frozenset({_S.TRIALING, _S.PAUSED, _S.PAST_DUE, _S.UNPAID}),
                          rule="SubscriptionMustBeRunning"),
    _S.PAUSED: Transition(sources=frozenset({_S.ACTIVE}), rule="SubscriptionMustBeActive"),
    _S.PAST_DUE: Transition(sources=frozenset({_S.ACTIVE, _S.PAUSED}), rule="SubscriptionMustBeActive"),
    _S.UNPAID: Transition(sources=frozenset({_S.PAST_DUE}), rule="SubscriptionMustBePastDue"),
    _S.CANCELLED: Transition(sources=frozenset({_S.TRIALING, _S.ACTIVE, _S.PAUSED, _S.PAST_DUE, _S.UNPAID}),
                             rule="SubscriptionMustNotHaveEnded"),
    _S.EXPIRED: Transition(sources=frozenset({_S.ACTIVE, _S.PAUSED, _S.PAST_DUE, _S.UNPAID}),
                           rule="SubscriptionMustNotHaveEnded"),
}


class DowngradeTiming(enum.StrEnum):
    """When a change that lowers the price of a period takes effect (an upgrade always takes effect at once)."""

    AT_PERIOD_END = "at_period_end"
    IMMEDIATELY = "immediately"


class AfterDunning(enum.StrEnum):
    """What a subscription becomes when the last retry of its charge failed."""

    UNPAID = "unpaid"
    CANCELLED = "cancelled"


def _days(days: Iterable[int]) -> tuple[int, ...]:
    return tuple(days)


def _check_retries(_: object, __: object, days: tuple[int, ...]) -> None:
    if not days or any(isinstance(d, bool) or not isinstance(d, int) or d < 1 for d in days) \
            or list(days) != sorted(set(days)):
        raise InvalidValue("retry_days", "retries are increasing whole numbers of days after the due date, e.g. "
                           "1, 3, 5, 7")


@frozen(kw_only=True)
class DunningPolicy:
    """Retries of an unpaid invoice's charge, in days after its due date, and what the last failure leads to."""

    retry_days: tuple[int, ...] = field(default=(1, 3, 5, 7), converter=_days, validator=_check_retries)
    after_last_failure: AfterDunning = AfterDunning.UNPAID


@frozen(kw_only=True)
class Pause:
    """No service, and nothing billed, on the days [start, end)."""

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValue("until", "a pause ends after it starts")

    def covers(self, period: Period) -> bool:
        return self.start <= period.start and period.end <= self.end


def _total(lines: tuple[BillLine, ...], currency: str) -> Decimal:
    return sum((line.amount for line in lines), Currency.of(currency).round(Decimal(0)))


@frozen(kw_only=True)
class Renewal:
    """A renewed period: what to bill for it, at the prices valid at the renewal. Its business identity is
    (subscription_id, period.start), unique: the record of a renewal is claimed once (S3). A period wholly inside a
    pause (or whose lines cost nothing) renews with no lines: nothing is billed, the pointer moves on."""

    subscription_id: str
    number: str
    customer_id: str
    period: Period
    currency: str
    lines: tuple[BillLine, ...]

    @property
    def billed(self) -> bool:
        return bool(self.lines)

    @property
    def total(self) -> Decimal:
        return _total(self.lines, self.currency)


@frozen(kw_only=True)
class Proration:
    """What a change during a billed period costs: credits for the days billed that will not be served as billed
    (a credit note), charges for the days that will be (an invoice). `effective_on`: the first day concerned."""

    subscription_id: str
    number: str
    customer_id: str
    period: Period
    effective_on: date
    currency: str
    credits: tuple[BillLine, ...]
    charges: tuple[BillLine, ...]

    @property
    def credit_total(self) -> Decimal:
        return _total(self.credits, self.currency)

    @property
    def charge_total(self) -> Decimal:
        return _total(self.charges, self.currency)

    @property
    def net(self) -> Decimal:
        return self.charge_total - self.credit_total
