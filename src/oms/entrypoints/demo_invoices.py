"""Demo invoices, through the public Python API: drafts, posted invoices, a credit note, an order partly invoiced,
an overdue invoice partly paid and an invoice paid in full.

Made from the demo's orders by state (`load_demo_data` hands them over).
"""

from __future__ import annotations

from datetime import timedelta

import oms

OVERDUE_BY = timedelta(days=45)  # the completed order's invoice is dated this long ago: past its customer's terms


def load_demo_invoices(system: oms.OrderManagement, orders: dict[str, str]) -> None:
    """`orders`: the demo's sales orders by their state (issued, completed, partially_issued, ...), by id.

    - the completed order: invoiced whole and posted 45 days ago, then 1 unit of its first line credited (a posted
      credit note), then a third of what is left paid: overdue and partly paid;
    - the issued order: its first line invoiced, posted and paid in full, its second one on a draft (the order partly
      invoiced);
    - the partially issued order: what was shipped on a draft invoice.
    """
    handle = system.handle
    completed = system.sales_order(orders["completed"])
    invoice = handle(oms.InvoiceOrders(orders=(completed.number,)))
    today = system.bus.clock.now().date()
    handle(oms.PostInvoice(invoice_id=invoice, invoice_date=today - OVERDUE_BY))
    note = handle(oms.CreateCreditNote(invoice_id=invoice, lines=(oms.CreditLine(line="1", quantity="1"),)))
    handle(oms.PostInvoice(invoice_id=note))
    issued = system.sales_order(orders["issued"])
    first, *rest = issued.lines
    paid = handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=issued.number, line=first.id,
                                                                 quantity=first.quantity),)))
    handle(oms.PostInvoice(invoice_id=paid))
    if rest:
        handle(oms.InvoiceOrders(lines=tuple(oms.InvoiceLineRequest(order=issued.number, line=line.id,
                                                                    quantity=line.quantity) for line in rest)))
    handle(oms.InvoiceOrders(orders=(system.sales_order(orders["partially_issued"]).number,)))
    overdue = system.invoice(invoice)
    assert overdue.residual is not None  # a posted invoice's
    handle(oms.RecordPayment(customer_code=overdue.customer_code, amount=_third(overdue.residual),
                             currency=overdue.currency, invoice_id=invoice, reference="partial transfer"))
    settled = system.invoice(paid)
    handle(oms.RecordPayment(customer_code=settled.customer_code, amount=settled.totals.grand_total.amount,
                             currency=settled.currency, invoice_id=paid, method=oms.PaymentMethod.CARD,
                             reference="card 4242"))


def _third(owed: oms.Money) -> str:
    return str((owed.amount / 3).quantize(owed.amount))  # to the currency's places, like the amount owed
