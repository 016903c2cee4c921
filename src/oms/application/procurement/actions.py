"""The procurement commands, declared once: what each front door (HTTP, CLI, console) offers of purchase orders
and of the branches' procurement settings."""

from __future__ import annotations

from oms.application.procurement import purchase_orders as po
from oms.application.procurement import settings as ps
from oms.application.procurement.queries import show_procurement_settings, show_purchase_order
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.procurement import purchase_order as pod

PURCHASE_ORDER = Resource(name="purchase_order", title="purchase order", path="/purchase-orders", cli="po",
                          tag="purchase orders", show=show_purchase_order, ref_field="order_id")
PROCUREMENT_SETTINGS = Resource(name="procurement_settings", title="procurement settings",
                                path="/procurement-settings", cli="procurement", tag="purchase orders",
                                show=show_procurement_settings, ref="code", ref_field="branch_code",
                                key=lambda view: str(view.branch_code))

CLERK, MANAGER = Role.CLERK, Role.MANAGER
POS = pod.PurchaseOrderStatus
PO_DRAFT: frozenset[str] = frozenset({POS.DRAFT})


def _po(target: pod.PurchaseOrderStatus) -> frozenset[str]:
    return pod.TRANSITIONS[target].sources


PURCHASE_ORDER_ACTIONS = [
    Action(PURCHASE_ORDER, "create", po.CreatePurchaseOrder, CLERK, "Create a draft purchase order from a supplier",
           path="", collection=True, status=201, creates=PURCHASE_ORDER),
    Action(PURCHASE_ORDER, "add-line", po.AddPurchaseOrderLine, CLERK, "Add a line to a draft", path="lines",
           status=201, body_field="line", operation="add_purchase_order_line", when=PO_DRAFT),
    Action(PURCHASE_ORDER, "update-line", po.UpdatePurchaseOrderLine, CLERK, "Change a draft's line",
           method="PATCH", path="lines/<line_id>", operation="update_purchase_order_line", when=PO_DRAFT),
    Action(PURCHASE_ORDER, "remove-line", po.RemovePurchaseOrderLine, CLERK, "Remove a draft's line",
           method="DELETE", path="lines/<line_id>", operation="remove_purchase_order_line", when=PO_DRAFT),
    Action(PURCHASE_ORDER, "send", po.SendPurchaseOrder, CLERK, "Send a draft to the supplier (draft -> sent)",
           when=_po(POS.SENT)),
    Action(PURCHASE_ORDER, "order", po.PlacePurchaseOrder, CLERK, "Order from the supplier (draft/sent -> "
           "ordered), or at the branch's approval threshold put it to approve", operation="order_purchase_order",
           when=_po(POS.ORDERED)),
    Action(PURCHASE_ORDER, "approve", po.ApprovePurchaseOrder, MANAGER,
           "Approve an order waiting for approval (to_approve -> ordered)", when=pod.APPROVE[POS.ORDERED].sources),
    Action(PURCHASE_ORDER, "cancel", po.CancelPurchaseOrder, MANAGER,
           "Cancel an order nothing was received or billed of", when=_po(POS.CANCELLED)),
    Action(PURCHASE_ORDER, "close", po.ClosePurchaseOrder, CLERK,
           "Close the open remainder: nothing more will be received", when=_po(POS.CLOSED)),
    Action(PURCHASE_ORDER, "receive", po.ReceiveGoods, CLERK,
           "Post a goods receipt of quantities of the order's lines into a warehouse of its branch",
           path="receipts", status=201, operation="receive_goods", when=pod.RECEIVABLE),
    Action(PURCHASE_ORDER, "return", po.ReturnToSupplier, CLERK,
           "Return received units of a line to the supplier", path="supplier-returns", status=201,
           operation="return_to_supplier", when=pod.RETURNABLE),
]

SETTINGS_ACTIONS = [
    Action(PROCUREMENT_SETTINGS, "set", ps.SetProcurementSettings, Role.ADMIN,
           "Set a branch's approval threshold, over-receipt tolerance and vendor bills' price tolerance", method="PUT",
           path=""),
    Action(PROCUREMENT_SETTINGS, "set-tolerance", ps.SetReceiptTolerance, Role.ADMIN,
           "Set (or clear with null) a product's own over-receipt tolerance in a branch", method="PUT",
           path="tolerances/<sku>", operation="set_receipt_tolerance"),
]

ACTIONS = [*PURCHASE_ORDER_ACTIONS, *SETTINGS_ACTIONS]
