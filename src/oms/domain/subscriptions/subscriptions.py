"""The subscription aggregate: lines billed every period from an anchor, a pointer to the next period to bill, and the
changes, pauses, cancellations and dunning (dunning.py) of its life.

trialing -> active (the first renewal, at the trial's end) <-> paused; active/paused -> past_due -> active, or
unpaid/cancelled (dunning); any running status -> cancelled; a fixed term -> expired. Days are UTC days (`at.date()`).
Rules (peers.md 3b):
- S5/S6: `next_period_start` is the start of the next period to bill. Only `renew` moves it, by exactly one period,
  and only for that period: renewing any other period is refused, so a period is billed at most once (the store's
  unique (subscription, period start) and guarded update make that hold across processes). The periods due at a
  moment are every period from the pointer whose start is on or before it, in order (catch-up after an outage);
- S15: a renewal bills its period at the prices valid then (the plan version the application passes);
- S9/S10: a quantity or plan change during a billed period credits the days from the change on as billed and charges
  them at the new lines (proration.py: never more credit than was billed, less earlier credits). An upgrade (a
  period of the new lines costs at least the old) takes effect at once; a downgrade at the period end (or at once, by
  setting), with no money moving now. A change replaces a scheduled downgrade. The interval and currency stay;
- S11: cancelling at the period end bills nothing more and cancels on the next period's start; cancelling now
  credits the unused days of the billed period; cancelling a trial bills nothing;
- S12: a pause [start, until) starts today or later and overlaps no other; a period wholly inside is renewed with
  nothing billed; the days of a billed period inside a pause are credited, those of a renewed period are not billed;
  a resume ends the pause that day and charges the days from then on that were not billed; the anchor never moves;
- S13: a trial of d days ends on the anchor, the start of period 0, which is billed then.
Changes need the renewals caught up (the pointer after today), so they always concern the period containing today.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from attrs import Factory, define, field, frozen

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DocumentCreated, DomainEvent
from oms.domain.shared.lifecycle import StatusChange
from oms.domain.shared.money import Currency
from oms.domain.subscriptions.dunning import DOCUMENT_TYPE, Dunned, check_payment_method
from oms.domain.subscriptions.events import SubscriptionChangeScheduled, SubscriptionProrated, SubscriptionRenewed
from oms.domain.subscriptions.periods import Interval, Period, Schedule
from oms.domain.subscriptions.plans import Lines, PlanVersion, as_lines, period_amount
from oms.domain.subscriptions.proration import Segment, bill_lines, rebill, without
from oms.domain.subscriptions.records import (
    CHANGEABLE,
    ENDED,
    RENEWABLE,
    DowngradeTiming,
    DunningPolicy,
    Pause,
    Proration,
    Renewal,
    SubscriptionStatus,
)

_S = SubscriptionStatus


def end_day(schedule: Schedule, cancel_at: date | None, term_periods: int | None) -> date | None:
    """The day a subscription ends: its term's end or a cancellation at a period end, whichever is first."""
    ends = [day for day in (cancel_at, None if term_periods is None else schedule.start(term_periods))
            if day is not None]
    return min(ends, default=None)


@frozen(kw_only=True)
class PlannedLines:
    """Lines to bill from the next renewal on (a downgrade at the period end), and the plan version they are of."""

    plan_id: str
    plan_version_id: str
    lines: Lines


