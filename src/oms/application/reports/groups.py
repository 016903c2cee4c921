"""Sales figures grouped for a report: by a bucket of a period (day, week, month, quarter, year) or by product,
customer or branch, per currency, with the labels a reader knows them by.

A group's figures of the previous period are those of the same product, customer or branch; a bucket's are those
of the bucket at the same place in the previous period (the second month of this quarter against the second month
of the last). Amounts are summed unrounded and rounded once per group to the currency's minor unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import cache

from attrs import define, field

from oms.domain.reports.periods import DateRange, Granularity, bucket_label, bucket_start
from oms.domain.reports.tables import Column
from oms.domain.shared.money import Currency
from oms.ports.reports.sales import SalesFilter, SalesKey, SalesMeasure
from oms.ports.unit_of_work import UnitOfWork

PERIODS = tuple(granularity.value for granularity in Granularity)
PARTIES = (SalesKey.PRODUCT.value, SalesKey.CUSTOMER.value, SalesKey.BRANCH.value)
GROUPINGS = ("month", *(p for p in PERIODS if p != "month"), *PARTIES)
TOP = 20  # groups shown by name; the others are summed into one row
OTHERS = "Others"

Group = date | str  # the first day of a bucket, or the id of a product, customer or branch
Sums = dict[tuple[Group, str], list[Decimal]]  # (group, currency) -> [quantity, amount]


def is_period(by: str) -> bool:
    return by in PERIODS


def filter_of(branch_id: str | None, customer_id: str | None, product_id: str | None,
              category: str | None = None) -> SalesFilter:
    return SalesFilter(branch_id=branch_id, customer_id=customer_id, product_id=product_id, category=category)


def summed(uow: UnitOfWork, measure: SalesMeasure, by: str, span: DateRange, wanted: SalesFilter) -> Sums:
    """The measure over the span, per group of `by` and currency."""
    key = SalesKey.DAY if is_period(by) else SalesKey(by)
    sums: Sums = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for figure in uow.reports.sales_figures(measure, key, span.first, span.end, wanted):
        group = bucket_start(figure.key, Granularity(by)) if isinstance(figure.key, date) else figure.key
        found = sums[(group, figure.currency)]
        found[0] += figure.quantity
        found[1] += figure.amount
    return sums


def shifted(sums: Sums, by: str, now: DateRange, before: DateRange) -> Sums:
    """The previous period's sums moved onto this period's buckets, place by place (groups that are not buckets
    stay as they are); buckets beyond this period's count are left out."""
    if not is_period(by):
        return sums
    granularity = Granularity(by)
    starts, earlier = list(now.buckets(granularity)), list(before.buckets(granularity))
    moved: Sums = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for (group, currency), (quantity, amount) in sums.items():
        assert isinstance(group, date)
        index = earlier.index(group)
        if index < len(starts):
            found = moved[(starts[index], currency)]
            found[0] += quantity
            found[1] += amount
    return moved


def rounded(amount: Decimal, currency: str) -> Decimal:
    return _rounding(currency)(amount) if currency else amount


@cache
def _rounding(currency: str) -> Callable[[Decimal], Decimal]:
    """The currency's rounding, found once (a report rounds each of a few thousand groups)."""
    return Currency.of(currency).round


@define
class Labels:
    """The columns that name a group, and how to fill them: the products, customers or branches of the groups
    shown are read together (`read`) before their rows are labelled."""

    columns: tuple[Column, ...]
    uow: UnitOfWork
    by: str
    _names: dict[str, tuple[str, str]] = field(factory=dict, init=False)

    @classmethod
    def of(cls, uow: UnitOfWork, by: str) -> Labels:
        if is_period(by):
            return cls((Column("period", "Period"),), uow, by)
        titles = {"product": ("SKU", "Product"), "customer": ("Customer", "Name"), "branch": ("Branch", "Name")}
        code, name = titles[by]
        return cls((Column(by, code), Column("name", name)), uow, by)

    @property
    def x(self) -> str:
        return self.columns[0].name

    def read(self, groups: Iterable[Group]) -> None:
        """Read the names of these groups (products, customers or branches) in one go."""
        ids = {group for group in groups if isinstance(group, str) and group not in self._names}
        if is_period(self.by) or not ids:
            return
        data = self.uow.masterdata
        if self.by == "product":
            products = data.products.by_ids(ids)
            self._names.update((key, (product.sku, product.name)) for key, product in products.items())
        else:
            parties = data.customers.by_ids(ids) if self.by == "customer" else data.branches.by_ids(ids)
            self._names.update((key, (party.code, party.name)) for key, party in parties.items())
        for key in ids - self._names.keys():  # revenue of a SKU that names no product (any more)
            self._names[key] = (key, "")

    def of_group(self, group: Group) -> tuple[str, ...]:
        if isinstance(group, date):
            return (bucket_label(group, Granularity(self.by)),)
        self.read((group,))
        return self._names[group]

    def others(self, count: int) -> tuple[str, ...]:
        return OTHERS, f"{count} more"


def ordered_groups(by: str, span: DateRange, keys: Iterable[tuple[Group, str]],
                   amount_of: dict[tuple[Group, str], Decimal], currency: str | None) -> list[list[tuple[Group, str]]]:
    """The rows to show, each the groups it sums: for a period every bucket of the span (with or without figures)
    in order, a row per currency (the report's `currency` when nothing was found); otherwise the groups by amount
    per currency, largest first (then by id), the first TOP a row each and the rest together in a last row (the
    Others row)."""
    currencies = sorted({found for _, found in keys}) or [currency or ""]
    if is_period(by):
        return [[(start, found)] for start in span.buckets(Granularity(by)) for found in currencies]
    shown: list[list[tuple[Group, str]]] = []
    for found in currencies:
        mine = sorted((k for k in amount_of if k[1] == found), key=lambda k: (-amount_of[k], str(k[0])))
        shown += [[k] for k in mine[:TOP]]
        if mine[TOP:]:
            shown.append(mine[TOP:])
    return shown
