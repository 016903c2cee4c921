"""The listings of quotations and sales orders: filters in the query string, pages by an opaque cursor."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime

import attrs
from attrs import frozen

from oms.application.sales.queries import summary_view
from oms.application.sales.views import DocumentPage
from oms.application.service import OrderManagement
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.http.problems import Culprit, Problem
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_LIMIT, ListingQuery, Page
from oms.ports.unit_of_work import UnitOfWork

# Bounds keep every URL within what servers accept (gunicorn: a 4094-byte request line).
CODE = {"schema": {"maxLength": 64}}
STATUSES = {"schema": {"maxItems": 10}}


class Order(enum.StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"


@frozen(kw_only=True)
class DocumentFilter:
    """`status` may be repeated (any of them); `customer` and `branch` are codes; `created_from` is inclusive,
    `created_until` exclusive; `limit` is 1 to 500; `cursor` is a page's `next_cursor`, with the same filters."""

    customer: str | None = attrs.field(default=None, metadata=CODE)
    branch: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    order: Order = Order.NEWEST
    limit: int = attrs.field(default=DEFAULT_LIMIT, metadata={"schema": {"minimum": 1, "maximum": MAX_LIMIT}})
    cursor: str | None = attrs.field(default=None, metadata={"schema": {"maxLength": 200,
                                                                        "pattern": "^[A-Za-z0-9_-]+$"}})


@frozen(kw_only=True)
class QuotationFilter(DocumentFilter):
    status: tuple[QuotationStatus, ...] = attrs.field(default=(), metadata=STATUSES)


@frozen(kw_only=True)
class SalesOrderFilter(DocumentFilter):
    status: tuple[SalesOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)


def _bad_parameter(error: InvalidValue) -> Problem:
    name = {"created": "created_from"}.get(error.field, error.field)
    return Problem("malformed-request", f"{name}: {error.detail}", errors=[Culprit(error.detail, parameter=name)])


def document_page(system: OrderManagement, wanted: QuotationFilter | SalesOrderFilter,
                  listing: Callable[[ListingQuery], Page]) -> DocumentPage:
    """A page of documents; a customer or branch code that does not exist matches nothing."""
    customer = branch = None
    if wanted.customer is not None or wanted.branch is not None:
        customer, branch = system.read(_ids, wanted.customer, wanted.branch)
    try:
        query = ListingQuery(statuses=tuple(s.value for s in wanted.status),
                             customer_id=_id_or_none(customer, wanted.customer),
                             branch_id=_id_or_none(branch, wanted.branch),
                             created_from=wanted.created_from, created_until=wanted.created_until,
                             newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)
        page = listing(query)
    except InvalidValue as error:
        raise _bad_parameter(error) from None
    return DocumentPage(items=[summary_view(s) for s in page.items], next_cursor=page.next_cursor)


def _ids(uow: UnitOfWork, customer_code: str | None, branch_code: str | None) -> tuple[str | None, str | None]:
    customer = uow.masterdata.customers.by_code(customer_code) if customer_code is not None else None
    branch = uow.masterdata.branches.by_code(branch_code) if branch_code is not None else None
    return (customer.id if customer else None), (branch.id if branch else None)


def _id_or_none(found: str | None, code: str | None) -> str | None:
    """The id of the code asked for; for a code that does not exist, an id that matches nothing (ids are hex)."""
    if code is None:
        return None
    return found if found is not None else f"no such code: {code}"
