"""The rules of the purchasing and ageing reports: which purchase orders are still open, when their goods are
expected, and which bucket an unpaid amount falls in by days past its due date.

- an order's goods are expected its supplier's lead time (days) after the day it was ordered (the first time it
  became ordered, UTC): purchase orders carry no promised date of their own, so the lead time the supplier quotes is
  the promise (the supplier's current lead time: changing it changes the expectation of orders still open);
- a receipt is on time when it arrives on or before that day; its days late are the days after it (0 or fewer: on
  time);
- ageing buckets by days past due on the day the ageing is taken, as the customer ageing of invoicing does
  (`oms.domain.invoicing.receivables.bucket`): not due (due that day or later, or no due date), 1-30, 31-60, 61-90,
  over 90.
"""

from __future__ import annotations

from datetime import date, timedelta

from oms.domain.invoicing.receivables import BUCKETS, bucket

OPEN_ORDER_STATUSES = frozenset({"ordered", "partially_received", "received"})
"""Purchase orders whose remainder is still to arrive: ordered and neither closed nor cancelled (a received one has
a remainder again after a return to the supplier). Drafts, sent orders and orders awaiting approval are not
commitments yet."""

ORDERED = "ordered"

AGEING_BUCKETS = BUCKETS
AGEING_TITLES = {"current": "Not due", "days_1_30": "1-30 days", "days_31_60": "31-60 days",
                 "days_61_90": "61-90 days", "days_over_90": "Over 90 days"}


def expected_on(ordered_on: date, lead_time_days: int) -> date:
    """The day an order's goods are expected: its lead time after the day it was ordered."""
    return ordered_on + timedelta(days=lead_time_days)


def days_late(arrived_on: date, expected: date) -> int:
    """How many days after the expected day something arrived (0 or fewer: on time)."""
    return (arrived_on - expected).days


def ageing_bucket(due_date: date | None, as_of: date) -> str:
    return bucket(due_date, as_of)


def bucket_floors(as_of: date) -> tuple[date, date, date, date]:
    """The earliest due date of each bucket but the last, for stores that compare dates: due on or after the first
    is not due; on or after the second, 1-30 days; the third, 31-60; the fourth, 61-90; before it, over 90."""
    return as_of, as_of - timedelta(days=30), as_of - timedelta(days=60), as_of - timedelta(days=90)
