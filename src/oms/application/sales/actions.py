"""The sales commands, declared once: what each front door (HTTP, CLI, console) offers of quotations and orders."""

from __future__ import annotations

from oms.application.sales import quotations as q
from oms.application.sales import returns as ret
from oms.application.sales import sales_orders as so
from oms.application.sales.queries import show_quotation, show_sales_order
from oms.application.shared.actions import Action, Resource, answers_result
from oms.domain.access.tokens import Role
from oms.domain.sales import quotation as qd
from oms.domain.sales import sales_order as sod

QUOTATION = Resource(name="quotation", title="quotation", path="/quotations", cli="quotation", tag="quotations",
                     show=show_quotation, ref_field="quotation_id")
SALES_ORDER = Resource(name="sales_order", title="sales order", path="/sales-orders", cli="order",
                       tag="sales orders", show=show_sales_order, ref_field="order_id")

CLERK, MANAGER, ADMIN = Role.CLERK, Role.MANAGER, Role.ADMIN
QS, SOS = qd.QuotationStatus, sod.SalesOrderStatus
# The statuses in which the console offers each action, from the domain's transition tables (see `Action.when`).
Q_DRAFT: frozenset[str] = frozenset({QS.DRAFT})
Q_OPEN: frozenset[str] = qd.OPEN
SO_DRAFT: frozenset[str] = frozenset({SOS.DRAFT})
RETURNABLE: frozenset[str] = frozenset({SOS.PARTIALLY_ISSUED, SOS.ISSUED, SOS.COMPLETED})  # goods were delivered


def _q(target: qd.QuotationStatus) -> frozenset[str]:
    return qd.TRANSITIONS[target].sources


def _so(target: sod.SalesOrderStatus) -> frozenset[str]:
    return sod.TRANSITIONS[target].sources


QUOTATION_ACTIONS = [
    Action(QUOTATION, "create", q.CreateQuotation, CLERK, "Create a draft quotation", path="", collection=True,
           status=201, creates=QUOTATION),
    Action(QUOTATION, "set-terms", q.SetQuotationTerms, CLERK, "Change a draft's order discount, validity or notes",
           method="PATCH", path="", when=Q_DRAFT),
    Action(QUOTATION, "add-line", q.AddQuotationLine, CLERK, "Add a line to a draft", path="lines", status=201,
           body_field="line", when=Q_DRAFT),
    Action(QUOTATION, "update-line", q.UpdateQuotationLine, CLERK, "Change a draft's line", method="PATCH",
           path="lines/<line_id>", when=Q_DRAFT),
    Action(QUOTATION, "remove-line", q.RemoveQuotationLine, CLERK, "Remove a draft's line", method="DELETE",
           path="lines/<line_id>", when=Q_DRAFT),
    Action(QUOTATION, "send", q.SendQuotation, CLERK, "Send a draft to the customer (draft -> sent)", when=_q(QS.SENT)),
    Action(QUOTATION, "accept", q.AcceptQuotation, CLERK, "Record the customer's acceptance (sent -> accepted)",
           when=_q(QS.ACCEPTED)),
    Action(QUOTATION, "reject", q.RejectQuotation, CLERK, "Record the customer's rejection (draft/sent -> rejected)",
           when=_q(QS.REJECTED)),
    Action(QUOTATION, "cancel", q.CancelQuotation, CLERK, "Cancel an open quotation (draft/sent -> cancelled)",
           when=_q(QS.CANCELLED)),
    Action(QUOTATION, "revise", q.ReviseQuotation, CLERK, "Supersede the quotation with a new draft revision",
           status=201, creates=QUOTATION, when=_q(QS.SUPERSEDED)),
    Action(QUOTATION, "convert", q.ConvertQuotation, CLERK, "Turn an accepted quotation into a draft sales order",
           status=201, creates=SALES_ORDER, when=_q(QS.CONVERTED)),
    Action(QUOTATION, "expire", q.ExpireQuotations, ADMIN, "Expire every open quotation past its validity now "
           "(the daily job); answers the numbers expired", path="expire", collection=True, answer=answers_result,
           operation="expire_quotations"),
]

SALES_ORDER_ACTIONS = [
    Action(SALES_ORDER, "create", so.CreateSalesOrder, CLERK, "Create a draft sales order; with `confirm` also "
           "confirm it, in one transaction", path="", collection=True, status=201, creates=SALES_ORDER),
    Action(SALES_ORDER, "add-line", so.AddOrderLine, CLERK, "Add a line to a draft", path="lines", status=201,
           body_field="line", operation="add_order_line", when=SO_DRAFT),
    Action(SALES_ORDER, "update-line", so.UpdateOrderLine, CLERK, "Change a draft's line", method="PATCH",
           path="lines/<line_id>", operation="update_order_line", when=SO_DRAFT),
    Action(SALES_ORDER, "remove-line", so.RemoveOrderLine, CLERK, "Remove a draft's line", method="DELETE",
           path="lines/<line_id>", operation="remove_order_line", when=SO_DRAFT),
    Action(SALES_ORDER, "set-discount", so.SetOrderDiscount, CLERK, "Set or clear (null) a draft's order discount",
           method="PUT", path="discount", operation="set_order_discount", when=SO_DRAFT),
    Action(SALES_ORDER, "confirm", so.ConfirmSalesOrder, CLERK,
           "Confirm a draft and reserve its stock (draft -> confirmed)", when=_so(SOS.CONFIRMED)),
    Action(SALES_ORDER, "reserve-backorders", so.ReserveBackorders, CLERK,
           "Reserve stock that has arrived for what the order could not reserve", operation="reserve_backorders",
           when=sod.ISSUABLE),
    Action(SALES_ORDER, "hold", so.HoldSalesOrder, CLERK, "Put an open order on hold; it keeps its reservations",
           when=_so(SOS.ON_HOLD)),
    Action(SALES_ORDER, "release", so.ReleaseSalesOrder, CLERK, "Release a held order to the status it had",
           when=sod.RELEASE.sources),
    Action(SALES_ORDER, "cancel", so.CancelSalesOrder, MANAGER,
           "Cancel an order before any goods issue, releasing its reservations", when=_so(SOS.CANCELLED)),
    Action(SALES_ORDER, "complete", so.CompleteSalesOrder, CLERK, "Complete an issued order (issued -> completed)",
           when=_so(SOS.COMPLETED)),
    Action(SALES_ORDER, "issue", so.IssueGoods, CLERK,
           "Ship quantities of the order's lines from one warehouse (a goods issue)", path="goods-issues",
           status=201, operation="issue_goods", when=sod.ISSUABLE),
    Action(SALES_ORDER, "authorise-return", ret.AuthoriseReturn, CLERK,
           "Authorise the customer to send back delivered units of a line (a return authorisation, RMA-)",
           path="returns", status=201, operation="authorise_return", when=RETURNABLE),
    Action(SALES_ORDER, "receive-return", ret.ReceiveReturn, CLERK,
           "Receive returned units into a warehouse at the cost they left with",
           path="returns/<return_number>/receipts", status=201, operation="receive_return", when=RETURNABLE),
]

ACTIONS = [*QUOTATION_ACTIONS, *SALES_ORDER_ACTIONS]
