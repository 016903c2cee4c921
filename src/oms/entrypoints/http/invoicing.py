"""Invoices and credit notes: shown to viewers, made, posted, credited and deleted as their actions declare; what an
order has billed and has left to bill."""

from __future__ import annotations

from oms.application.invoicing.actions import ACTIONS, INVOICE
from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import InvoiceView, OrderBillingView
from oms.application.processes import actions as processes
from oms.application.processes.billing import order_billing
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call

bp = ApiBlueprint("invoices", __name__, tag=INVOICE.tag)


@bp.operation("GET", "/invoices/<ref>", summary="Show an invoice or credit note: lines, totals, taxes and state",
              role=Role.VIEWER, response=InvoiceView)
def get_invoice(call: Call) -> InvoiceView:
    return call.system.read(show_invoice, call.args["ref"], today=call.system.bus.clock.now().date())


@bp.operation("GET", "/sales-orders/<ref>/billing", summary="What the order has invoiced and has left to invoice, "
              "per line", role=Role.VIEWER, response=OrderBillingView)
def sales_order_billing(call: Call) -> OrderBillingView:
    return call.system.read(order_billing, call.args["ref"])


bp.actions([*processes.ACTIONS, *ACTIONS])
