"""MRR, subscription-based (peers.md 6b R9, 6d cases 1 and 2): prices normalised to a month, trialing, paused and
ended subscriptions at 0, and a month's movements that always reconcile, exactly and once rounded."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from oms.domain.subscriptions.measures import RecurringHistory, monthly, monthly_movements, movements, mrr, rounded
from oms.domain.subscriptions.periods import Interval, IntervalUnit, add_months
from oms.domain.subscriptions.records import SubscriptionStatus

D = Decimal
S = SubscriptionStatus
MONTH, YEAR, WEEK = Interval(IntervalUnit.MONTH), Interval(IntervalUnit.YEAR), Interval(IntervalUnit.WEEK)
QUARTER = Interval(IntervalUnit.MONTH, 3)
MAR_1, MAR_31 = date(2026, 3, 1), date(2026, 3, 31)


def history(key: str, price: str, interval: Interval = MONTH, starts_on: date = date(2026, 1, 1), *,
            prices: tuple[tuple[date, str], ...] = (), statuses: tuple[tuple[date, SubscriptionStatus], ...] = (),
            pauses: tuple[tuple[date, date], ...] = (), ends_on: date | None = None,
            currency: str = "EUR") -> RecurringHistory:
    return RecurringHistory(subscription_id=key, currency=currency, interval=interval, starts_on=starts_on,
                            ends_on=ends_on, current=D(price), first_status=S.ACTIVE,
                            prices=((starts_on, D(price)), *((day, D(p)) for day, p in prices)),
                            statuses=statuses, pauses=pauses)


def test_prices_are_normalised_to_a_month_yearly_by_12_quarterly_by_3_weekly_by_52_12() -> None:
    assert monthly(D("1200.00"), YEAR) == 100
    assert monthly(D("90.00"), QUARTER) == 30
    assert monthly(D("10.00"), WEEK) == Fraction(130, 3)  # 43.333...
    assert monthly(D("30.00"), Interval(IntervalUnit.DAY, 2)) == Fraction(30 * 365, 24)


def test_mrr_at_month_end_counts_running_subscriptions_only_203_33_and_arr_2440_00() -> None:
    book = [history("A", "30.00"), history("B", "1200.00", YEAR), history("C", "10.00", WEEK),
            history("D", "90.00", QUARTER),
            history("E", "50.00", starts_on=date(2026, 4, 15)),  # trialing until Apr 15
            history("F", "25.00", statuses=((date(2026, 2, 10), S.CANCELLED),)),
            history("G", "20.00", pauses=((date(2026, 3, 10), date(2026, 5, 1)),))]

    [march] = movements(book, MAR_1)
    shown = march.shown()

    assert mrr(book, MAR_31) == {"EUR": Fraction(610, 3)}
    assert (shown.end, shown.arr) == (D("203.33"), D("2440.00"))
    assert (shown.start, shown.churn, shown.new) == (D("223.33"), D("20.00"), D("0.00"))
    assert shown.subscriptions == 4


def test_a_month_with_a_new_an_upgrade_a_downgrade_and_a_churn_goes_from_203_33_to_218_33() -> None:
    book = [history("U", "30.00", prices=((date(2026, 3, 16), "60.00"),)),  # an upgrade, 30 to 60
            history("B", "840.00", YEAR), history("C", "10.00", WEEK),
            history("D", "90.00", QUARTER, prices=((date(2026, 3, 20), "60.00"),)),  # 90 a quarter to 60
            history("X", "30.00", statuses=((date(2026, 3, 12), S.CANCELLED),)),
            history("N", "25.00", starts_on=date(2026, 3, 5))]

    [march] = movements(book, MAR_1)
    shown = march.shown()

    assert shown.start == D("203.33")
    assert (shown.new, shown.expansion, shown.contraction, shown.churn, shown.reactivation) == (
        D("25.00"), D("30.00"), D("10.00"), D("30.00"), D("0.00"))
    assert shown.end == D("218.33") == shown.start + shown.new + shown.expansion - shown.contraction - shown.churn


def test_a_subscription_back_from_a_pause_or_from_unpaid_is_a_reactivation_not_a_new_one() -> None:
    book = [history("P", "20.00", pauses=((date(2026, 2, 1), date(2026, 3, 10)),)),
            history("U", "30.00", statuses=((date(2026, 2, 20), S.UNPAID), (date(2026, 3, 3), S.ACTIVE))),
            history("N", "40.00", starts_on=date(2026, 3, 2))]

    [march] = movements(book, MAR_1)

    assert (march.reactivation, march.new, march.start) == (Fraction(50), Fraction(40), Fraction(0))


def test_currencies_are_never_added_up() -> None:
    book = [history("A", "30.00"), history("B", "10.00", currency="USD")]

    assert [(m.currency, m.shown().end) for m in movements(book, MAR_1)] == [("EUR", D("30.00")), ("USD", D("10.00"))]


days = st.dates(date(2025, 10, 1), date(2026, 6, 30))
statuses = st.sampled_from([S.ACTIVE, S.PAST_DUE, S.UNPAID, S.PAUSED, S.CANCELLED, S.EXPIRED])
amounts = st.decimals(D("0.01"), D("5000.00"), places=2)
intervals = st.builds(Interval, st.sampled_from(IntervalUnit), st.integers(1, 12))


@st.composite
def histories(draw: st.DrawFn, key: int) -> RecurringHistory:
    starts_on = draw(days)
    changes = sorted(draw(st.lists(st.tuples(days, amounts), max_size=4)))
    moves = sorted(draw(st.lists(st.tuples(days, statuses), max_size=3)))
    cuts = sorted(draw(st.lists(days, max_size=4, unique=True)))
    pauses = tuple((cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2))
    return RecurringHistory(
        subscription_id=str(key), currency=draw(st.sampled_from(["EUR", "USD", "JPY"])), interval=draw(intervals),
        starts_on=starts_on, ends_on=draw(st.none() | days), current=draw(amounts),
        first_status=draw(statuses), prices=((starts_on, draw(amounts)), *changes), statuses=tuple(moves),
        pauses=pauses)


@given(st.lists(st.integers(), max_size=12).flatmap(
    lambda keys: st.tuples(*(histories(key) for key in range(len(keys))))), days)
def test_the_movements_of_any_month_always_reconcile_exactly_and_to_the_cent(
        book: tuple[RecurringHistory, ...], month: date) -> None:
    found = movements(book, month)

    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    start, end = mrr(book, first - timedelta(days=1)), mrr(book, last)
    for moved in found:
        shown = moved.shown()
        assert moved.start == start.get(moved.currency, 0)
        assert moved.end == end.get(moved.currency, 0)
        assert min(moved.new, moved.expansion, moved.reactivation, moved.contraction, moved.churn) >= 0
        assert shown.end == shown.start + shown.new + shown.expansion + shown.reactivation - shown.contraction \
            - shown.churn
        assert shown.end == rounded(moved.end, moved.currency)
        assert shown.arr == rounded(12 * moved.end, moved.currency)
    assert {m.currency for m in found} == {c for c in (*start, *end) if start.get(c) or end.get(c)}


@given(st.lists(st.integers(), max_size=12).flatmap(
    lambda keys: st.tuples(*(histories(key) for key in range(len(keys))))), st.lists(days, max_size=8),
    st.integers(1, 9))
def test_the_movements_of_several_months_at_once_are_each_months_own_in_a_row_or_not(
        book: tuple[RecurringHistory, ...], months: list[date], count: int) -> None:
    in_a_row = [add_months(date(2025, 10, 1), n) for n in range(count)]

    apart, following = monthly_movements(book, months), monthly_movements(book, in_a_row)

    assert apart == [movements(book, month) for month in months]
    assert following == [movements(book, month) for month in in_a_row]
    assert all(moved.start == mrr(book, month - timedelta(days=1)).get(moved.currency, 0)
               for month, moves in zip(in_a_row, following, strict=True) for moved in moves)


@given(histories(0), st.lists(days, max_size=12))
def test_mrr_on_several_days_at_once_is_its_mrr_on_each(history: RecurringHistory, on: list[date]) -> None:
    ascending = sorted(on)

    assert history.mrr_on_days(ascending) == [history.mrr_on(day) for day in ascending]
