"""Reads of procurement: a purchase order by its id or number, a branch's procurement settings (the list of
purchase orders is paged in `listings.py`)."""

from __future__ import annotations

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import branch_by_code
from oms.application.procurement.purchase_orders import purchase_order_by_ref
from oms.application.procurement.views import (
    GoodsReceiptLineView,
    GoodsReceiptView,
    ProcurementSettingsView,
    PurchaseOrderLineView,
    PurchaseOrderView,
    ReceiptToleranceView,
    SupplierReturnView,
)
from oms.application.shared.views import history, line_money, money, money_of, quantity
from oms.domain.procurement.purchase_order import PurchaseOrder, PurchaseOrderLine
from oms.domain.procurement.settings import ProcurementSettings
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.documents import DocumentRef


def get_purchase_order(uow: ProcurementUnitOfWork, ref: DocumentRef) -> PurchaseOrder:
    return purchase_order_by_ref(uow, ref)


def _line(order: PurchaseOrder, line: PurchaseOrderLine) -> PurchaseOrderLineView:
    return PurchaseOrderLineView(
        id=line.id, position=line.position, sku=line.sku, description=line.description, kind=line.kind,
        uom=line.uom, quantity=quantity(line.quantity, line.uom), unit_price=money(line.unit_price, order.currency),
        discount=line.discount, tax_category=line.tax_category, tax_rate=line.tax_rate,
        **line_money(line, order.currency), received=quantity(order.received(line.id), line.uom),
        open=quantity(order.open_quantity(line), line.uom), billed=quantity(line.billed, line.uom),
        receipt_status=order.line_receipt_status(line))


def purchase_order_view(order: PurchaseOrder, uow: ProcurementUnitOfWork) -> PurchaseOrderView:
    codes = Codes(uow)
    totals, taxes = money_of(order)
    branch = uow.masterdata.branches.get(order.branch_id)
    lines = {line.id: line for line in order.lines}
    receipts = [GoodsReceiptView(
        number=r.number, warehouse_code=codes.warehouse(r.warehouse_id), received_at=r.received_at, actor=r.actor,
        rate=r.rate, lines=[GoodsReceiptLineView(line_id=rl.line_id, sku=lines[rl.line_id].sku,
                                                 quantity=quantity(rl.quantity, lines[rl.line_id].uom),
                                                 value=money(rl.value, branch.currency)) for rl in r.lines])
        for r in order.receipts]
    returns = [SupplierReturnView(
        number=r.number, line_id=r.line_id, sku=lines[r.line_id].sku, warehouse_code=codes.warehouse(r.warehouse_id),
        quantity=quantity(r.quantity, lines[r.line_id].uom), value=money(r.value, branch.currency), reason=r.reason,
        returned_at=r.returned_at, actor=r.actor) for r in order.supplier_returns]
    return PurchaseOrderView(
        id=order.id, number=order.number, status=order.status, receipt_status=order.receipt_status(),
        supplier_code=uow.masterdata.suppliers.get(order.supplier_id).code, branch_code=branch.code,
        warehouse_code=codes.warehouse(order.warehouse_id), currency=order.currency, created_at=order.created_at,
        supplier_reference=order.supplier_reference, prices_include_tax=order.prices_include_tax,
        tax_rounding=order.tax_rounding, order_discount=order.order_discount,
        lines=[_line(order, line) for line in order.lines], totals=totals, taxes=taxes, receipts=receipts,
        supplier_returns=returns, history=history(order.history), version=order.version)


def show_purchase_order(uow: ProcurementUnitOfWork, ref: DocumentRef) -> PurchaseOrderView:
    """A purchase order with its lines and their progress, totals, taxes, receipts, returns and audit trail."""
    return purchase_order_view(purchase_order_by_ref(uow, ref), uow)


def show_procurement_settings(uow: ProcurementUnitOfWork, branch_code: str) -> ProcurementSettingsView:
    """A branch's procurement settings (none set: no approval, no over-receipt, a price tolerance of 2%)."""
    branch = branch_by_code(uow, branch_code)  # named by the URL: an unknown one is 404, not a field's 422
    settings = uow.procurement.settings.find(branch.id) or ProcurementSettings(id=branch.id)
    threshold = settings.approval_threshold
    return ProcurementSettingsView(
        branch_code=branch.code, currency=branch.currency,
        approval_threshold=None if threshold is None else money(threshold, branch.currency),
        over_receipt_percent=settings.over_receipt_percent, price_tolerance_percent=settings.price_tolerance_percent,
        tolerances=[ReceiptToleranceView(sku=uow.masterdata.products.get(t.product_id).sku, percent=t.percent)
                    for t in settings.tolerances])
