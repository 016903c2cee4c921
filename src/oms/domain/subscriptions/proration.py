"""Day-based proration (S9): what some days of a period cost, and the credits and charges that make what is billed
for a period match what was active in it.

The rounding rule, one for every amount of a subscription: the days [a, b) of period [s, e) at a line whose whole
period costs A (quantity x unit price, rounded) cost

    F(b) - F(a),   where F(d) = round(A x (d - s) / (e - s))

rounded half up to the currency's minor unit (`Currency.round`, as every amount of oms). F is the price of the
period's first days up to d, so the prices of consecutive days telescope: however a period is cut by changes,
pauses and cancellations, the pieces of one line add up exactly to F(end) - F(start), the whole period costs A, and a
credit for unused days is exactly what those days were billed (never more than was billed, less earlier credits).
30.00 a month of 31 days, 10 days unused: 30.00 - round(30.00 x 21/31) = 30.00 - 20.32 = 9.68.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise

from attrs import frozen

from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory
from oms.domain.subscriptions.periods import Period
from oms.domain.subscriptions.plans import Lines, PlanLine


@frozen(kw_only=True)
class Segment:
    """The days [start, end) of a period, billed at `lines`."""

    start: date
    end: date
    lines: Lines


@frozen(kw_only=True)
class BillLine:
    """A line of money for the days [start, end) of a period: a charge, or a credit (`amount` is positive either
    way; the record holding it says which). `unit_price` and `quantity` are the plan line's, for whole periods."""

    product_id: str
    sku: str
    quantity: Decimal
    unit_price: Decimal
    tax_category: TaxCategory
    start: date
    end: date
    amount: Decimal


def elapsed_price(amount: Decimal, period: Period, day: date, currency: Currency) -> Decimal:
    """F(day): what the days of `period` before `day` cost of a line whose whole period costs `amount`."""
    return currency.round(amount * (day - period.start).days / period.days)


def days_price(line: PlanLine, period: Period, start: date, end: date, currency: Currency) -> Decimal:
    """What the days [start, end) of `period` cost of `line`: F(end) - F(start)."""
    amount = line.amount(currency)
    return elapsed_price(amount, period, end, currency) - elapsed_price(amount, period, start, currency)


def bill_lines(segments: Iterable[Segment], period: Period, currency: Currency) -> tuple[BillLine, ...]:
    """One bill line per line of each segment, with what its days cost (lines costing nothing are left out)."""
    made = (BillLine(product_id=line.product_id, sku=line.sku, quantity=line.quantity, unit_price=line.unit_price,
                     tax_category=line.tax_category, start=segment.start, end=segment.end,
                     amount=days_price(line, period, segment.start, segment.end, currency))
            for segment in segments for line in segment.lines)
    return tuple(line for line in made if line.amount)


def without(start: date, end: date, holes: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """The days [start, end) less the half-open ranges `holes`, as ordered disjoint ranges."""
    pieces = [(start, end)]
    for hole_start, hole_end in sorted(holes):
        last_start, last_end = pieces[-1]
        if hole_end <= last_start or hole_start >= last_end:
            continue
        pieces.pop()
        pieces += [piece for piece in ((last_start, hole_start), (hole_end, last_end)) if piece[0] < piece[1]]
        if not pieces:
            break
    return pieces


def _lines_on(segments: Sequence[Segment], day: date) -> Lines | None:
    return next((s.lines for s in segments if s.start <= day < s.end), None)


def _merged(segments: Iterable[Segment]) -> list[Segment]:
    """Adjacent segments at the same lines made one (their prices telescope, so nothing changes in money)."""
    result: list[Segment] = []
    for segment in sorted(segments, key=lambda s: s.start):
        if result and result[-1].end == segment.start and result[-1].lines == segment.lines:
            result[-1] = Segment(start=result[-1].start, end=segment.end, lines=segment.lines)
        else:
            result.append(segment)
    return result


@frozen(kw_only=True)
class Rebilled:
    """What a change does to a billed period: the days it now bills, and the credits and charges that get there."""

    segments: tuple[Segment, ...]
    credits: tuple[Segment, ...]
    charges: tuple[Segment, ...]


def rebill(period: Period, billed: Sequence[Segment], wanted: Sequence[Segment], since: date) -> Rebilled:
    """Make the days of `period` from `since` billed as `wanted` says instead of as `billed` says: wherever the
    two differ, credit what was billed and charge what is wanted; days before `since` stay as billed."""
    cuts = sorted({since, period.end} | {day for s in (*billed, *wanted) for day in (s.start, s.end)
                                         if since < day < period.end})
    kept = [Segment(start=s.start, end=min(s.end, since), lines=s.lines) for s in billed if s.start < since]
    credits: list[Segment] = []
    charges: list[Segment] = []
    for start, end in pairwise(cuts):
        was, now = _lines_on(billed, start), _lines_on(wanted, start)
        if now is not None:
            kept.append(Segment(start=start, end=end, lines=now))
        if was == now:
            continue
        if was is not None:
            credits.append(Segment(start=start, end=end, lines=was))
        if now is not None:
            charges.append(Segment(start=start, end=end, lines=now))
    return Rebilled(segments=tuple(_merged(kept)), credits=tuple(_merged(credits)), charges=tuple(_merged(charges)))
