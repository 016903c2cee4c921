"""Demo invoices, through the public Python API: drafts, posted invoices, a credit note, an order partly invoiced.

Made from the demo's orders by state (`load_demo_data` hands them over). Paid and overdue invoices come with
payments: their spot is marked below.
"""

from __future__ import annotations

import oms


def load_demo_invoices(system: oms.OrderManagement, orders: dict[str, str]) -> None:
    """`orders`: the demo's sales orders by their state (issued, completed, partially_issued, ...), by id.

    - the completed order: invoiced whole and posted, then 1 unit of its first line credited (a posted credit note);
    - the issued order: its first line invoiced and posted, its second one on a draft (the order partly invoiced);
    - the partially issued order: what was shipped on a draft invoice.
    """
    handle = system.handle
    completed = system.sales_order(orders["completed"])
    invoice = handle(oms.InvoiceOrders(orders=(completed.number,)))
    handle(oms.PostInvoice(invoice_id=invoice))
    note = handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity="1"),)))
    handle(oms.PostInvoice(invoice_id=note))
    issued = system.sales_order(orders["issued"])
    first, *rest = issued.lines
    handle(oms.PostInvoice(invoice_id=handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(
        order=issued.number, line=first.id, quantity=first.quantity),)))))
    if rest:
        handle(oms.InvoiceOrders(lines=tuple(oms.InvoiceLineRequest(order=issued.number, line=line.id,
                                                                    quantity=line.quantity) for line in rest)))
    handle(oms.InvoiceOrders(orders=(system.sales_order(orders["partially_issued"]).number,)))
    # Paid and overdue invoices: recorded here once payments exist (issue 13, payments).
