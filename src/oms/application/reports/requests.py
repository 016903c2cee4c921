"""What a person asks a report for (dates, grouping, basis, filters by code) and what it covers once the codes are
resolved: the `Scope` every report is run with."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from oms.domain.reports.periods import DateRange, add_months
from oms.domain.shared.errors import InvalidValue
from oms.ports.unit_of_work import UnitOfWork

FILTERS = ("branch", "customer", "supplier", "product", "category", "warehouse")
"""The filters a report may take, by code (a branch's, customer's, supplier's or warehouse's code, a product's SKU,
a category's name)."""


@frozen(kw_only=True)
class ReportRequest:
    """`start` and `end`: the first and last day covered (both included; default the last twelve months, this one
    included, or the month so far for reports by product, customer or party); `as_of`: the day a report at a date
    is taken (default today); `by`: how rows are grouped (a period, product, customer, ...; default the report's
    first); `basis`: which documents count (default the report's first); filters by code."""

    start: date | None = None
    end: date | None = None
    as_of: date | None = None
    by: str | None = None
    basis: str | None = None
    branch: str | None = None
    customer: str | None = None
    supplier: str | None = None
    product: str | None = None
    category: str | None = None
    warehouse: str | None = None

    def given_filters(self) -> dict[str, str]:
        return {name: value for name in FILTERS if (value := getattr(self, name)) is not None}


@frozen(kw_only=True)
class Scope:
    """A report's request with its codes resolved to ids (`*_id`), its dates settled and `today` from the clock.
    `currency`: the branch's, when a branch is given (amounts are then in it)."""

    today: date
    range: DateRange | None
    as_of: date | None
    by: str | None
    basis: str | None
    branch_id: str | None = None
    customer_id: str | None = None
    supplier_id: str | None = None
    product_id: str | None = None
    category: str | None = None
    warehouse_id: str | None = None
    currency: str | None = None
    filters: tuple[tuple[str, str], ...] = ()  # as given, for the table to say what it covers


def default_range(today: date, months: int = 12) -> DateRange:
    """The last `months` months, this one included, up to today."""
    return DateRange(add_months(today.replace(day=1), 1 - months), today)


def settled_range(request: ReportRequest, today: date) -> DateRange:
    if request.start is None and request.end is None:
        return default_range(today)
    if request.start is None:
        assert request.end is not None
        return DateRange(add_months(request.end.replace(day=1), -11), request.end)
    return DateRange(request.start, request.end if request.end is not None else max(today, request.start))


def resolve(uow: UnitOfWork, request: ReportRequest) -> dict[str, str | None]:
    """The ids of the filters' codes; an unknown code is refused, naming its filter."""
    data = uow.masterdata
    found: dict[str, str | None] = {}

    def known(name: str, thing: object | None) -> str:
        if thing is None:
            raise InvalidValue(name, f"no {name} has the code {getattr(request, name)!r}")
        return str(getattr(thing, "id"))  # noqa: B009 (every master data record has an id)

    if request.branch is not None:
        branch = data.branches.by_code(request.branch)
        found["branch_id"] = known("branch", branch)
        found["currency"] = branch.currency if branch is not None else None
    if request.customer is not None:
        found["customer_id"] = known("customer", data.customers.by_code(request.customer))
    if request.supplier is not None:
        found["supplier_id"] = known("supplier", data.suppliers.by_code(request.supplier))
    if request.product is not None:
        found["product_id"] = known("product", data.products.by_sku(request.product))
    if request.warehouse is not None:
        found["warehouse_id"] = known("warehouse", data.warehouses.by_code(request.warehouse))
    if request.category is not None:
        found["category"] = request.category
    return found
