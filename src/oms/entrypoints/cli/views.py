"""How the CLI shows the application's views as text: a document's one-line summary and full view, and a line for
what any other command answered (`--json` prints the same views as the HTTP API instead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import click

import oms
from oms.application.accounting.views import ChartView, JournalEntryView, LockDateView
from oms.application.carts.views import CartView, OpenedCart
from oms.application.invoicing.views import DeletedInvoice, InvoiceView, PaymentView
from oms.application.masterdata.views import TaxRateView
from oms.application.processes.cart_checkout import CheckedOut
from oms.application.procurement.views import PurchaseOrderView
from oms.application.production.views import BomView, ServiceOrderView, WorkOrderView
from oms.application.sales.views import OrderLineView, QuotationView, SalesOrderView
from oms.application.shared.actions import Action
from oms.application.stock.views import StockChange
from oms.application.subscriptions.views import PlanView, SubscriptionView
from oms.application.webhooks.views import CreatedWebhookView, WebhooksView
from oms.entrypoints.cli.payments import print_payment
from oms.entrypoints.cli.production_views import (
    bom_summary,
    print_bom,
    print_service_order,
    print_work_order,
    service_order_summary,
    work_order_summary,
)
from oms.entrypoints.cli.subscription_views import (
    plan_summary,
    print_plan,
    print_subscription,
    subscription_summary,
)
from oms.entrypoints.cli.support import print_history, print_table, text
from oms.entrypoints.wording import plural, printable

DocumentView = QuotationView | SalesOrderView


def document_summary(document: DocumentView) -> str:
    totals = document.totals
    return (f"{document.number} {text(document.status)}: {plural(len(document.lines), 'line')}, "
            f"net {text(totals.net_total)}, tax {text(totals.tax_total)}, total {text(totals.grand_total)} "
            f"{document.currency}  (id {document.id})")


def print_document(document: DocumentView) -> None:
    click.echo(document_summary(document))
    if isinstance(document, QuotationView):
        click.echo(f"valid until {document.valid_until}; revision {document.revision}")
    else:
        click.echo(f"backorders {'allowed' if document.allow_backorder else 'not allowed'}; "
                   f"customer reference {printable(document.customer_reference) or '-'}")
    click.echo("")
    order = isinstance(document, SalesOrderView)
    headers = ["#", "sku", "description", "qty", *(["issued"] if order else []), "unit_price", "discount", "net",
               "tax", "total"]
    rows: list[list[Any]] = []
    for line in document.lines:
        issued = [line.quantity_issued] if isinstance(line, OrderLineView) else []
        rows.append([line.position, line.sku, line.description, line.quantity, *issued, line.unit_price,
                     line.discount or "", line.net, line.tax, line.total])
    print_table(headers, rows)
    click.echo("")
    print_table(["tax", "rate", "base", "amount"], [[t.category, t.rate, t.base, t.tax] for t in document.taxes])
    totals = document.totals
    click.echo(f"\ndiscounts {text(totals.discount_total)}  net {text(totals.net_total)}  tax {text(totals.tax_total)}"
               f"  total {text(totals.grand_total)} {document.currency}")
    if isinstance(document, SalesOrderView):
        _print_fulfilment(document)
    print_history(document.history)


def _print_fulfilment(order: SalesOrderView) -> None:
    if order.reservations:
        click.echo("")
        print_table(["reserved for", "warehouse", "quantity", "issued", "released", "open"],
                    [[r.sku, r.warehouse_code, r.quantity, r.issued, r.released, r.open] for r in order.reservations])
    for issue in order.goods_issues:
        shipped = ", ".join(f"{text(line.quantity)} x {line.sku}" for line in issue.lines)
        click.echo(f"{issue.number} {issue.issued_at:%Y-%m-%d %H:%M} from {issue.warehouse_code}: {shipped}")


def print_fields(view: Any) -> None:
    """Any other view, one `name  value` row per field (an amount with its currency)."""
    def shown(value: Any) -> Any:
        return f"{text(value)} {value.currency.code}" if isinstance(value, oms.Money) else value

    print_table(["field", "value"], [[field.name, shown(getattr(view, field.name))]
                                     for field in attrs.fields(type(view))])


def invoice_summary(invoice: InvoiceView) -> str:
    """`INV-2026-000001 posted: 2 lines, net ..., tax ..., total ... EUR  (id ...)`; a draft is named by its id."""
    what = "credit note" if invoice.kind == "credit_note" else "invoice"
    name = f"{invoice.number} {text(invoice.status)}" if invoice.number else f"draft {what}"
    totals = invoice.totals
    return (f"{name}: {plural(len(invoice.lines), 'line')}, net {text(totals.net_total)}, "
            f"tax {text(totals.tax_total)}, total {text(totals.grand_total)} {invoice.currency}  (id {invoice.id})")


def print_invoice(invoice: InvoiceView) -> None:
    click.echo(invoice_summary(invoice))
    click.echo(f"customer {invoice.customer_code}, branch {invoice.branch_code}, dated "
               f"{invoice.invoice_date or '(when posted)'}")
    print_table(["#", "sku", "description", "quantity", "unit price", "net", "tax", "total"],
                [[line.position, line.sku, line.description, text(line.quantity), text(line.unit_price),
                  text(line.net), text(line.tax), text(line.total)] for line in invoice.lines])
    for tax in invoice.taxes:
        click.echo(f"{text(tax.category)} {text(tax.rate)}: base {text(tax.base)}, tax {text(tax.tax)}")
    if invoice.payment_status is not None:
        late = {True: ", overdue", False: "", None: ""}[invoice.overdue]
        status = invoice.payment_status.replace("_", " ")
        click.echo(f"{status}: residual {text(invoice.residual)} {invoice.currency}, "
                   f"due {invoice.due_date or '-'}{late}")


def print_view(view: object) -> None:
    """A view as text: a document in full, anything else field by field."""
    if isinstance(view, QuotationView | SalesOrderView):
        print_document(view)
    elif isinstance(view, InvoiceView):
        print_invoice(view)
    elif isinstance(view, PaymentView):
        print_payment(view)
    elif isinstance(view, PurchaseOrderView):
        print_purchase_order(view)
    elif isinstance(view, BomView):
        print_bom(view)
    elif isinstance(view, WorkOrderView):
        print_work_order(view)
    elif isinstance(view, ServiceOrderView):
        print_service_order(view)
    elif isinstance(view, PlanView):
        print_plan(view)
    elif isinstance(view, SubscriptionView):
        print_subscription(view)
    else:
        print_fields(view)


def _stock_change(change: StockChange) -> str:
    level = change.level
    return (f"{change.number}: {level.sku} in {level.warehouse_code} now {text(level.on_hand)} on hand, "
            f"{text(level.reserved)} reserved, {text(level.available)} available")


def _tax_rate(rate: TaxRateView) -> str:
    return f"{text(rate.category)} tax in {rate.jurisdiction} is now {text(rate.rate)}"


def purchase_order_summary(order: PurchaseOrderView) -> str:
    """`PO-000001 ordered (receipt nothing): supplier WOOD, 2 lines, total 695.16 EUR  (id ...)`."""
    return (f"{order.number} {text(order.status)} (receipt {text(order.receipt_status)}): supplier "
            f"{order.supplier_code}, {plural(len(order.lines), 'line')}, total {text(order.totals.grand_total)} "
            f"{order.currency}  (id {order.id})")


def print_purchase_order(order: PurchaseOrderView) -> None:
    """The order, its lines with their receipt progress, its receipts and returns to the supplier."""
    click.echo(purchase_order_summary(order))
    click.echo(f"branch {order.branch_code}, warehouse {order.warehouse_code}")
    print_table(["#", "sku", "quantity", "unit price", "net", "received", "open", "billed", "receipt"],
                [[line.position, line.sku, text(line.quantity), text(line.unit_price), text(line.net),
                  text(line.received), text(line.open), text(line.billed), text(line.receipt_status)]
                 for line in order.lines])
    for receipt in order.receipts:
        got = ", ".join(f"{text(line.quantity)} x {line.sku}" for line in receipt.lines)
        click.echo(f"{receipt.number} {receipt.received_at:%Y-%m-%d %H:%M} into {receipt.warehouse_code}: {got}")
    for back in order.supplier_returns:
        click.echo(f"{back.number} {back.returned_at:%Y-%m-%d %H:%M} from {back.warehouse_code}: "
                   f"{text(back.quantity)} x {back.sku} ({back.reason})")


LINES: dict[type, Callable[[Any], str]] = {
    PurchaseOrderView: purchase_order_summary,
    BomView: bom_summary,
    WorkOrderView: work_order_summary,
    ServiceOrderView: service_order_summary,
    PlanView: plan_summary,
    SubscriptionView: subscription_summary,
    QuotationView: document_summary,
    SalesOrderView: document_summary,
    StockChange: _stock_change,
    TaxRateView: _tax_rate,
    InvoiceView: invoice_summary,
    DeletedInvoice: lambda deleted: f"draft {deleted.deleted} deleted",
    PaymentView: lambda payment: f"{payment.number}: {text(payment.amount)} {payment.amount.currency.code}, "
                                 f"unallocated {text(payment.unallocated)}  (id {payment.id})",
    LockDateView: lambda view: f"books locked up to {view.lock_date}" if view.lock_date else "books open",
    ChartView: lambda view: f"chart: {plural(len(view.accounts), 'account')}, {plural(len(view.mappings), 'mapping')}",
    JournalEntryView: lambda view: f"journal entry {view.number} posted: {view.total.amount} {view.currency}",
    CreatedWebhookView: lambda view: f"webhook {view.id} for {view.url}; its secret, shown only now: "
                                          f"{view.secret}",
    WebhooksView: lambda view: plural(len(view.items), "webhook"),
    OpenedCart: lambda view: f"cart {view.id} opened" + (f"; its token, shown only now: {view.token}"
                                                         if view.token else ""),
    CartView: lambda view: f"cart {view.id}: {plural(len(view.lines), 'line')}, {text(view.total)}",
    CheckedOut: lambda view: f"checked out: sales order {view.order_number}, {view.total} {view.currency}",
}
"""The line that tells what a command answered, by the type of its view."""

RESULTS: dict[type, Callable[[Any], str]] = {
    oms.ExpireQuotations: lambda numbers: f"{plural(len(numbers), 'quotation')} expired"
                                          f"{': ' + ', '.join(numbers) if numbers else ''}",
    oms.ForgetExpiredRequests: lambda count: f"{plural(count, 'expired request')} forgotten",
}
"""The line for commands that answer what they returned (numbers, a count) rather than a view, by command."""


def answer_line(action: Action, answer: Any) -> str:
    """What a command says when it is done: the line of its view's type, the numbers or count its command returned
    (`quotation expire`), or that the thing it created or changed is now so (`product DESK created`)."""
    line = RESULTS.get(action.command) or LINES.get(type(answer))
    if line is not None:
        return line(answer)
    what = action.creates or action.resource
    verb = {"create": "created", "update": "updated"}.get(action.name, action.name)
    return f"{what.title} {printable(what.key(answer))} {verb}"
