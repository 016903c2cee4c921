"""In-memory listings: the committed rows of an InMemoryStore, filtered, sorted and paged like the SQL ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from oms.adapters.memory.production_listings import LISTINGS as PRODUCTION_LISTINGS
from oms.adapters.memory.production_listings import production_rows
from oms.adapters.memory.store import InMemoryStore
from oms.adapters.memory.subscription_listings import LISTINGS as SUBSCRIPTION_LISTINGS
from oms.adapters.memory.subscription_listings import subscription_rows
from oms.adapters.memory.supplier_listings import LISTINGS as SUPPLIER_LISTINGS
from oms.adapters.memory.supplier_listings import supplier_rows
from oms.domain.invoicing.invoices import Invoice
from oms.domain.shared.items import ProductKind
from oms.ports.invoicing.listings import INVOICES, InvoiceSummary, bills_order, dated_within
from oms.ports.masterdata.listings import CUSTOMERS, PRODUCTS, SUPPLIERS
from oms.ports.production.listings import BOMS
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary, backordered, expiring, searched
from oms.ports.shared.listings import Listing, ListingQuery, Page, decode_cursor, page_of
from oms.ports.stock.listings import LOW_STOCK, MOVEMENTS, LevelRow, MovementRow
from oms.ports.subscriptions.listings import PLANS

T = TypeVar("T")


class InMemoryListings:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def page(self, listing: Listing[T], query: ListingQuery) -> Page[T]:
        query = query.checked(listing)
        rows, position, keep = self._rows(listing.name, query)
        rows = [row for row in rows if keep(row)]
        after = decode_cursor(listing, query)
        rows.sort(key=position, reverse=query.newest_first)
        if after is not None:
            rows = [row for row in rows if (position(row) < after if query.newest_first else position(row) > after)]
        return page_of(listing, rows[: query.limit + 1], query, position)

    def _rows(self, name: str, query: ListingQuery) -> tuple[list[Any], Callable[[Any], Any], Callable[[Any], bool]]:
        wanted = {key: value for key, value in query.filters.items() if value is not None and value != ()}
        if name in (SALES_ORDERS.name, QUOTATIONS.name):
            kind = "sales_order" if name == SALES_ORDERS.name else "quotation"
            return (self._summaries(kind, wanted), lambda s: (s.created_at, s.id),
                    lambda s: _matches(s, wanted, "created_at"))
        if name in SUPPLIER_LISTINGS:
            return supplier_rows(self._store, name, wanted), lambda s: (s.created_at, s.id), lambda s: True
        if name in PRODUCTION_LISTINGS:
            position = (lambda s: (s.sku,)) if name == BOMS.name else (lambda s: (s.created_at, s.id))
            return production_rows(self._store, name, wanted), position, lambda s: True
        if name in SUBSCRIPTION_LISTINGS:
            position = (lambda s: (s.code,)) if name == PLANS.name else (lambda s: (s.created_at, s.id))
            return subscription_rows(self._store, name, wanted), position, lambda s: True
        if name == INVOICES.name:
            return (self._invoices(wanted), lambda s: (s.created_at, s.id), lambda s: _matches(s, wanted, "created_at"))
        if name in (PRODUCTS.name, CUSTOMERS.name, SUPPLIERS.name):
            key = "sku" if name == PRODUCTS.name else "code"
            return (self._store.load_all({PRODUCTS.name: "product", CUSTOMERS.name: "customer"}.get(name, "supplier")),
                    lambda obj: (getattr(obj, key),), lambda obj: _master(obj, key, wanted))
        if name == MOVEMENTS.name:
            return (self._movements(), lambda row: (row.movement.at, row.movement.id),
                    lambda row: _matches(row.movement, wanted, "at"))
        if name == LOW_STOCK.name:
            return (self._levels(), lambda row: (row.level.available, row.sku, row.warehouse_code),
                    lambda row: _low(row, wanted))
        raise LookupError(f"no listing {name}")

    def _codes(self, kind: str, attribute: str = "code") -> dict[str, str]:
        return {obj.id: getattr(obj, attribute) for obj in self._store.load_all(kind)}

    def _summaries(self, kind: str, wanted: dict[str, Any]) -> list[DocumentSummary]:
        """The documents' rows, kept to those that the filters reading the document itself take."""
        customers, branches = self._codes("customer"), self._codes("branch")
        names = self._codes("customer", "name")

        def keep(doc: Any) -> bool:
            texts = (doc.number, customers.get(doc.customer_id, ""), names.get(doc.customer_id, ""),
                     getattr(doc, "customer_reference", ""))
            return (("search" not in wanted or searched(str(wanted["search"]), *texts))
                    and ("valid_until_before" not in wanted or expiring(doc, wanted["valid_until_before"]))
                    and ("backordered" not in wanted or backordered(doc) is bool(wanted["backordered"])))

        return [DocumentSummary(id=doc.id, number=doc.number, status=str(doc.status), customer_id=doc.customer_id,
                                customer_code=customers.get(doc.customer_id, ""), branch_id=doc.branch_id,
                                branch_code=branches.get(doc.branch_id, ""), currency=doc.currency,
                                grand_total=doc.grand_total, created_at=doc.created_at)
                for doc in self._store.load_all(kind) if keep(doc)]

    def _invoices(self, wanted: dict[str, Any]) -> list[InvoiceSummary]:
        """The invoices' rows, kept to those that the filters reading the document itself take."""
        customers, branches = self._codes("customer"), self._codes("branch")
        names = self._codes("customer", "name")
        documents: dict[str, Invoice] = {invoice.id: invoice for invoice in self._store.load_all("invoice")}

        def keep(doc: Invoice) -> bool:
            credited = documents.get(doc.credited_invoice_id or "")
            return (("search" not in wanted or searched(str(wanted["search"]), doc.number or "",
                                                        customers.get(doc.customer_id, ""),
                                                        names.get(doc.customer_id, "")))
                    and ("kind" not in wanted or str(doc.kind) in set(wanted["kind"]))
                    and ("order_id" not in wanted or bills_order(doc, wanted["order_id"], credited))
                    and dated_within(doc.invoice_date, wanted.get("dated_from"), wanted.get("dated_until")))

        return [InvoiceSummary(id=doc.id, kind=str(doc.kind), status=str(doc.status), number=doc.number,
                               invoice_date=doc.invoice_date, customer_id=doc.customer_id,
                               customer_code=customers.get(doc.customer_id, ""),
                               branch_code=branches.get(doc.branch_id, ""), currency=doc.currency,
                               grand_total=doc.totals.grand_total, created_at=doc.created_at)
                for doc in documents.values() if keep(doc)]

    def _movements(self) -> list[MovementRow]:
        skus, warehouses = self._codes("product", "sku"), self._codes("warehouse")
        units = self._codes("product", "uom")
        return [MovementRow(movement=m, sku=skus.get(m.product_id, ""),
                            warehouse_code=warehouses.get(m.warehouse_id, ""), uom=units.get(m.product_id, "unit"))
                for m in list(self._store.movements)]

    def _levels(self) -> list[LevelRow]:
        products = {product.id: product for product in self._store.load_all("product")}
        warehouses = self._codes("warehouse")
        return [LevelRow(level=level, sku=products[level.product_id].sku,
                         warehouse_code=warehouses.get(level.warehouse_id, ""), uom=products[level.product_id].uom)
                for level in self._store.load_all("stock_level")
                if products[level.product_id].kind is ProductKind.STOCKED]


