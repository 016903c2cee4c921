"""Priced documents: the header and the lines that quotations, orders (and later purchase orders, invoices and
carts) share, priced by the one pricing function, and the editing of their lines while they are drafts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, Protocol, Self, TypeVar

from attrs import define, field, frozen

from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import ContradictoryValues, InvalidValue, NotFound, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import (
    InvoicePolicy,
    ProductKind,
    UnitOfMeasure,
    check_quantity,
    check_unit_price,
    unit_of_measure,
)
from oms.domain.shared.lifecycle import StatusChange
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import DocumentTotals, PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

MAX_LINES = 1000


@frozen(kw_only=True)
class LineValues:
    """What a new line is made of: the product as the line captures it, and what the caller said of it. Tax
    category and rate are captured when the line is made, so later rate changes do not alter a document already
    sent; so is the invoice policy, so that changing a product's policy changes no line already made. The amounts
    are not among them: the document computes them when it reprices."""

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
    invoice_policy: InvoicePolicy
    discount: Discount | None = None


@define(slots=False, eq=False, kw_only=True)
class DocumentLine:
    """A priced line: its values (see `LineValues`) and the amounts the document's repricing stores on it."""

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
    invoice_policy: InvoicePolicy
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

    @classmethod
    def of(cls, values: LineValues) -> Self:
        """A new line of these values, not priced yet (its document reprices it)."""
        return cls(id=values.id, position=values.position, product_id=values.product_id, sku=values.sku,
                   description=values.description, kind=values.kind, uom=values.uom, quantity=values.quantity,
                   unit_price=values.unit_price, tax_category=values.tax_category, tax_rate=values.tax_rate,
                   invoice_policy=values.invoice_policy, discount=values.discount)

    def copied(self) -> LineValues:
        """The line's values with a fresh id, to copy it into another document (which prices it again)."""
        return LineValues(id=new_id(), position=self.position, product_id=self.product_id, sku=self.sku,
                          description=self.description, kind=self.kind, uom=self.uom, quantity=self.quantity,
                          unit_price=self.unit_price, tax_category=self.tax_category, tax_rate=self.tax_rate,
                          invoice_policy=self.invoice_policy, discount=self.discount)


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
    def invoice_policy(self) -> InvoicePolicy: ...
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


def line_values(draft: LineDraft, currency: Currency, position: int, field_prefix: str) -> LineValues:
    """Validate a line draft against its product and the document currency; the values of the new line."""
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
    return LineValues(
        id=new_id(), position=position, product_id=product.id, sku=product.sku,
        description=draft.description if draft.description is not None else product.name,
        kind=product.kind, uom=product.uom, quantity=draft.quantity, unit_price=unit_price,
        tax_category=product.tax_category, tax_rate=draft.tax_rate, invoice_policy=product.invoice_policy,
        discount=draft.discount,
    )


L = TypeVar("L", bound=DocumentLine)


