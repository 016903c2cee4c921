"""The purchase order aggregate: what we buy from a supplier for a branch, its receipts and returns to the supplier.

draft -> sent -> [to_approve ->] ordered -> partially_received -> received; ordered/partially_received/received ->
closed; draft/sent/to_approve/ordered -> cancelled. Rules (each has a test, see docs/rules.md):
- ordering a draft or sent order whose grand total (in the branch's currency) reaches the branch's approval
  threshold puts it to approve; a manager's approval orders it (Odoo's two-step validation, peers P-1a);
- a line's received quantity is the sum of its posted receipt lines less its returns to the supplier; billed is
  what posted vendor bills say (0 until they exist); nothing is counted up (X1);
- a receipt may bring a line up to ordered x (1 + tolerance / 100), counting the receipt being posted: the check
  runs when it is posted, on the order as loaded under its row lock (P7, X3);
- the order's status and receipt status are functions of each line's own progress, never of a quantity-weighted
  percentage (X2): received when every line has received at least what it ordered;
- an order with a receipt or a billed quantity cannot be cancelled (`PurchaseOrderHasReceipts`); its open remainder
  is closed instead: closed, every line's open quantity 0, the receipt status closed_short unless all arrived (P9,
  P13);
- a return to the supplier takes out at most what the line has received, at the cost its receipts brought in.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from attrs import define, field

from oms.domain.procurement.events import (
    GoodsReceived,
    GoodsReturnedToSupplier,
    PurchaseOrderApproved,
    PurchaseOrderCancelled,
    PurchaseOrderClosed,
    PurchaseOrderCreated,
    PurchaseOrderOrdered,
    PurchaseOrderSent,
    PurchaseOrderSubmittedForApproval,
)
from oms.domain.procurement.receipts import GoodsReceipt, GoodsReceiptLine, SupplierReturn
from oms.domain.shared.documents import DocumentLine, LineValues, PricedDocument
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import unit_of_measure
from oms.domain.shared.lifecycle import Transition, change_status
from oms.domain.shared.money import Currency
from oms.domain.stock.levels import StockLevel
from oms.domain.stock.valuation import rate as unit_rate
from oms.domain.stock.valuation import share

DOCUMENT_TYPE = "purchase_order"


class PurchaseOrderStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    TO_APPROVE = "to_approve"
    ORDERED = "ordered"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class ReceiptStatus(enum.StrEnum):
    NOTHING = "nothing"
    PARTIAL = "partial"
    RECEIVED = "received"
    CLOSED_SHORT = "closed_short"


_S = PurchaseOrderStatus
RECEIVABLE = frozenset({_S.ORDERED, _S.PARTIALLY_RECEIVED, _S.RECEIVED})
STILL_OPEN = frozenset(_S) - {_S.CLOSED, _S.CANCELLED}  # may still bring stock (a received one: after a return)
RETURNABLE = frozenset({_S.PARTIALLY_RECEIVED, _S.RECEIVED, _S.CLOSED})
TRANSITIONS: dict[PurchaseOrderStatus, Transition[PurchaseOrderStatus]] = {
    _S.SENT: Transition(sources=frozenset({_S.DRAFT}), rule="PurchaseOrderMustBeDraft"),
    _S.TO_APPROVE: Transition(sources=frozenset({_S.DRAFT, _S.SENT}), rule="PurchaseOrderMustBeDraftOrSent"),
    _S.ORDERED: Transition(sources=frozenset({_S.DRAFT, _S.SENT}), rule="PurchaseOrderMustBeDraftOrSent"),
    _S.CLOSED: Transition(sources=RECEIVABLE, rule="PurchaseOrderMustBeOrdered"),
    _S.CANCELLED: Transition(sources=frozenset({_S.DRAFT, _S.SENT, _S.TO_APPROVE, _S.ORDERED}),
                             rule="PurchaseOrderMustBeOpen"),
}
APPROVE: dict[PurchaseOrderStatus, Transition[PurchaseOrderStatus]] = {
    _S.ORDERED: Transition(sources=frozenset({_S.TO_APPROVE}), rule="PurchaseOrderMustAwaitApproval")}
# Receipts and returns move an order between these by its lines' progress.
PROGRESS: dict[PurchaseOrderStatus, Transition[PurchaseOrderStatus]] = {
    target: Transition(sources=RECEIVABLE, rule="PurchaseOrderMustBeOrdered") for target in RECEIVABLE}


@define(slots=False, eq=False, kw_only=True)
class PurchaseOrderLine(DocumentLine):
    """A line of a purchase order. `billed`: the quantity posted vendor bills charged (set by invoicing's process;
    0 until vendor bills exist)."""

    billed: Decimal = Decimal(0)

    @property
    def unit_cost(self) -> Decimal:
        """The net price of one unit after discounts, tax excluded, in the order's currency."""
        return unit_rate(self.net / self.quantity) if self.quantity else Decimal(0)


