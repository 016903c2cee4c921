"""An invoice or credit note drawn as a PDF with fpdf2. A module of its own, imported when a PDF is asked for:
fpdf2 and its fonts take a noticeable part of a second to import, which every `oms` command paid at its start."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from oms.application.invoicing.views import InvoiceDocumentView
from oms.entrypoints.documents.invoice import FONTS, amount, facts, line_discounts, percent, title
from oms.entrypoints.json.converter import unstructure


class _Pdf(FPDF):
    def __init__(self, draft: bool) -> None:
        super().__init__(format="A4")
        self.draft = draft
        self.family = "Helvetica"
        if (FONTS / "DejaVuSans.ttf").exists():
            self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
            self.family = "DejaVu"

    def header(self) -> None:
        if self.draft:  # a draft is no invoice: said across every page
            self.set_font(self.family, "B", 60)
            self.set_text_color(225, 225, 225)
            self.set_xy(10, 120)
            self.cell(0, 30, "DRAFT", align="C")
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, "", 8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    def text_block(self, lines: list[str], *, bold_first: bool = True, width: float = 90) -> None:
        x = self.get_x()
        for index, line in enumerate(lines):
            self.set_font(self.family, "B" if bold_first and index == 0 else "", 10)
            self.set_x(x)
            self.cell(width, 5, line, new_x=XPos.LEFT, new_y=YPos.NEXT)


COLUMNS = (("#", 8, "L"), ("SKU", 24, "L"), ("Description", 44, "L"), ("Qty", 16, "R"), ("Unit price", 24, "R"),
           ("Discount", 18, "R"), ("Net", 22, "R"), ("Tax", 24, "R"))


def draw_pdf(view: InvoiceDocumentView) -> bytes:
    document = unstructure(view)
    invoice = document["invoice"]
    pdf = _Pdf(draft=invoice["number"] is None)
    pdf.set_title(title(document))
    pdf.set_author(document["seller"]["name"])
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 18)
    pdf.cell(0, 10, title(document), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    top = pdf.get_y()
    pdf.text_block([document["seller"]["name"], *document["seller"]["address"]])
    bottom = pdf.get_y()
    pdf.set_xy(110, top)
    pdf.text_block(["Bill to:", document["customer"]["name"], *document["customer"]["address"],
                    f"Customer {document['customer']['code']}"])
    pdf.set_y(max(bottom, pdf.get_y()) + 4)
    for label, value in facts(document):
        pdf.set_font(pdf.family, "B", 10)
        pdf.cell(35, 6, label)
        pdf.set_font(pdf.family, "", 10)
        pdf.cell(0, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    _lines(pdf, invoice)
    pdf.ln(4)
    _totals(pdf, invoice)
    return bytes(pdf.output())


def _lines(pdf: _Pdf, invoice: dict[str, Any]) -> None:
    pdf.set_font(pdf.family, "B", 9)
    pdf.set_fill_color(235, 235, 235)
    for name, width, align in COLUMNS:
        pdf.cell(width, 7, name, border="B", align=align, fill=True)
    pdf.ln()
    pdf.set_font(pdf.family, "", 9)
    for line in invoice["lines"]:
        values = (str(line["position"]), line["sku"], line["description"], line["quantity"],
                  line["unit_price"]["amount"], line_discounts(line), line["net"]["amount"],
                  f"{line['tax']['amount']} ({percent(line['tax_rate'])})")
        for (_, width, align), value in zip(COLUMNS, values, strict=True):
            pdf.cell(width, 6, _fit(pdf, value, width), align=align)
        pdf.ln()


def _fit(pdf: _Pdf, text: str, width: float) -> str:
    while text and pdf.get_string_width(text) > width - 1:
        text = text[:-2] + "…" if pdf.family == "DejaVu" else text[:-1]
    return text


def _totals(pdf: _Pdf, invoice: dict[str, Any]) -> None:
    rows = [(f"Tax {tax['category'].replace('_', ' ')} {percent(tax['rate'])} on {amount(tax['base'])}",
             amount(tax["tax"])) for tax in invoice["taxes"]]
    rows = [("Net total", amount(invoice["totals"]["net_total"])), *rows,
            ("Tax total", amount(invoice["totals"]["tax_total"]))]
    for label, value in rows:
        pdf.set_font(pdf.family, "", 10)
        pdf.cell(140, 6, label, align="R")
        pdf.cell(40, 6, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "B", 12)
    pdf.cell(140, 8, "Total due" if invoice["kind"] == "invoice" else "Total credited", align="R")
    pdf.cell(40, 8, amount(invoice["totals"]["grand_total"]), align="R", border="T",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
