"""Imperative mapping of the domain's attrs classes onto the tables: the domain objects are the persisted objects.

Not mapped, and restored by the `load` listener: the events aggregates record (and StockLevel.new_movements),
which the unit of work moves to the outbox and the movements table; the audit trail (`history`), a list of frozen
StatusChange values that history.py reads and appends; stock movements, frozen too, written by the unit of work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import attrs
from sqlalchemy import Column, event
from sqlalchemy.orm import Composite, Session, UOWTransaction, composite, registry, relationship

from oms.adapters.sql import document_tables as d
from oms.adapters.sql import tables as t
from oms.domain.masterdata.parties import Address, Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.goods_issues import GoodsIssue, GoodsIssueLine
from oms.domain.sales.quotation import Quotation, QuotationLine
from oms.domain.sales.sales_order import OrderLine, SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.tax import TaxRate
from oms.domain.stock.levels import StockLevel
from oms.domain.stock.reservations import Reservation

mapper_registry = registry(metadata=t.metadata)
_lock = threading.Lock()
_started = False

ADDRESS_FIELDS = [f.name for f in attrs.fields(Address)]


def value_object(cls: type[Any], *columns: Column[Any], nullable: bool = False) -> Composite[Any]:
    """A composite attribute for a frozen attrs value object (its `__composite_values__` in column order).
    A nullable one is None when all its columns are NULL."""
    names = [f.name for f in attrs.fields(cls)]

    def construct(*values: Any) -> Any:
        return cls(**dict(zip(names, values, strict=True)))

    none_when: Callable[..., bool] | None = (lambda *values: all(v is None for v in values)) if nullable else None
    return composite(construct, *columns, return_none_on=none_when)


def _address(which: str) -> Composite[Any]:
    return value_object(Address, *(t.customers.c[f"{which}_{part}"] for part in ADDRESS_FIELDS))


def _discount(columns: Any, prefix: str) -> Composite[Any]:
    return value_object(Discount, columns[f"{prefix}_kind"], columns[f"{prefix}_value"], nullable=True)


def _children(cls: type[Any], table: Any) -> Any:
    """An ordered, owned collection: children live and die with their parent, and are loaded with it (so the
    detached copies that queries return are complete)."""
    return relationship(cls, order_by=table.c.position, cascade="all, delete-orphan", lazy="selectin")


def keep_list_order(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """before_flush: number the children whose class has no position of its own (reservations, goods issues and
    their lines) in list order, in the hidden `_position` column the collections are ordered by."""
    for obj in [*session.new, *session.identity_map.values()]:
        if isinstance(obj, SalesOrder):
            collections: list[list[Any]] = [obj.reservations, obj.goods_issues,
                                             *(issue.lines for issue in obj.goods_issues)]
            for children in collections:
                for position, child in enumerate(children):
                    if getattr(child, "_position", None) != position:
                        child._position = position


def _map_master_data() -> None:
    mapper_registry.map_imperatively(Product, t.products, version_id_col=t.products.c.version)
    mapper_registry.map_imperatively(Customer, t.customers, version_id_col=t.customers.c.version, properties={
        "billing_address": _address("billing"),
        "shipping_address": _address("shipping"),
    })
    mapper_registry.map_imperatively(Branch, t.branches, version_id_col=t.branches.c.version)
    mapper_registry.map_imperatively(Warehouse, t.warehouses, version_id_col=t.warehouses.c.version)
    mapper_registry.map_imperatively(TaxRate, t.tax_rates, version_id_col=t.tax_rates.c.version)
    mapper_registry.map_imperatively(StockLevel, t.stock_levels, version_id_col=t.stock_levels.c.version)


def _map_documents() -> None:
    mapper_registry.map_imperatively(QuotationLine, d.quotation_lines, properties={
        "discount": _discount(d.quotation_lines.c, "discount"),
    })
    mapper_registry.map_imperatively(Quotation, d.quotations, version_id_col=d.quotations.c.version, properties={
        "order_discount": _discount(d.quotations.c, "order_discount"),
        "lines": _children(QuotationLine, d.quotation_lines),
    })
    mapper_registry.map_imperatively(OrderLine, d.order_lines, properties={
        "discount": _discount(d.order_lines.c, "discount"),
    })
    mapper_registry.map_imperatively(Reservation, d.reservations, properties={
        "_position": d.reservations.c.position,
    })
    mapper_registry.map_imperatively(GoodsIssueLine, d.goods_issue_lines, properties={
        "_position": d.goods_issue_lines.c.position,
    })
    mapper_registry.map_imperatively(GoodsIssue, d.goods_issues, properties={
        "_position": d.goods_issues.c.position,
        "lines": _children(GoodsIssueLine, d.goods_issue_lines),
    })
    mapper_registry.map_imperatively(SalesOrder, d.sales_orders, version_id_col=d.sales_orders.c.version,
                                     properties={
        "order_discount": _discount(d.sales_orders.c, "order_discount"),
        "lines": _children(OrderLine, d.order_lines),
        "reservations": _children(Reservation, d.reservations),
        "goods_issues": _children(GoodsIssue, d.goods_issues),
    })


def _restore_unpersisted(target: Any, _context: Any) -> None:
    """SQLAlchemy does not call __init__ on load: give back the lists the domain expects to find."""
    target.events = []
    if isinstance(target, StockLevel):
        target.new_movements = []
    else:
        target.history = []


def start_mappers() -> None:
    """Map the domain classes, once per process (safe to call again, and from several threads)."""
    global _started
    with _lock:
        if _started:
            return
        _map_master_data()
        _map_documents()
        for cls in (Quotation, SalesOrder, StockLevel):
            event.listen(cls, "load", _restore_unpersisted)
        mapper_registry.configure()
        _started = True
