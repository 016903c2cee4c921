"""What the sales documents share: their creation from a customer, a branch and lines, and the editing of the lines
of a draft, with one set of commands and handlers for quotations and orders alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from attrs import field, frozen

from oms.application.masterdata.lines import LineInput, line_draft, line_drafts
from oms.application.masterdata.lookups import parties
from oms.application.shared.commands import Command, Handlers, to_optional_price, to_optional_quantity
from oms.application.shared.documents import find, next_number
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import DocumentLine, PricedDocument
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.tax import TaxRounding
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRepository

D = TypeVar("D", bound=PricedDocument[Any])


@frozen(kw_only=True)
class CreateSalesDocument(Command[str]):
    """What creating a quotation or an order takes; the document is in the branch's currency, taxed in its
    jurisdiction, and the customer's tax exemption applies. Returns the new document's id."""

    customer_code: str
    branch_code: str
    lines: tuple[LineInput, ...] = ()
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    order_discount: Discount | None = None


def new_document(uow: SalesUnitOfWork, cmd: CreateSalesDocument, kind: DocumentType, at: datetime,
                 make: Callable[..., D], **fields: Any) -> D:
    """A draft of the command's customer and branch with the command's lines (named `lines[i]` in errors)."""
    customer, branch = parties(uow, cmd.customer_code, cmd.branch_code)
    document = make(id=new_id(), number=next_number(uow, kind), customer_id=customer.id, branch_id=branch.id,
                    currency=branch.currency, created_at=at, tax_exempt=customer.tax_exempt,
                    prices_include_tax=cmd.prices_include_tax, tax_rounding=cmd.tax_rounding,
                    order_discount=cmd.order_discount, **fields)
    document.add_lines(line_drafts(uow, branch, cmd.lines))
    return document


@frozen(kw_only=True)
class AddLine(Command[str]):
    """Add a line to a draft; returns the new line's id."""

    line: LineInput


@frozen(kw_only=True)
class UpdateLine(Command[None]):
    """Change a draft's line: its quantity, unit price or discount (`clear_discount` removes it)."""

    line_id: str
    quantity: Decimal | None = field(default=None, converter=to_optional_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    clear_discount: bool = False


@frozen(kw_only=True)
class RemoveLine(Command[None]):
    """Remove a draft's line."""

    line_id: str


@frozen
class LineEditing(Generic[D]):
    """The handlers of the line commands of one document type: `documents` picks its repository, `kind` names it
    in errors, `ref` reads the document's id or number from a command."""

    documents: Callable[[SalesUnitOfWork], DocumentRepository[D]]
    kind: str
    ref: Callable[[Any], str]

    def _document(self, uow: SalesUnitOfWork, cmd: Command[Any]) -> D:
        return find(self.documents(uow), self.ref(cmd), self.kind)

    def add(self, cmd: AddLine, uow: SalesUnitOfWork, clock: Clock) -> str:
        document = self._document(uow, cmd)
        line: DocumentLine = document.add_line(line_draft(uow, uow.masterdata.branches.get(document.branch_id),
                                                          cmd.line))
        return line.id

    def _with_line(self, uow: SalesUnitOfWork, cmd: UpdateLine | RemoveLine) -> D:
        """The document, once its line is found: a line it does not have is not found whatever its status."""
        document = self._document(uow, cmd)
        document.line(cmd.line_id)
        return document

    def update(self, cmd: UpdateLine, uow: SalesUnitOfWork, clock: Clock) -> None:
        self._with_line(uow, cmd).update_line(cmd.line_id, quantity=cmd.quantity, unit_price=cmd.unit_price,
                                              discount=cmd.discount, clear_discount=cmd.clear_discount)

    def remove(self, cmd: RemoveLine, uow: SalesUnitOfWork, clock: Clock) -> None:
        self._with_line(uow, cmd).remove_line(cmd.line_id)

    def handlers(self, add: type[AddLine], update: type[UpdateLine], remove: type[RemoveLine]) -> Handlers:
        return {add: self.add, update: self.update, remove: self.remove}
