"""How the CLI shows documents: a one-line summary, a full view, and listing rows."""

from __future__ import annotations

from typing import Any

import click

import oms
from oms.domain.sales.sales_order import OrderLine
from oms.domain.shared.documents import totals_of
from oms.entrypoints.cli.support import print_json, print_table
from oms.entrypoints.wording import plural, printable

Document = oms.Quotation | oms.SalesOrder


def document_summary(document: Document) -> str:
    return (f"{document.number} {document.status}: {plural(len(document.lines), 'line')}, net {document.net_total}, "
            f"tax {document.tax_total}, total {document.grand_total} {document.currency}  (id {document.id})")


def warehouse_codes(system: oms.OrderManagement) -> dict[str, str]:
    with system.uow_factory() as uow:
        return {w.id: w.code for w in uow.masterdata.warehouses.list()}


def show_document(system: oms.OrderManagement, document: Document, as_json: bool) -> None:
    if as_json:
        print_json(document)
    else:
        print_document(document, warehouse_codes(system))


def print_document(document: Document, warehouses: dict[str, str]) -> None:
    click.echo(document_summary(document))
    if isinstance(document, oms.Quotation):
        click.echo(f"valid until {document.valid_until}; revision {document.revision}")
    else:
        click.echo(f"backorders {'allowed' if document.allow_backorder else 'not allowed'}; "
                   f"customer reference {printable(document.customer_reference) or '-'}")
    click.echo("")
    issued = isinstance(document, oms.SalesOrder)
    headers = ["#", "sku", "description", "qty", *(["issued"] if issued else []), "unit_price", "discount", "net",
               "tax", "total"]
    rows: list[list[Any]] = []
    for line in document.lines:
        discount = "" if line.discount is None else (
            f"{line.discount.value}%" if line.discount.kind is oms.DiscountKind.PERCENT else str(line.discount.value))
        extra = [line.quantity_issued] if isinstance(line, OrderLine) else []
        rows.append([line.position, line.sku, line.description, line.quantity, *extra, line.unit_price, discount,
                     line.net, line.tax, line.total])
    print_table(headers, rows)
    click.echo("")
    totals = totals_of(document)
    print_table(["tax", "rate", "base", "amount"],
                [[t.category, t.rate, t.base, t.tax] for t in totals.taxes])
    click.echo(f"\ndiscounts {document.discount_total}  net {document.net_total}  tax {document.tax_total}  "
               f"total {document.grand_total} {document.currency}")
    if isinstance(document, oms.SalesOrder):
        _print_fulfilment(document, warehouses)
    if document.history:
        click.echo("")
        print_table(["at", "who", "from", "to", "reason"],
                    [[f"{c.at:%Y-%m-%d %H:%M:%S}", c.actor, c.from_status, c.to_status, c.reason]
                     for c in document.history])


def _print_fulfilment(order: oms.SalesOrder, warehouses: dict[str, str]) -> None:
    if order.reservations:
        click.echo("")
        print_table(["reserved for", "warehouse", "quantity", "issued", "released", "open"],
                    [[order.line(r.line_id).sku, warehouses.get(r.warehouse_id, r.warehouse_id), r.quantity, r.issued,
                      r.released, r.open]
                     for r in order.reservations])
    for issue in order.goods_issues:
        shipped = ", ".join(f"{gl.quantity} x {order.line(gl.line_id).sku}" for gl in issue.lines)
        source = warehouses.get(issue.warehouse_id)
        click.echo(f"{issue.number} {issue.issued_at:%Y-%m-%d %H:%M} from {source}: {shipped}")
