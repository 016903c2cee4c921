"""In-memory rows of the production listings (bills of materials, work orders, service orders), read from an
InMemoryStore's committed aggregates and kept to those every given filter takes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from oms.adapters.memory.store import InMemoryStore
from oms.domain.production.boms import BillOfMaterials
from oms.ports.production.listings import (
    BOMS,
    SERVICE_ORDERS,
    WORK_ORDERS,
    BomSummary,
    ServiceOrderSummary,
    WorkOrderSummary,
)
from oms.ports.sales.listings import searched

LISTINGS = frozenset({BOMS.name, WORK_ORDERS.name, SERVICE_ORDERS.name})


def production_rows(store: InMemoryStore, name: str, wanted: dict[str, Any]) -> list[Any]:
    """The listing's rows that every filter in `wanted` (none empty) takes, in no order."""
    readers: dict[str, Callable[[InMemoryStore], list[tuple[Any, str]]]] = {
        BOMS.name: _boms, WORK_ORDERS.name: _work_orders, SERVICE_ORDERS.name: _service_orders}
    return [row for row, product_id in readers[name](store) if _kept(row, product_id, wanted)]


def _kept(row: Any, product_id: str, wanted: dict[str, Any]) -> bool:
    status = "active" if getattr(row, "active", False) else getattr(row, "status", "inactive")
    texts = [row.sku, getattr(row, "number", None) or getattr(row, "name", "")]
    technician = str(wanted.get("technician", "")).lower()
    return (("status" not in wanted or status in set(wanted["status"]))
            and ("product_id" not in wanted or product_id == wanted["product_id"])
            and ("warehouse_id" not in wanted or row.warehouse_id == wanted["warehouse_id"])
            and ("customer_id" not in wanted or row.customer_id == wanted["customer_id"])
            and ("technician" not in wanted or row.technician.lower() == technician)
            and ("sales_order_id" not in wanted or row.sales_order_id == wanted["sales_order_id"])
            and ("from" not in wanted or row.created_at >= wanted["from"])
            and ("until" not in wanted or row.created_at < wanted["until"])
            and ("search" not in wanted or searched(str(wanted["search"]), *texts)))


def _codes(store: InMemoryStore, kind: str, attribute: str = "code") -> dict[str, str]:
    return {obj.id: getattr(obj, attribute) for obj in store.load_all(kind)}


def _boms(store: InMemoryStore) -> list[tuple[BomSummary, str]]:
    """One row a product: its active revision, else its latest."""
    revisions: dict[str, list[BillOfMaterials]] = defaultdict(list)
    for bom in store.load_all("bom"):
        revisions[bom.product_id].append(bom)
    names = _codes(store, "product", "name")
    rows = []
    for product_id, boms in revisions.items():
        shown = next((bom for bom in boms if bom.active), max(boms, key=lambda bom: bom.revision))
        rows.append((BomSummary(
            id=shown.id, sku=shown.sku, name=names.get(product_id, ""), revision=shown.revision, active=shown.active,
            revisions=len(boms), output_quantity=shown.output_quantity, consumption=str(shown.consumption),
            components=len(shown.lines), operations=len(shown.operations)), product_id))
    return rows


def _work_orders(store: InMemoryStore) -> list[tuple[WorkOrderSummary, str]]:
    orders = store.load_all("work_order")
    warehouses, numbers = _codes(store, "warehouse"), {order.id: order.number for order in orders}
    sales = _codes(store, "sales_order", "number")
    return [(WorkOrderSummary(
        id=o.id, number=o.number, status=str(o.status), sku=o.sku, quantity=o.quantity, produced=o.produced,
        warehouse_id=o.warehouse_id, warehouse_code=warehouses.get(o.warehouse_id, ""),
        sales_order_id=o.sales_order_id, sales_order_number=sales.get(o.sales_order_id or ""),
        parent_number=numbers.get(o.parent_id or ""), created_at=o.created_at), o.product_id)
        for o in orders]


def _service_orders(store: InMemoryStore) -> list[tuple[ServiceOrderSummary, str]]:
    customers, sales = _codes(store, "customer"), _codes(store, "sales_order", "number")
    return [(ServiceOrderSummary(
        id=o.id, number=o.number, status=str(o.status), sku=o.sku, policy=str(o.policy), quantity=o.quantity,
        unit_price=o.unit_price, currency=o.currency, technician=o.technician, slot_start=o.slot_start,
        slot_end=o.slot_end, customer_id=o.customer_id, customer_code=customers.get(o.customer_id or ""),
        sales_order_id=o.sales_order_id, sales_order_number=sales.get(o.sales_order_id or ""),
        delivered=o.delivered, invoiced=o.invoiced, to_invoice=o.to_invoice, created_at=o.created_at),
        o.product_id) for o in store.load_all("service_order")]