def _low(row: LevelRow, wanted: dict[str, Any]) -> bool:
    return (("available_at_most" not in wanted or row.level.available <= wanted["available_at_most"])
            and ("warehouse_id" not in wanted or row.level.warehouse_id == wanted["warehouse_id"]))


def _matches(row: Any, wanted: dict[str, Any], time: str) -> bool:
    checks: Iterable[bool] = (
        ("status" not in wanted or str(row.status) in set(wanted["status"])),
        ("customer_id" not in wanted or row.customer_id == wanted["customer_id"]),
        ("branch_id" not in wanted or row.branch_id == wanted["branch_id"]),
        ("product_id" not in wanted or row.product_id == wanted["product_id"]),
        ("warehouse_id" not in wanted or row.warehouse_id == wanted["warehouse_id"]),
        ("document" not in wanted or row.reference == wanted["document"]
         or row.reference.startswith(wanted["document"] + " ")),
        ("from" not in wanted or getattr(row, time) >= wanted["from"]),
        ("until" not in wanted or getattr(row, time) < wanted["until"]),
    )
    return all(checks)


def _master(obj: Any, key: str, wanted: dict[str, Any]) -> bool:
    text = str(wanted.get("search", "")).lower()
    return (("active" not in wanted or obj.active is bool(wanted["active"]))
            and ("category" not in wanted or getattr(obj, "category", None) == wanted["category"])
            and (not text or text in getattr(obj, key).lower() or text in obj.name.lower()))
