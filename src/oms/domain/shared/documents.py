"""What quotations and sales orders share: priced lines, status transitions with an audit trail, events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar

from attrs import asdict, define, frozen

from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import ProductKind, UnitOfMeasure, check_quantity, check_unit_price, unit_of_measure
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import DocumentTotals, PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

MAX_LINES = 1000




@define(slots=False, eq=False, kw_only=True)
class DocumentLine:
    """A priced line. Tax category and rate are captured when the line is added, so later rate changes
    do not alter a document already sent."""

    id: str
    position: int
    product_id: str
    sku: str
    description: str
    kind: ProductKind
    uom: str
    quantity: Decimal
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    discount: Discount | None = None
    gross_amount: Decimal = Decimal(0)
    line_discount: Decimal = Decimal(0)
    order_discount: Decimal = Decimal(0)
    net: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    total: Decimal = Decimal(0)

    def pricing(self) -> PricingLine:
        return PricingLine(quantity=self.quantity, unit_price=self.unit_price, tax_rate=self.tax_rate,
                           tax_category=self.tax_category, discount=self.discount)


class Sellable(Protocol):
    """What a line needs to know of the product it sells (a master-data product is one)."""

    @property
    def id(self) -> str: ...
    @property
    def sku(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> ProductKind: ...
    @property
    def uom(self) -> str: ...
    @property
    def price(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def tax_category(self) -> TaxCategory: ...
    @property
    def active(self) -> bool: ...
    @property
    def unit(self) -> UnitOfMeasure: ...


@frozen(kw_only=True)
class LineDraft:
    """What a caller says about a new line; the product supplies the rest."""

    product: Sellable
    quantity: Decimal
    tax_rate: Decimal
    unit_price: Decimal | None = None
    discount: Discount | None = None
    description: str | None = None


def line_fields(draft: LineDraft, currency: Currency, position: int, field_prefix: str) -> dict[str, Any]:
    """Validate a line draft against its product and the document currency; the keyword arguments of a line."""
    product = draft.product
    if not product.active:
        raise refuse("ProductMustBeActive", f"product {product.sku} is inactive")
    check_quantity(draft.quantity, product.unit, f"{field_prefix}.quantity")
    if draft.unit_price is None:
        if product.currency != currency.code:
            raise InvalidValue(f"{field_prefix}.unit_price",
                               f"the list price of {product.sku} is in {product.currency}, the document in "
                               f"{currency.code}: give a unit_price")
        unit_price = product.price
    else:
        unit_price = check_unit_price(draft.unit_price, f"{field_prefix}.unit_price")
    return {
        "id": new_id(), "position": position, "product_id": product.id, "sku": product.sku,
        "description": draft.description if draft.description is not None else product.name,
        "kind": product.kind, "uom": product.uom, "quantity": draft.quantity, "unit_price": unit_price,
        "tax_category": product.tax_category, "tax_rate": draft.tax_rate, "discount": draft.discount,
    }


class PricedDocument(Protocol):
    currency: str
    prices_include_tax: bool
    tax_rounding: TaxRounding
    tax_exempt: bool
    order_discount: Discount | None
    gross_amount: Decimal
    discount_total: Decimal
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal

    @property
    def priced_lines(self) -> Sequence[DocumentLine]: ...


def terms_of(document: PricedDocument) -> PricingTerms:
    return PricingTerms(currency=Currency.of(document.currency), prices_include_tax=document.prices_include_tax,
                        tax_rounding=document.tax_rounding, tax_exempt=document.tax_exempt,
                        order_discount=document.order_discount)


def totals_of(document: PricedDocument) -> DocumentTotals:
    return price_document([line.pricing() for line in document.priced_lines], terms_of(document))


def reprice(document: PricedDocument) -> None:
    """Recompute and store every line's and the document's amounts from its lines and terms."""
    totals = totals_of(document)
    for line, line_totals in zip(document.priced_lines, totals.lines, strict=True):
        line.gross_amount = line_totals.gross_amount
        line.line_discount = line_totals.line_discount
        line.order_discount = line_totals.order_discount
        line.net = line_totals.net
        line.tax = line_totals.tax
        line.total = line_totals.total
    document.gross_amount = totals.gross_amount
    document.discount_total = totals.discount_total
    document.net_total = totals.net_total
    document.tax_total = totals.tax_total
    document.grand_total = totals.grand_total


def reprice_or_undo(document: PricedDocument, undo: Callable[[], None]) -> None:
    """Reprice after a change; if the change cannot be priced (a discount larger than its line), undo it and
    re-raise, so a refused change leaves the document as it was."""
    try:
        reprice(document)
    except Exception:
        undo()
        raise








class EditableDocument(PricedDocument, Protocol):
    number: str

    def line(self, line_id: str) -> DocumentLine: ...


def update_line(document: EditableDocument, line_id: str, *, quantity: Decimal | None, unit_price: Decimal | None,
                discount: Discount | None, clear_discount: bool) -> None:
    line = document.line(line_id)
    before = (line.quantity, line.unit_price, line.discount)
    # Check every input before changing anything, so a refused change leaves the line as it was.
    new_quantity = line.quantity if quantity is None else check_quantity(quantity, unit_of_measure(line.uom),
                                                                         "quantity")
    new_price = line.unit_price if unit_price is None else check_unit_price(unit_price, "unit_price")
    new_discount = discount if discount is not None or clear_discount else line.discount
    line.quantity, line.unit_price, line.discount = new_quantity, new_price, new_discount

    def undo() -> None:
        line.quantity, line.unit_price, line.discount = before

    reprice_or_undo(document, undo)


def copy_line_values(line: DocumentLine) -> dict[str, Any]:
    """A line's values with a fresh id, to copy it into another document."""
    return {**asdict(line, recurse=False), "id": new_id()}


L = TypeVar("L", bound=DocumentLine)


class DraftLines(Generic[L]):
    """Line editing shared by quotations and sales orders, allowed only while the document is a draft.

    A document using it has `number`, `currency`, `lines`, the pricing fields, and says how to make its lines
    (`_new_line`) and whether it is a draft (`_must_be_draft`, which raises the document's own rule)."""

    number: str
    currency: str
    lines: list[L]

    def _must_be_draft(self) -> None:
        raise NotImplementedError

    def _new_line(self, values: dict[str, Any]) -> L:
        raise NotImplementedError

    def line(self, line_id: str) -> L:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise InvalidValue("line_id", f"{self.number} has no line {line_id}")

    def add_line(self, draft: LineDraft) -> L:
        self._must_be_draft()
        if len(self.lines) >= MAX_LINES:
            raise InvalidValue("lines", f"a document holds at most {MAX_LINES} lines")
        position = max((line.position for line in self.lines), default=0) + 1
        line = self._new_line(line_fields(draft, Currency.of(self.currency), position, "line"))
        self.lines.append(line)
        reprice_or_undo(self, lambda: self.lines.remove(line))  # type: ignore[arg-type]
        return line

    def update_line(self, line_id: str, *, quantity: Decimal | None = None, unit_price: Decimal | None = None,
                    discount: Discount | None = None, clear_discount: bool = False) -> None:
        self._must_be_draft()
        update_line(self, line_id, quantity=quantity, unit_price=unit_price,  # type: ignore[arg-type]
                    discount=discount, clear_discount=clear_discount)

    def remove_line(self, line_id: str) -> None:
        self._must_be_draft()
        self.lines.remove(self.line(line_id))
        reprice(self)  # type: ignore[arg-type]