@define(slots=False, eq=False, kw_only=True)
class PurchaseOrder(PricedDocument[PurchaseOrderLine]):
    supplier_id: str
    warehouse_id: str
    supplier_reference: str = ""
    status: PurchaseOrderStatus = PurchaseOrderStatus.DRAFT
    receipts: list[GoodsReceipt] = field(factory=list)
    supplier_returns: list[SupplierReturn] = field(factory=list)

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        self.reprice()
        if self.version == 0:
            self.events.append(PurchaseOrderCreated(aggregate_id=self.id, occurred_at=self.created_at,
                                                    number=self.number, supplier_id=self.supplier_id,
                                                    branch_id=self.branch_id, currency=self.currency))

    def product_ids(self) -> list[str]:
        return sorted({line.product_id for line in self.lines if line.kind.tracks_stock})

    # -- editing a draft -------------------------------------------------------------------------------
    def _new_line(self, values: LineValues) -> PurchaseOrderLine:
        return PurchaseOrderLine.of(values)

    def _must_be_draft(self) -> None:
        if self.status is not PurchaseOrderStatus.DRAFT:
            raise refuse("PurchaseOrderMustBeDraft", f"{self.number} is {self.status}; only a draft can be edited")

    # -- progress, derived from the posted receipts and returns ------------------------------------------
    def received(self, line_id: str) -> Decimal:
        """Received less returned to the supplier."""
        came = sum((rl.quantity for receipt in self.receipts for rl in receipt.lines if rl.line_id == line_id),
                   Decimal(0))
        went = sum((r.quantity for r in self.supplier_returns if r.line_id == line_id), Decimal(0))
        return came - went

    def open_quantity(self, line: PurchaseOrderLine) -> Decimal:
        """What is still to arrive: nothing once the order is closed or cancelled."""
        if self.status in (_S.CLOSED, _S.CANCELLED, _S.DRAFT, _S.SENT, _S.TO_APPROVE):
            return Decimal(0) if self.status in (_S.CLOSED, _S.CANCELLED) else line.quantity
        return max(line.quantity - self.received(line.id), Decimal(0))

    def line_receipt_status(self, line: PurchaseOrderLine) -> ReceiptStatus:
        received = self.received(line.id)
        if received >= line.quantity:
            return ReceiptStatus.RECEIVED
        if self.status is _S.CLOSED:
            return ReceiptStatus.CLOSED_SHORT
        return ReceiptStatus.PARTIAL if received > 0 else ReceiptStatus.NOTHING

    def receipt_status(self) -> ReceiptStatus:
        """The order's: received only when every receivable line is, each judged on its own."""
        statuses = {self.line_receipt_status(line) for line in self.lines if line.kind.ships}
        if not statuses:
            return ReceiptStatus.NOTHING
        if statuses == {ReceiptStatus.RECEIVED}:
            return ReceiptStatus.RECEIVED
        if ReceiptStatus.CLOSED_SHORT in statuses:
            return ReceiptStatus.CLOSED_SHORT
        if statuses == {ReceiptStatus.NOTHING}:
            return ReceiptStatus.NOTHING
        return ReceiptStatus.PARTIAL

    # -- lifecycle ---------------------------------------------------------------------------------------
    def _change(self, target: PurchaseOrderStatus, at: datetime, actor: str, reason: str = "",
                table: Mapping[PurchaseOrderStatus, Transition[PurchaseOrderStatus]] = TRANSITIONS) -> None:
        change_status(self, target, table, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def send(self, at: datetime, actor: str) -> None:
        """Sent to the supplier (no message leaves oms yet); still editable only as a draft was."""
        self._must_have_lines()
        self._change(_S.SENT, at, actor)
        self.events.append(PurchaseOrderSent(aggregate_id=self.id, occurred_at=at, number=self.number, actor=actor))

    def _must_have_lines(self) -> None:
        if not self.lines:
            raise refuse("PurchaseOrderMustHaveLines", f"{self.number} has no lines")

    def place(self, *, total_in_branch_currency: Decimal, threshold: Decimal | None, at: datetime,
              actor: str) -> None:
        """Order it from the supplier, or, when its total reaches the branch's approval threshold, put it to
        approve."""
        if self.status not in TRANSITIONS[_S.ORDERED].sources:
            self._change(_S.ORDERED, at, actor)  # refuses, naming the rule
        self._must_have_lines()
        if threshold is not None and total_in_branch_currency >= threshold:
            self._change(_S.TO_APPROVE, at, actor, f"total {total_in_branch_currency} reaches {threshold}")
            self.events.append(PurchaseOrderSubmittedForApproval(
                aggregate_id=self.id, occurred_at=at, number=self.number, actor=actor,
                grand_total=total_in_branch_currency, threshold=threshold))
            return
        self._order(at, actor)

    def _order(self, at: datetime, actor: str, table: Mapping[PurchaseOrderStatus,
                                                             Transition[PurchaseOrderStatus]] = TRANSITIONS) -> None:
        self._change(_S.ORDERED, at, actor, table=table)
        self.events.append(PurchaseOrderOrdered(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                actor=actor))

    def approve(self, at: datetime, actor: str) -> None:
        self._order(at, actor, APPROVE)
        self.events.append(PurchaseOrderApproved(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                 actor=actor))

    def cancel(self, at: datetime, actor: str, reason: str = "") -> None:
        if self.receipts or any(line.billed for line in self.lines):
            raise refuse("PurchaseOrderHasReceipts", f"{self.number} has received or billed quantities; close its "
                         "open remainder instead")
        self._change(_S.CANCELLED, at, actor, reason)
        self.events.append(PurchaseOrderCancelled(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                  actor=actor, reason=reason))

    def close(self, at: datetime, actor: str, reason: str = "") -> None:
        """Close the open remainder: nothing more will be received (what arrived stays)."""
        if self.status is not _S.RECEIVED and not reason.strip():
            raise InvalidValue("reason", "closing an order short needs a reason")
        self._change(_S.CLOSED, at, actor, reason)
        self.events.append(PurchaseOrderClosed(aggregate_id=self.id, occurred_at=at, number=self.number,
                                               actor=actor, reason=reason))

    def _follow_progress(self, at: datetime, actor: str, reason: str) -> None:
        if self.status not in RECEIVABLE:
            return  # a closed order stays closed
        lines = [line for line in self.lines if line.kind.ships]
        if all(self.received(line.id) >= line.quantity for line in lines):
            target = _S.RECEIVED
        elif any(self.received(line.id) > 0 for line in lines):
            target = _S.PARTIALLY_RECEIVED
        else:
            target = _S.ORDERED
        if target is not self.status:
            self._change(target, at, actor, reason, table=PROGRESS)

    # -- receipts ----------------------------------------------------------------------------------------
    def receive(self, *, number: str, warehouse_id: str, quantities: Mapping[str, Decimal],
                tolerances: Mapping[str, Decimal], levels: Mapping[str, StockLevel], rate: Decimal,
                branch_currency: Currency, at: datetime, actor: str) -> GoodsReceipt:
        """Post a receipt of the given quantity of each named line into a warehouse: `tolerances` are the
        over-receipt percentages by product, `levels` the stock levels of the lines' products there, `rate` the
        order's currency in the branch's, kept to 6 decimals (1/1.08 has more). Checked whole before anything
        moves."""
        rate = unit_rate(rate)
        if self.status not in RECEIVABLE:
            raise refuse("PurchaseOrderMustBeOrdered", f"{self.number} is {self.status}; goods are received only "
                         "for an ordered or partially received order")
        if not quantities:
            raise InvalidValue("lines", "name at least one line and the quantity received")
        for index, (line_id, quantity) in enumerate(quantities.items()):
            line = self.line(line_id, f"lines[{index}].line_id")
            if not line.kind.ships:
                raise refuse("ServiceLinesAreNotReceived", f"line {line.position} ({line.sku}) is a service")
            if quantity <= 0:
                raise InvalidValue(f"lines[{index}].quantity", "must be greater than zero")
            unit_of_measure(line.uom).check(quantity, f"lines[{index}].quantity")
            tolerance = tolerances.get(line.product_id, Decimal(0))
            received = self.received(line.id)
            if received + quantity > line.quantity * (1 + tolerance / 100):
                raise refuse("CannotReceiveMoreThanOrdered",
                             f"line {line.position} ({line.sku}): {line.quantity} ordered, {received} received, "
                             f"{quantity} more arriving; the tolerance is {tolerance}%")
        receipt = GoodsReceipt(id=new_id(), number=number, warehouse_id=warehouse_id, received_at=at, actor=actor,
                               rate=rate)
        for line_id, quantity in quantities.items():
            line = self.line(line_id)
            cost = unit_rate(line.unit_cost * rate)
            value = branch_currency.round(quantity * cost)
            if line.kind.tracks_stock:
                value = levels[line.product_id].receive(quantity, f"{number} {self.number}", at, actor,
                                                        currency=branch_currency, unit_cost=cost).value
            receipt.lines.append(GoodsReceiptLine(id=new_id(), line_id=line.id, product_id=line.product_id,
                                                  quantity=quantity, value=value))
        self.receipts.append(receipt)
        self.events.append(GoodsReceived(aggregate_id=self.id, occurred_at=at, number=self.number,
                                         receipt_number=number, warehouse_id=warehouse_id,
                                         lines=tuple((rl.line_id, rl.quantity) for rl in receipt.lines),
                                         value=sum((rl.value for rl in receipt.lines), Decimal(0))))
        self._follow_progress(at, actor, f"goods receipt {number}")
        return receipt

    def received_value(self, line_id: str) -> tuple[Decimal, Decimal]:
        """The quantity the line's receipts brought in and what it was worth in stock."""
        lines = [rl for receipt in self.receipts for rl in receipt.lines if rl.line_id == line_id]
        return sum((rl.quantity for rl in lines), Decimal(0)), sum((rl.value for rl in lines), Decimal(0))

    def return_to_supplier(self, *, number: str, line_id: str, quantity: Decimal, warehouse_id: str,
                           level: StockLevel | None, branch_currency: Currency, reason: str, at: datetime,
                           actor: str) -> SupplierReturn:
        """Send received units of a line back: never more than it has received (less earlier returns); they leave
        stock at the average cost the line's receipts brought them in at."""
        if self.status not in RETURNABLE:
            raise refuse("PurchaseOrderMustHaveReceipts", f"{self.number} is {self.status}; nothing was received")
        line = self.line(line_id)
        if quantity <= 0:
            raise InvalidValue("quantity", "must be greater than zero")
        unit_of_measure(line.uom).check(quantity, "quantity")
        if not reason.strip():
            raise InvalidValue("reason", "a return needs a reason")
        received = self.received(line.id)
        if quantity > received:
            raise refuse("CannotReturnMoreThanReceived",
                         f"line {line.position} ({line.sku}): {received} received, {quantity} to return")
        came, worth = self.received_value(line.id)
        returned = sum((r.quantity for r in self.supplier_returns if r.line_id == line.id), Decimal(0))
        value = share(worth, came, returned, quantity, branch_currency)
        if level is not None:
            value = -level.return_to_supplier(quantity, value, f"{number} {self.number}", at, actor,
                                              currency=branch_currency).value
        supplier_return = SupplierReturn(id=new_id(), number=number, line_id=line.id, product_id=line.product_id,
                                         warehouse_id=warehouse_id, quantity=quantity, value=value,
                                         reason=reason.strip(), returned_at=at, actor=actor)
        self.supplier_returns.append(supplier_return)
        self.events.append(GoodsReturnedToSupplier(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                   return_number=number, warehouse_id=warehouse_id,
                                                   line_id=line.id, quantity=quantity, value=value))
        self._follow_progress(at, actor, f"return to supplier {number}")
        return supplier_return
