"""The listings' query parameters (filters, order, page size, cursor) and what their errors name."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import attrs
from attrs import frozen

from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.http.problems import Culprit, Problem
from oms.entrypoints.json.identifiers import CONTROL
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_CURSOR, MAX_LIMIT

# Bounds keep every URL within what servers accept (gunicorn: a 4094-byte request line).
CODE = {"schema": {"minLength": 1, "maxLength": 64, "pattern": f"^[^{CONTROL}\\s/\\\\]+$"}}  # as `check_code`
SEARCH = {"schema": {"maxLength": 64}}
CURRENCY = {"schema": {"pattern": "^[A-Z]{3}$"}}
STATUSES = {"schema": {"maxItems": 10}}
LIMIT = {"schema": {"minimum": 1, "maximum": MAX_LIMIT}}
CURSOR = {"schema": {"maxLength": MAX_CURSOR, "pattern": "^[A-Za-z0-9_-]+$"}}


class Order(enum.StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"


class KeyOrder(enum.StrEnum):
    ASCENDING = "ascending"
    DESCENDING = "descending"


@frozen(kw_only=True)
class Paging:
    """`limit` is 1 to 500; `cursor` is a page's `next_cursor`, with the same filters and order."""

    limit: int = attrs.field(default=DEFAULT_LIMIT, metadata=LIMIT)
    cursor: str | None = attrs.field(default=None, metadata=CURSOR)


@frozen(kw_only=True)
class DocumentFilter(Paging):
    """`status` may be repeated (any of them); `customer` and `branch` are codes; `created_from` is inclusive,
    `created_until` exclusive; `search` a part of the number, of the customer's code or name (or of an order's
    customer reference), in any case."""

    customer: str | None = attrs.field(default=None, metadata=CODE)
    branch: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@frozen(kw_only=True)
class QuotationFilter(DocumentFilter):
    """`valid_until_before`: open quotations (draft or sent) valid until that day or earlier, not yet expired."""

    status: tuple[QuotationStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    valid_until_before: date | None = None


@frozen(kw_only=True)
class SalesOrderFilter(DocumentFilter):
    """`backordered=true`: open orders with a quantity neither reserved nor issued, waiting for stock (`false`:
    every other order)."""

    status: tuple[SalesOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    backordered: bool | None = None


@frozen(kw_only=True)
class InvoiceFilter(Paging):
    """Invoices and credit notes: `kind` and `status` may be repeated; `customer` a code; `sales_order` an order's
    number or id; `created_from` inclusive, `created_until` exclusive; `dated_from` and `dated_until` the invoice
    date, both inclusive (drafts have none); `search` a part of the number or of the customer's code or name."""

    kind: tuple[InvoiceKind, ...] = attrs.field(default=(), metadata=STATUSES)
    status: tuple[InvoiceStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    customer: str | None = attrs.field(default=None, metadata=CODE)
    sales_order: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    dated_from: date | None = None
    dated_until: date | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@frozen(kw_only=True)
class MasterDataFilter(Paging):
    """`active` true or false; `search` a part of the SKU or code, or of the name, in any case."""

    active: bool | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: KeyOrder = KeyOrder.ASCENDING


@frozen(kw_only=True)
class ProductFilter(MasterDataFilter):
    """`category`: only the products of that category (exactly)."""

    category: str | None = attrs.field(default=None, metadata=SEARCH)


@frozen(kw_only=True)
class MovementFilter(Paging):
    """Movements of a product, in a warehouse, made by a document (its number), in a time span (`at_from`
    inclusive, `at_until` exclusive); oldest first unless `order=newest`."""

    sku: str | None = attrs.field(default=None, metadata=CODE)
    warehouse: str | None = attrs.field(default=None, metadata=CODE)
    document: str | None = attrs.field(default=None, metadata=CODE)
    at_from: datetime | None = None
    at_until: datetime | None = None
    order: Order = Order.OLDEST


@frozen(kw_only=True)
class LowStockFilter:
    """Levels whose available quantity is at or below `threshold` (a decimal), in one `warehouse` (its code) or
    all; the first `limit`, least available first."""

    threshold: Decimal = Decimal(5)
    warehouse: str | None = attrs.field(default=None, metadata=CODE)
    limit: int = attrs.field(default=DEFAULT_LIMIT, metadata=LIMIT)


@frozen(kw_only=True)
class ValuationFilter:
    """The stock as of the end of day `at` (UTC; now when left out), in one `warehouse` (its code) or all."""

    at: date | None = None
    warehouse: str | None = attrs.field(default=None, metadata=CODE)


@contextmanager
def parameters(names: Mapping[str, str]) -> Iterator[None]:
    """Turn a listing's refusal of a value into a 400 naming the query parameter (`names` maps the field the
    listing names to the parameter, e.g. `until` to `created_until`)."""
    try:
        yield
    except InvalidValue as error:
        name = names.get(error.field, error.field)
        raise Problem("malformed-request", f"{name}: {error.detail}",
                      errors=[Culprit(error.detail, parameter=name)]) from None


DOCUMENT_PARAMETERS = {"from": "created_from", "until": "created_until", "created_from": "created_from",
                       "created_until": "created_until"}
MOVEMENT_PARAMETERS = {"from": "at_from", "until": "at_until", "created_from": "at_from",
                       "created_until": "at_until"}
