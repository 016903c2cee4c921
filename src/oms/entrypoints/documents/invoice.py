"""An invoice or credit note as the customer receives it: HTML (a page to print) and PDF (fpdf2).

Both render the API's JSON of the document's view (`unstructure`), so every amount reads exactly as the API answers
it: nothing is computed here. A draft is marked DRAFT and has no number.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oms.application.invoicing.views import InvoiceDocumentView
from oms.entrypoints.json.converter import unstructure

if TYPE_CHECKING:
    from jinja2 import Environment

FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Unicode names and addresses where the system has DejaVu


def amount(value: Any) -> str:
    """An amount as the API gives it, with its currency: `90.00 EUR`."""
    return f"{value['amount']} {value['currency']}" if value else ""


def percent(rate: str) -> str:
    """A tax rate as the API gives it (a fraction, `0.20`) in percent: `20%`."""
    return f"{(Decimal(rate) * 100).normalize():f}%"


def title(document: dict[str, Any]) -> str:
    invoice = document["invoice"]
    kind = "Credit note" if invoice["kind"] == "credit_note" else "Invoice"
    return f"{kind} {invoice['number']}" if invoice["number"] else f"DRAFT {kind.lower()}"


def facts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """The document's heading facts, in the order they are printed."""
    invoice = document["invoice"]
    rows = [("Number", invoice["number"] or "DRAFT (numbered when posted)"),
            ("Invoice date", invoice["invoice_date"] or "given when posted")]
    if document["due_date"]:
        rows.append(("Due date", document["due_date"]))
    if document["credited_invoice"]:
        rows.append(("Credits invoice", document["credited_invoice"]))
    rows.append(("Orders", ", ".join(document["orders"])))
    rows.append(("Currency", invoice["currency"]))
    return rows


def line_discounts(line: dict[str, Any]) -> str:
    """The line's discounts as given (line, then order), the zero ones left out."""
    return " + ".join(line[name]["amount"] for name in ("line_discount", "order_discount")
                      if Decimal(line[name]["amount"]))


@functools.cache
def _templates() -> Environment:
    """The page's templates, made on first use: jinja2 takes a noticeable part of a second to import, which every
    `oms` command paid at its start."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("oms.entrypoints.documents"), autoescape=select_autoescape())
    environment.filters.update(amount=amount, discount=line_discounts, percent=percent)
    return environment


def document_name(view: InvoiceDocumentView) -> str:
    """What a file of the document is called: its number, or `draft-<id>`."""
    return view.invoice.number or f"draft-{view.invoice.id}"


def invoice_html(view: InvoiceDocumentView, *, pdf_url: str | None = None) -> str:
    """The page; `pdf_url`, where the same document can be had as a PDF, gives a link to it."""
    document = unstructure(view)
    return _templates().get_template("invoice.html").render(d=document, v=document["invoice"], pdf_url=pdf_url,
                                                             title=title(document), facts=facts(document))


def invoice_pdf(view: InvoiceDocumentView) -> bytes:
    """The document as a PDF (drawn by invoice_pdf.py, imported on first use)."""
    from oms.entrypoints.documents.invoice_pdf import draw_pdf

    return draw_pdf(view)
