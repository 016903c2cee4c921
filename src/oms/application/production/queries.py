"""Reads of production: a product's BOM as a tree, a work order and a service order by id or number."""

from __future__ import annotations

from oms.application.masterdata.codes import Codes
from oms.application.production.boms import CreateBom, bom_revision
from oms.application.production.service_orders import service_order_by_ref
from oms.application.production.views import (
    BomNodeView,
    BomView,
    ComponentView,
    DeviationView,
    LabourView,
    MilestoneView,
    OperationView,
    OutputView,
    ServiceOrderView,
    WorkOrderView,
)
from oms.application.production.work_orders import work_order_by_ref
from oms.application.shared.views import history, money
from oms.domain.production.boms import BillOfMaterials, ComponentKind
from oms.domain.production.work_orders import WorkOrder
from oms.ports.production.repositories import ProductionUnitOfWork
from oms.ports.shared.documents import DocumentRef

MAX_DEPTH = 32


def _nodes(uow: ProductionUnitOfWork, bom: BillOfMaterials, depth: int = 0) -> list[BomNodeView]:
    nodes = []
    for line in bom.lines:
        below = uow.production.boms.active(line.product_id) if line.kind is not ComponentKind.NORMAL else None
        nodes.append(BomNodeView(sku=line.sku, quantity=line.quantity, scrap_percent=line.scrap_percent,
                                 kind=line.kind, components=[] if below is None or depth >= MAX_DEPTH
                                 else _nodes(uow, below, depth + 1)))
    return nodes


def show_bom(uow: ProductionUnitOfWork, sku: str, revision: int | None = None) -> BomView:
    """The product's active BOM (or its revision `revision`), kits and sub-assemblies shown with their own active
    BOMs below them."""
    bom = bom_revision(uow, sku, revision, field_name=None)
    currency = uow.masterdata.products.get(bom.product_id).currency
    return BomView(id=bom.id, sku=bom.sku, revision=bom.revision, active=bom.active,
                   output_quantity=bom.output_quantity, consumption=bom.consumption,
                   overhead_per_unit=bom.overhead_per_unit, components=_nodes(uow, bom),
                   operations=[OperationView(name=op.name, hours=op.hours, rate=money(op.rate, currency))
                               for op in bom.operations])


def work_order_view(uow: ProductionUnitOfWork, order: WorkOrder) -> WorkOrderView:
    currency = order.currency
    references = {output.id: output.reference for output in order.outputs}
    skus = {c.product_id: c.sku for c in order.components}
    parent = None if order.parent_id is None else uow.production.work_orders.get(order.parent_id).number
    return WorkOrderView(
        id=order.id, number=order.number, status=order.status, sku=order.sku, quantity=order.quantity,
        produced=order.produced, warehouse_code=Codes(uow).warehouse(order.warehouse_id),
        overproduction_percent=order.overproduction_percent, consumption=order.consumption,
        backflush=order.backflush,
        fully_reserved=order.fully_reserved, parent_number=parent,
        children=[child.number for child in uow.production.work_orders.children(order.id)],
        components=[ComponentView(sku=c.sku, kind=c.need.kind, required=c.required,
                                  transferred=order.transferred(c), consumed=order.consumed(c),
                                  reserved=order.open_reserved(c), missing=order.missing(c))
                    for c in order.components],
        outputs=[OutputView(reference=o.reference, quantity=o.quantity,
                            component_value=money(o.component_value, currency),
                            labour_value=money(o.labour_value, currency),
                            overhead_value=money(o.overhead_value, currency), value=money(o.value, currency),
                            unit_cost=money(o.unit_cost, currency), at=o.at, actor=o.actor) for o in order.outputs],
        deviations=[DeviationView(output_reference=references[d.output_id], sku=skus[d.product_id],
                                  expected=d.expected, actual=d.actual) for d in order.deviations],
        history=history(order.history))


def show_work_order(uow: ProductionUnitOfWork, ref: DocumentRef) -> WorkOrderView:
    """A work order with its components, its outputs and what they cost, and its audit trail.

    Per component: required, reserved, consumed, transferred and missing."""
    return work_order_view(uow, work_order_by_ref(uow, ref))


def show_service_order(uow: ProductionUnitOfWork, ref: DocumentRef) -> ServiceOrderView:
    """A service order with its slot, labour lines and milestones, and what is delivered, invoiced and to invoice."""
    order = service_order_by_ref(uow, ref)
    return ServiceOrderView(
        id=order.id, number=order.number, status=order.status, sku=order.sku, policy=order.policy,
        quantity=order.quantity, unit_price=money(order.unit_price, order.currency), technician=order.technician,
        slot_start=order.slot_start, slot_end=order.slot_end,
        labour=[LabourView(id=line.id, person=line.person, day=line.day, hours=line.hours, billable=line.billable,
                           approved=line.approved, invoice_line_id=line.invoice_line_id) for line in order.labour],
        milestones=[MilestoneView(id=m.id, name=m.name, quantity=m.quantity, reached=m.reached)
                    for m in order.milestones],
        delivered=order.delivered, invoiced=order.invoiced, to_invoice=order.to_invoice,
        amount_to_invoice=money(order.amount(order.to_invoice), order.currency), history=history(order.history))


def show_created_bom(uow: ProductionUnitOfWork, command: CreateBom, bom_id: str) -> BomView:
    """What creating a revision answers: that revision, active or not."""
    return show_bom(uow, command.sku, uow.production.boms.get(bom_id).revision)