@define(slots=False, eq=False, kw_only=True)
class PricedDocument(Generic[L]):
    """The header and lines of a priced document, and its money: every amount is computed by `reprice` from the
    lines and the terms frozen on the document (currency, tax mode and rounding, tax exemption, order discount).

    Lines are edited only while the document is a draft: a document says how to make its lines (`_new_line`) and
    refuses edits when it is not a draft (`_must_be_draft`, which raises the document's own rule)."""

    id: str
    number: str
    branch_id: str
    currency: str
    created_at: datetime
    tax_exempt: bool = False
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    order_discount: Discount | None = None
    lines: list[L] = field(factory=list)
    history: list[StatusChange] = field(factory=list)
    gross_amount: Decimal = Decimal(0)
    discount_total: Decimal = Decimal(0)
    net_total: Decimal = Decimal(0)
    tax_total: Decimal = Decimal(0)
    grand_total: Decimal = Decimal(0)
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    def _must_be_draft(self) -> None:
        raise NotImplementedError

    def _new_line(self, values: LineValues) -> L:
        raise NotImplementedError

    # -- money ----------------------------------------------------------------------------------------------
    def terms(self) -> PricingTerms:
        return PricingTerms(currency=Currency.of(self.currency), prices_include_tax=self.prices_include_tax,
                            tax_rounding=self.tax_rounding, tax_exempt=self.tax_exempt,
                            order_discount=self.order_discount)

    def totals(self) -> DocumentTotals:
        """The money of the lines under the terms; kept with the inputs it came from, so asking again (the answer's
        view after a reprice) costs a comparison instead of a pricing while nothing that prices has changed."""
        inputs = (self.terms(), [line.pricing() for line in self.lines])
        kept: tuple[object, DocumentTotals] | None = self.__dict__.get("_priced")
        if kept is not None and kept[0] == inputs:
            return kept[1]
        totals = price_document(inputs[1], inputs[0])
        self.__dict__["_priced"] = (inputs, totals)
        return totals

    def reprice(self) -> None:
        """Recompute and store every line's and the document's amounts from its lines and terms."""
        totals = self.totals()
        for line, line_totals in zip(self.lines, totals.lines, strict=True):
            line_totals.store_on(line)
        self.gross_amount = totals.gross_amount
        self.discount_total = totals.discount_total
        self.net_total = totals.net_total
        self.tax_total = totals.tax_total
        self.grand_total = totals.grand_total

    def _reprice_or_undo(self, undo: Callable[[], None]) -> None:
        """Reprice after a change; if the change cannot be priced (a discount larger than its line), undo it and
        re-raise, so a refused change leaves the document as it was."""
        try:
            self.reprice()
        except Exception:
            undo()
            raise

    # -- lines ----------------------------------------------------------------------------------------------
    def line(self, line_id: str, field: str = "line_id") -> L:
        """The line with this id; NotFound names the `field` the caller gave it in."""
        for line in self.lines:
            if line.id == line_id:
                return line
        raise NotFound("line", line_id, field)

    def add_line(self, draft: LineDraft, field: str = "line") -> L:
        """Add a line; `field` is what the caller calls it (`line`), for the errors."""
        return self._append([draft], lambda _: field)[0]

    def add_lines(self, drafts: Sequence[LineDraft], field: str = "lines") -> list[L]:
        """Add lines together (priced once, all or none); the errors name them as members of the caller's list
        `field` (`lines[2].quantity`)."""
        return self._append(drafts, lambda index: f"{field}[{index}]")

    def _append(self, drafts: Sequence[LineDraft], name: Callable[[int], str]) -> list[L]:
        self._must_be_draft()
        if len(self.lines) + len(drafts) > MAX_LINES:
            raise InvalidValue("lines", f"a document holds at most {MAX_LINES} lines")
        first = len(self.lines)
        position = max((line.position for line in self.lines), default=0)
        currency = Currency.of(self.currency)
        added = [self._new_line(line_values(draft, currency, position + offset + 1, name(offset)))
                 for offset, draft in enumerate(drafts)]
        self.lines.extend(added)

        def undo() -> None:
            del self.lines[first:]

        try:
            self._reprice_or_undo(undo)
        except InvalidValue as error:  # the pricing names lines by index: name the new ones as the caller did
            index = _line_index(error.field)
            if index is None or index < first:
                raise
            raise InvalidValue(name(index - first) + error.field.removeprefix(f"lines[{index}]"),
                               error.detail) from None
        return added

    def update_line(self, line_id: str, *, quantity: Decimal | None = None, unit_price: Decimal | None = None,
                    discount: Discount | None = None, clear_discount: bool = False) -> None:
        self._must_be_draft()
        if discount is not None and clear_discount:
            raise ContradictoryValues(("discount", "clear_discount"), "give a discount or clear it, not both")
        line = self.line(line_id)
        # Check every input before changing anything, so a refused change leaves the line as it was.
        new_quantity = line.quantity if quantity is None else check_quantity(quantity, unit_of_measure(line.uom),
                                                                             "quantity")
        new_price = line.unit_price if unit_price is None else check_unit_price(unit_price, "unit_price")
        new_discount = discount if discount is not None or clear_discount else line.discount
        before = (line.quantity, line.unit_price, line.discount)
        line.quantity, line.unit_price, line.discount = new_quantity, new_price, new_discount

        def undo() -> None:
            line.quantity, line.unit_price, line.discount = before

        try:
            self._reprice_or_undo(undo)
        except InvalidValue as error:  # a discount larger than the line: the caller's `discount`
            raise InvalidValue("discount", error.detail) if error.field.endswith(".discount") else error from None

    def remove_line(self, line_id: str) -> None:
        self._must_be_draft()
        self.lines.remove(self.line(line_id))
        self.reprice()

    def set_order_discount(self, discount: Discount | None) -> None:
        """Set or clear (None) the discount on the whole document."""
        self._must_be_draft()
        before = self.order_discount
        self.order_discount = discount

        def undo() -> None:
            self.order_discount = before

        self._reprice_or_undo(undo)


def totals_of(document: PricedDocument[Any]) -> DocumentTotals:
    """The document's money as the pricing function computes it (lines, taxes per rate, totals)."""
    return document.totals()


def _line_index(field: str) -> int | None:
    """The index of the line a pricing error names (`lines[3].discount` is 3), if it names one."""
    found = re.match(r"lines\[(\d+)\]", field)
    return None if found is None else int(found[1])
