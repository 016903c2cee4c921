"""The statements of the ageing of a day (ledgers.py adds them up), read from the open items of receivables or
payables and what they add up to (invoicing/open_items.py, migration 0039), never from the settled history:

- BALANCES: what the items still open add up to per group and currency (`*_balances`, a row per party, branch and
  currency);
- CHANGED: of those, the items changed after the day (dated after it, or reduced after it), counted and summed as
  they stand now, to take them off the balances: the rest is what the balances held on the day;
- RECENT: of the rest, the items due on or after the day 90 days before (or never due), by bucket, a row per group
  with a pair of columns per bucket: whatever of the rest they do not hold is over 90 days (no item of it is read);
- UNREDUCED: the items changed after the day, dated on or before it and reduced only after it, in full by bucket;
- SETTLED: the items settled after the day and dated on or before it, and not reduced both before and after it,
  by bucket, each less what reduced it up to the day (all or nothing of `reduced`);
- STRADDLING: the items, open or settled after the day, reduced both before and after it, one row each, with
  their totals: what reduced them up to the day is read from their documents (rare).

Every part reads an index of the open items (by date, due date or last reduction's day) or, for the settled ones
on PostgreSQL, the GiST index of the days they were open (reports/tables.py)."""

from __future__ import annotations

import enum
from itertools import pairwise
from typing import Any

from sqlalchemy import Date, and_, bindparam, case, func, or_, select, union_all
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.open_items import OpenItems
from oms.domain.reports.ledgers import AGEING_BUCKETS
from oms.ports.reports.ledgers import AgeingKey

ITEM_COLUMNS = {"customer_id": "party_id", "supplier_id": "party_id"}  # a filter's column in an item or balance
RECENT_DAYS = 90  # the days of the last bucket's floor before the day: what is due before it is over 90 days


class AgeingPart(enum.Enum):
    BALANCES = "balances"
    CHANGED = "changed"
    RECENT = "recent"
    UNREDUCED = "unreduced"
    SETTLED = "settled"
    STRADDLING = "straddling"


def _bucket(due: Any) -> ColumnElement[str]:
    """The bucket of a due date on the day whose floors are bound as floor_0 to floor_3 (never due: not due)."""
    floors = [bindparam(f"floor_{n}", type_=Date) for n in range(4)]
    return case((or_(due.is_(None), due >= floors[0]), AGEING_BUCKETS[0]),
                *[(due >= floor, name) for floor, name in zip(floors[1:], AGEING_BUCKETS[1:4], strict=True)],
                else_=AGEING_BUCKETS[4])


def _by_bucket(items: Any) -> Any:
    """The items (key, currency, due date, residual) counted and summed per group and currency, a pair of columns
    per bucket but the last (`documents_n`, `residual_n`, n in the order of AGEING_BUCKETS; NULL when none): a row
    per group rather than per group and bucket."""
    owing = items.subquery("owing")
    due = owing.c.due_date
    floors = [bindparam(f"floor_{n}", type_=Date) for n in range(len(AGEING_BUCKETS) - 1)]
    within = [or_(due.is_(None), due >= floors[0]),
              *(and_(due < later, due >= floor) for later, floor in pairwise(floors))]
    return select(owing.c.key, owing.c.currency,
                  *(func.count().filter(bucket).label(f"documents_{n}") for n, bucket in enumerate(within)),
                  *(func.sum(owing.c.residual).filter(bucket).label(f"residual_{n}")
                    for n, bucket in enumerate(within))).group_by(owing.c.key, owing.c.currency)


def ageing_statement(side: OpenItems, key: AgeingKey, party: Any, present: tuple[str, ...], part: AgeingPart, *,
                     postgres: bool) -> Any:
    """The statement of one part (see the module's docstring), its groups named by `party`'s code and name (but
    CHANGED's, whose groups the balances name)."""
    day = bindparam("as_of", type_=Date)
    item = side.items.c
    group_column = "party_id" if key is AgeingKey.PARTY else "branch_id"

    def wanted(table: Any) -> list[ColumnElement[bool]]:
        return [table.c[ITEM_COLUMNS.get(name, name)] == bindparam(name) for name in present]

    def named(found: Any) -> Any:
        counted = found.subquery("counted")
        return select(counted, party.c.code, party.c.name).join(party, party.c.id == counted.c.key)

    def summed(each: Any, *, by_bucket: bool = True) -> Any:
        owing = each.subquery("owing")
        keys = [owing.c.key, owing.c.currency, *((owing.c.bucket,) if by_bucket else ())]
        return select(*keys, func.count().label("documents"), func.sum(owing.c.residual).label("residual")
                      ).group_by(*keys)

    def items(*conditions: Any, residual: Any, document: bool = False) -> Any:
        return select(item[group_column].label("key"), item.currency, _bucket(item.due_date).label("bucket"),
                      *((item.document_id,) if document else ()), residual.label("residual")).where(
            *conditions, *wanted(side.items))

    still_open = item.settled_on.is_(None)
    now = item.total - item.reduced
    if part is AgeingPart.BALANCES:
        b = side.balances.c
        return named(select(b[group_column].label("key"), b.currency, func.sum(b.documents).label("documents"),
                            func.sum(b.owed).label("residual")).where(b.documents > 0, *wanted(side.balances))
                     .group_by(b[group_column], b.currency))
    if part is AgeingPart.CHANGED:
        return summed(union_all(items(still_open, item.document_date > day, residual=now),
                                items(still_open, item.document_date <= day, item.reduced_until > day,
                                      residual=now)), by_bucket=False)
    if part is AgeingPart.RECENT:
        quiet = [still_open, item.document_date <= day, or_(item.reduced_until.is_(None), item.reduced_until <= day)]
        floor = bindparam(f"floor_{len(AGEING_BUCKETS) - 2}", type_=Date)
        return named(_by_bucket(union_all(*(
            select(item[group_column].label("key"), item.currency, item.due_date, now.label("residual")).where(
                *quiet, due, *wanted(side.items)) for due in (item.due_date >= floor, item.due_date.is_(None))))))
    if part is AgeingPart.UNREDUCED:
        return named(summed(items(still_open, item.reduced_until > day, item.reduced_from > day,
                                  item.document_date <= day, residual=item.total)))
    settled_since = (func.daterange(item.document_date, item.settled_on).op("@>")(day) if postgres
                     else item.document_date <= day)
    settled = [item.settled_on.is_not(None), settled_since, item.settled_on > day]
    if part is AgeingPart.SETTLED:
        unreduced = or_(item.reduced_from.is_(None), item.reduced_from > day)
        return named(summed(items(*settled, or_(unreduced, item.reduced_until <= day),
                                  residual=item.total - case((unreduced, 0), else_=item.reduced))))
    straddles = [item.reduced_from <= day, item.reduced_until > day]
    return named(select(union_all(
        items(still_open, item.document_date <= day, *straddles, residual=item.total, document=True),
        items(*settled, *straddles, residual=item.total, document=True)).subquery("owing")))