@define(slots=False, eq=False, kw_only=True)
class Subscription(Dunned):
    id: str
    number: str
    customer_id: str
    plan_id: str
    plan_version_id: str
    currency: str
    interval: Interval
    anchor: date
    lines: Lines = field(converter=as_lines)
    created_at: datetime
    term_periods: int | None = None
    branch_id: str | None = None  # the branch that invoices it (the application's; the domain bills no invoice)
    downgrades: DowngradeTiming = DowngradeTiming.AT_PERIOD_END
    dunning: DunningPolicy = field(factory=DunningPolicy)
    status: SubscriptionStatus = _S.ACTIVE
    next_period_start: date = field(default=Factory(lambda self: self.anchor, takes_self=True))  # anchor at first
    cancel_at: date | None = None
    pending: PlannedLines | None = None
    pauses: list[Pause] = field(factory=list)
    billed_period: Period | None = None  # the last period renewed, and the days of it billed at which lines
    billed: list[Segment] = field(factory=list)
    payment_exception: bool = False
    payment_method: str | None = field(default=None, converter=check_payment_method)  # the provider's token
    overdue_invoices: list[str] = field(factory=list)
    overdue_since: date | None = None
    failed_retries: int = 0
    history: list[StatusChange] = field(factory=list)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        if self.version == 0:
            self.events.append(DocumentCreated(aggregate_id=self.id, occurred_at=self.created_at,
                                               document_type=DOCUMENT_TYPE, number=self.number))

    @classmethod
    def start(cls, plan: PlanVersion, *, id: str, number: str, customer_id: str, starts_on: date, at: datetime,
              quantities: Mapping[str, Decimal] | None = None,
              downgrades: DowngradeTiming = DowngradeTiming.AT_PERIOD_END,
              dunning: DunningPolicy | None = None, branch_id: str | None = None,
              payment_method: str | None = None) -> Subscription:
        """A subscription to `plan` from `starts_on`: trialing until the trial's end (the anchor), else active with
        period 0 due at once; its invoices charged to `payment_method` (the provider's token), if given."""
        trial = plan.trial_days > 0
        return cls(id=id, number=number, customer_id=customer_id, plan_id=plan.plan_id, plan_version_id=plan.id,
                   currency=plan.currency, interval=plan.interval, anchor=starts_on + timedelta(days=plan.trial_days),
                   lines=plan.lines_for(quantities), created_at=at,
                   term_periods=plan.term_periods, branch_id=branch_id, downgrades=downgrades,
                   dunning=dunning or DunningPolicy(), payment_method=payment_method,
                   status=_S.TRIALING if trial else _S.ACTIVE)

    # -- the calendar -------------------------------------------------------------------------------------
    @property
    def schedule(self) -> Schedule:
        return Schedule(self.anchor, self.interval)

    @property
    def money(self) -> Currency:
        return Currency.of(self.currency)

    @property
    def ends_on(self) -> date | None:
        """The day the subscription ends (`end_day`)."""
        return end_day(self.schedule, self.cancel_at, self.term_periods)

    @property
    def plan_to_renew(self) -> str:
        """The plan whose prices the next renewal takes (a scheduled downgrade's plan, if any)."""
        return self.pending.plan_id if self.pending else self.plan_id

    def due(self, today: date, limit: int | None = None) -> list[Period]:
        """The periods to renew by `today`, in order: from the pointer, each starting on or before it (S5)."""
        if self.status not in RENEWABLE or self.payment_exception:
            return []
        end, periods = self.ends_on, list[Period]()
        period = self.schedule.period_containing(self.next_period_start)
        while period.start <= today and (end is None or period.start < end) and len(periods) != limit:
            periods.append(period)
            period = self.schedule.after(period)
        return periods

    def on_day(self, at: datetime, actor: str = "scheduler") -> None:
        """What the calendar does by `at`: end the subscription on its end day once nothing before is left to
        renew; pause it while a pause lasts, and make it active again after."""
        today, end = at.date(), self.ends_on
        if self.status in ENDED:
            return
        if end is not None and today >= end and (self.next_period_start >= end or self.status not in RENEWABLE):
            cancelled = end == self.cancel_at
            self._status(_S.CANCELLED if cancelled else _S.EXPIRED, at, actor,
                         "cancelled at the period end" if cancelled else "the fixed term ended")
            return
        pausing = any(p.start <= today < p.end for p in self.pauses)
        if pausing and self.status is _S.ACTIVE:
            self._status(_S.PAUSED, at, actor, "pause")
        elif not pausing and self.status is _S.PAUSED:
            self._status(_S.ACTIVE, at, actor, "pause over")

    # -- renewal --------------------------------------------------------------------------------------------
    def renew(self, period_start: date, at: datetime, *, actor: str = "scheduler",
              prices: PlanVersion | None = None) -> Renewal:
        """Bill the period starting on `period_start`, which must be the pointer's and due, at `prices` (the
        version of `plan_to_renew` valid now; None: the lines' own prices); move the pointer one period on."""
        if self.status not in RENEWABLE:
            raise refuse("SubscriptionMustBeRunning", f"{self.number} is {self.status}; it renews no more")
        if self.payment_exception:
            raise refuse("PaymentExceptionMustBeResolved", f"{self.number} is in payment exception")
        if period_start != self.next_period_start:
            done = "was renewed already" if period_start < self.next_period_start else "is not the next"
            raise refuse("PeriodMustBeTheNextToRenew", f"{self.number}: the period of {period_start} {done}; the "
                         f"next to renew starts on {self.next_period_start}")
        if period_start > at.date():
            raise refuse("PeriodMustBeDue", f"{self.number}: the period of {period_start} is not due yet")
        end = self.ends_on
        if end is not None and period_start >= end:
            raise refuse("SubscriptionEndsBeforePeriod", f"{self.number} ends on {end}")
        period = self.schedule.period_starting(period_start)
        if self.pending is not None:
            self.plan_id, self.plan_version_id, self.lines = self.pending.plan_id, self.pending.plan_version_id, \
                self.pending.lines
            self.pending = None
        if prices is not None:
            self._check_same_terms(prices, "prices")
            if prices.plan_id != self.plan_id:
                raise InvalidValue("prices", f"{self.number} renews plan {self.plan_id}, not {prices.plan_id}")
            self.plan_version_id, self.lines = prices.id, prices.reprice(self.lines)
        self.billed_period, self.billed = period, self._wanted(period, period.start, self.lines)
        self.next_period_start = period.end
        lines = bill_lines(self.billed, period, self.money)
        if self.status is _S.TRIALING:
            self._status(_S.ACTIVE, at, actor, "trial ended")
        renewal = Renewal(subscription_id=self.id, number=self.number, customer_id=self.customer_id, period=period,
                          currency=self.currency, lines=lines)
        self.events.append(SubscriptionRenewed(
            aggregate_id=self.id, occurred_at=at, number=self.number, period_index=period.index,
            period_start=period.start, period_end=period.end, amount=renewal.total, currency=self.currency,
            billed=renewal.billed, actor=actor))
        return renewal

    def _wanted(self, period: Period, since: date, lines: Lines | None) -> list[Segment]:
        """The days of `period` from `since` to bill at `lines` (none when None): all but the paused ones."""
        if lines is None:
            return []
        return [Segment(start=start, end=end, lines=lines)
                for start, end in without(since, period.end, ((p.start, p.end) for p in self.pauses))]

    def _rebill(self, since: date, lines: Lines | None, at: datetime, actor: str, change: str) -> Proration | None:
        """Credit and charge the days of the billed period from `since` so that they are billed as now wanted."""
        period = self.billed_period
        if period is None or since >= period.end:
            return None
        done = rebill(period, self.billed, self._wanted(period, since, lines), since)
        self.billed = list(done.segments)
        if not done.credits and not done.charges:
            return None
        proration = Proration(subscription_id=self.id, number=self.number, customer_id=self.customer_id,
                              period=period, effective_on=since, currency=self.currency,
                              credits=bill_lines(done.credits, period, self.money),
                              charges=bill_lines(done.charges, period, self.money))
        self.events.append(SubscriptionProrated(
            aggregate_id=self.id, occurred_at=at, number=self.number, change=change, effective_on=since,
            period_start=period.start, credited=proration.credit_total, charged=proration.charge_total,
            currency=self.currency, actor=actor))
        return proration

    def _check_same_terms(self, plan: PlanVersion, field_name: str) -> None:
        if plan.currency != self.currency or plan.interval != self.interval:
            raise InvalidValue(field_name, f"{self.number} bills {self.currency} {self.interval}; plan {plan.code} "
                               f"is {plan.currency} {plan.interval}")

    # -- changes ----------------------------------------------------------------------------------------------
    def _check_changeable(self, today: date) -> None:
        if self.status not in CHANGEABLE:
            raise refuse("SubscriptionMustBeRunning", f"{self.number} is {self.status}")
        end = self.ends_on
        if self.next_period_start <= today and (end is None or self.next_period_start < end):
            raise refuse("RenewalsMustBeCaughtUp", f"{self.number}: the period of {self.next_period_start} is due; "
                         "renew it first")

    def change_quantity(self, sku: str, quantity: Decimal, at: datetime, actor: str) -> Proration | None:
        """Bill `quantity` of the line of `sku` from today (an increase) or from the next period (a decrease)."""
        if sku not in {line.sku for line in self.lines}:
            raise InvalidValue("sku", f"{self.number} bills no {sku}")
        lines = tuple(line.with_quantity(quantity) if line.sku == sku else line for line in self.lines)
        return self._change_lines(PlannedLines(plan_id=self.plan_id, plan_version_id=self.plan_version_id,
                                               lines=lines), at, actor, "quantity")

    def change_plan(self, plan: PlanVersion, at: datetime, actor: str,
                    quantities: Mapping[str, Decimal] | None = None) -> Proration | None:
        """Bill `plan`'s lines from today (an upgrade) or from the next period (a downgrade)."""
        self._check_same_terms(plan, "plan")
        return self._change_lines(PlannedLines(plan_id=plan.plan_id, plan_version_id=plan.id,
                                               lines=plan.lines_for(quantities)), at, actor, "plan")

    def _change_lines(self, new: PlannedLines, at: datetime, actor: str, change: str) -> Proration | None:
        self._check_changeable(at.date())
        self.pending = None
        downgrade = period_amount(new.lines, self.money) < period_amount(self.lines, self.money)
        if downgrade and self.downgrades is DowngradeTiming.AT_PERIOD_END and self.billed_period is not None:
            self.pending = new
            self._scheduled("downgrade", self.next_period_start, self.next_period_start, at, actor)
            return None
        self.plan_id, self.plan_version_id, self.lines = new.plan_id, new.plan_version_id, new.lines
        return self._rebill(at.date(), self.lines, at, actor, change)

    def _scheduled(self, change: str, on: date, until: date, at: datetime, actor: str) -> None:
        self.events.append(SubscriptionChangeScheduled(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                       change=change, effective_on=on, until=until, actor=actor))

    def pause(self, start: date, until: date, at: datetime, actor: str) -> Proration | None:
        """Pause from `start` (today or later) to `until`, crediting the days of the billed period inside."""
        self._check_changeable(at.date())
        if self.status not in (_S.ACTIVE, _S.PAUSED):
            raise refuse("SubscriptionMustBeActive", f"{self.number} is {self.status}; only an active one pauses")
        if start < at.date():
            raise InvalidValue("start", "a pause starts today or later")
        pause = Pause(start=start, end=until)
        if any(p.start < pause.end and pause.start < p.end for p in self.pauses):
            raise refuse("PausesMustNotOverlap", f"{self.number} is already paused on some of those days")
        end = self.ends_on
        if end is not None and start >= end:
            raise refuse("SubscriptionEndsBeforePause", f"{self.number} ends on {end}")
        self.pauses.append(pause)
        self._scheduled("pause", start, until, at, actor)
        proration = self._rebill(start, self.lines, at, actor, "pause")
        self.on_day(at, actor)
        return proration

    def resume(self, at: datetime, actor: str) -> Proration | None:
        """End the current pause today (or drop the next one), charging the days from today that were not billed."""
        today = at.date()
        pause = min((p for p in self.pauses if p.end > today), key=lambda p: p.start, default=None)
        if pause is None:
            raise refuse("SubscriptionMustBePaused", f"{self.number} has no pause now or to come")
        self._check_changeable(today)
        self.pauses.remove(pause)
        if pause.start < today:
            self.pauses.append(Pause(start=pause.start, end=today))
        proration = self._rebill(today, self.lines, at, actor, "resume")
        self.on_day(at, actor)
        return proration

    def cancel(self, at: datetime, actor: str, *, at_period_end: bool = False, reason: str = "") -> Proration | None:
        """Cancel at the end of the billed period (nothing more is billed), or now, crediting the unused days."""
        if self.status in ENDED:
            raise refuse("SubscriptionMustNotHaveEnded", f"{self.number} is {self.status}")
        if at_period_end and self.billed_period is not None:
            self._check_changeable(at.date())
            self.cancel_at = self.next_period_start
            self._scheduled("cancellation", self.cancel_at, self.cancel_at, at, actor)
            return None
        proration = self._rebill(at.date(), None, at, actor, "cancellation")
        self._status(_S.CANCELLED, at, actor, reason)
        return proration
