"""Subscription measures (peers.md 6b R9): MRR, ARR and a month's MRR movements, per currency
(domain/subscriptions/measures.py says how they are defined and rounded).

What a subscription was on a past day is read from what it keeps, not only from what it is now:
- its recurring price on a day is the `recurring` of its last billing record effective on or before that day (each
  renewal and each prorated change keeps the whole-period price of the lines it leaves in effect; a downgrade at
  the period end shows in the renewal that applies it); before any record, the price of its lines now (a first
  period not renewed yet). On a record made before `recurring` was kept, a renewal's amount charged stands for it
  (exact unless that period was partly paused) and a change's record is passed over;
- its status on a day is the one its audit trail says it had at the end of that day; its pauses, its anchor (the
  end of its trial) and the day it ends (a cancellation at the period end, a fixed term) are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import money
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency, Money
from oms.domain.subscriptions.measures import RecurringHistory, month_of, movements
from oms.domain.subscriptions.periods import Schedule
from oms.domain.subscriptions.plans import period_amount
from oms.domain.subscriptions.records import SubscriptionStatus
from oms.domain.subscriptions.subscriptions import end_day
from oms.ports.subscriptions.recurring import BilledPrice, SubscriptionTerms
from oms.ports.subscriptions.repositories import RENEWAL, SubscriptionsUnitOfWork

MONTH_PATTERN = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"
"""A month written YYYY-MM, from 1900-01 to 2999-12."""


def month_named(text: str, field: str = "month") -> date:
    """The first day of the month written `text` (YYYY-MM, from 1900-01 to 2999-12)."""
    if re.fullmatch(MONTH_PATTERN, text) is None:
        raise InvalidValue(field, f"{text!r} is not a month: write YYYY-MM, e.g. 2026-03 (from 1900-01 to 2999-12)")
    return date.fromisoformat(f"{text}-01")


@frozen(kw_only=True)
class MrrView:
    """One currency's MRR at the end of the month, ARR, and the month's movements: `mrr` = `mrr_start` + `new` +
    `expansion` + `reactivation` - `contraction` - `churn`, to the cent."""

    currency: str
    mrr: Money
    arr: Money
    mrr_start: Money
    new: Money
    expansion: Money
    reactivation: Money
    contraction: Money
    churn: Money
    subscriptions: int  # with MRR at the end of the month


@frozen(kw_only=True)
class SubscriptionMeasures:
    month: str  # 2026-03
    first_day: date
    last_day: date
    currencies: list[MrrView]


def _prices(records: Sequence[BilledPrice]) -> tuple[tuple[date, Decimal], ...]:
    kept = []
    for record in records:
        price = record.recurring if record.recurring is not None else \
            record.charged if record.change == RENEWAL else None
        if price is not None:
            kept.append((record.effective_on, price))
    return tuple(kept)


def recurring_history(terms: SubscriptionTerms, records: Sequence[BilledPrice]) -> RecurringHistory:
    """What the subscription's MRR on any day is computed from (see the module's docstring), from its terms and its
    billing records in the order they took effect."""
    changes = terms.history
    return RecurringHistory(
        subscription_id=terms.id, currency=terms.currency, interval=terms.interval, starts_on=terms.anchor,
        ends_on=end_day(Schedule(terms.anchor, terms.interval), terms.cancel_at, terms.term_periods),
        current=period_amount(terms.lines, Currency.of(terms.currency)),
        first_status=SubscriptionStatus(changes[0].from_status) if changes else terms.status,
        prices=_prices(records),
        statuses=tuple((change.at.date(), SubscriptionStatus(change.to_status)) for change in changes),
        pauses=tuple(sorted((pause.start, pause.end) for pause in terms.pauses)))


def recurring_histories(uow: SubscriptionsUnitOfWork) -> list[RecurringHistory]:
    """Every subscription's history, read at once: the subscriptions' terms and their billing records' prices, not
    the aggregates nor the records whole (SubscriptionRepository.terms, BillingRecordRepository.prices)."""
    prices = uow.subscriptions.billing.prices()
    return [recurring_history(terms, prices.get(terms.id, ())) for terms in uow.subscriptions.subscriptions.terms()]


def subscription_measures(uow: SubscriptionsUnitOfWork, month: date) -> SubscriptionMeasures:
    """MRR and ARR at the end of the month of `month` (any day of it), and the month's MRR movements (new,
    expansion, reactivation, contraction, churn), per currency: subscription-based, before tax, normalised to a
    month (docs/rules.md)."""
    histories = recurring_histories(uow)
    first, last = month_of(month)
    views = []
    for moved in movements(histories, month):
        shown, currency = moved.shown(), moved.currency
        views.append(MrrView(
            currency=currency, mrr=money(shown.end, currency), arr=money(shown.arr, currency),
            mrr_start=money(shown.start, currency), new=money(shown.new, currency),
            expansion=money(shown.expansion, currency), reactivation=money(shown.reactivation, currency),
            contraction=money(shown.contraction, currency), churn=money(shown.churn, currency),
            subscriptions=shown.subscriptions))
    return SubscriptionMeasures(month=f"{first:%Y-%m}", first_day=first, last_day=last, currencies=views)
