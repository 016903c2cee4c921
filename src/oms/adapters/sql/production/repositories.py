"""SQL repositories of bills of materials, production work orders and service orders, each from the declaration of
its aggregate.

A work order's root row is locked when a changing transaction loads it (`lock=True`), so two outputs reported of one
order at once take turns: the second is checked against the outputs the first posted (peers.md 2d.6, W5), and the
stock levels it then loads are locked in product order as sales does.

A changing transaction reads BOMs a product at a time (all its revisions, in revision order) and locks them: two
activations of a product's revisions take turns, so exactly one stays active even when none was (versions alone
would not see two rows changed by two transactions); locks are taken down the BOM tree, which has no cycles.

A service order is not locked: its rules hold within the order, so two changes at once conflict on its version and
the bus runs one again; and the service work process reads every service order in a changing transaction, which
would lock them all. One service order a sales order line is kept by the unique `sales_line_id`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Table, and_, bindparam, or_, select

from oms.adapters.sql.production import service_tables as s
from oms.adapters.sql.production import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Children, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.domain.production.boms import BillOfMaterials, BomLine, Operation
from oms.domain.production.records import Component, ConsumptionLine, Deviation, Output, Transfer
from oms.domain.production.requirements import Need
from oms.domain.production.service_orders import Billing, LabourLine, Milestone, ServiceOrder
from oms.domain.production.work_orders import WorkOrder

BY_POSITION = ("position",)
CHUNK = 500  # source lines per statement  # a value object's row: its parent's id and its place in the list


def _values(attribute: str, cls: type[Any], table: Table, parent: str) -> Children:
    """A list of value objects without ids, keyed by (parent, position)."""
    return Children(attribute, Entity(cls, table, key=(parent, *BY_POSITION)), parent_column=parent)


BOM = Aggregate(
    "bom",
    Entity(BillOfMaterials, t.boms, children=(
        _values("lines", BomLine, t.bom_lines, "bom_id"),
        _values("operations", Operation, t.bom_operations, "bom_id"),
    )), lock=True)

WORK_ORDER = Aggregate(
    "work_order",
    Entity(WorkOrder, t.work_orders, not_stored=frozenset({"history"}), children=(
        Children("components", Entity(Component, t.work_order_components, composites=(
            Composite("need", Need, ("product_id", "sku", "per_unit", "decimals", "kind")),)),
                 parent_column="work_order_id"),
        Children("outputs", Entity(Output, t.work_order_outputs), parent_column="work_order_id"),
        Children("consumptions", Entity(ConsumptionLine, t.work_order_consumptions), parent_column="work_order_id"),
        _values("transfers", Transfer, t.work_order_transfers, "work_order_id"),
        _values("deviations", Deviation, t.work_order_deviations, "work_order_id"),
    )),
    natural_key="number", audit_trail=AuditTrail(t.work_order_history), lock=True)

SERVICE_ORDER = Aggregate(
    "service_order",
    Entity(ServiceOrder, s.service_orders, not_stored=frozenset({"history"}), children=(
        Children("labour", Entity(LabourLine, s.service_order_labour), parent_column="service_order_id"),
        Children("milestones", Entity(Milestone, s.service_order_milestones), parent_column="service_order_id"),
        _values("billings", Billing, s.service_order_billings, "service_order_id"),
    )),
    natural_key="number", audit_trail=AuditTrail(s.service_order_history))

AGGREGATES = (BOM, WORK_ORDER, SERVICE_ORDER)


class SqlBomRepository(SqlRepository[BillOfMaterials]):
    aggregate = BOM

    def revisions(self, product_id: str) -> Sequence[BillOfMaterials]:
        return self._select("revisions", lambda table: select(table).where(
            table.c.product_id == bindparam("product_id")).order_by(table.c.revision), product_id=product_id)

    def active(self, product_id: str) -> BillOfMaterials | None:
        # Read from the product's revisions, so that a revision activated in this unit of work counts.
        return next((bom for bom in self.revisions(product_id) if bom.active), None)


class SqlWorkOrderRepository(SqlRepository[WorkOrder]):
    aggregate = WORK_ORDER

    def by_number(self, number: str) -> WorkOrder | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[WorkOrder]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def children(self, parent_id: str) -> Sequence[WorkOrder]:
        return self._select("children", lambda table: select(table).where(
            table.c.parent_id == bindparam("parent_id")).order_by(table.c.created_at, table.c.id),
            parent_id=parent_id)

    def made_for(self, sales_order_id: str) -> Sequence[WorkOrder]:
        return self._select("made_for", lambda table: select(table).where(
            table.c.sales_order_id == bindparam("sales_order_id")).order_by(table.c.created_at, table.c.id),
            sales_order_id=sales_order_id)


class SqlServiceOrderRepository(SqlRepository[ServiceOrder]):
    aggregate = SERVICE_ORDER

    def by_number(self, number: str) -> ServiceOrder | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[ServiceOrder]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def of_source_lines(self, line_ids: Collection[str]) -> Sequence[ServiceOrder]:
        todo, found = sorted(set(line_ids)), []
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            found.extend(self._select(f"of_source_lines:{len(chunk)}", partial(_of_source_lines, len(chunk)),
                                      **{f"n{index}": value for index, value in enumerate(chunk)}))
        return sorted(found, key=lambda order: order.id)


def _of_source_lines(count: int, table: Table) -> Any:
    """The service orders of `count` sales order lines (the unique sales_line_id), or on their own by id."""
    among: list[Any] = [bindparam(f"n{index}") for index in range(count)]
    return select(table).where(or_(table.c.sales_line_id.in_(among),
                                   and_(table.c.sales_line_id.is_(None), table.c.id.in_(among)))).order_by(table.c.id)


class SqlProductionDocuments:
    """The production repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.boms = SqlBomRepository(session)
        self.work_orders = SqlWorkOrderRepository(session)
        self.service_orders = SqlServiceOrderRepository(session)
