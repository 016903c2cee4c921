"""The sales order aggregate: confirmed against stock, issued in one or more goods issues, completed.

draft -> confirmed (stock reserved) -> partially_issued -> issued -> completed;
draft/confirmed -> cancelled (reservations released); draft/confirmed/partially_issued <-> on_hold.
Rules of oms's own choosing (each has a test, see docs/rules.md):
- an order with no shippable lines (services only) is completed straight from confirmed;
- a partially issued order can be closed short: completed with a reason, its open reservations released;
- a held order keeps its reservations, and can be cancelled only if it was held before any goods issue;
- reserving draws, line by line in line order, from the branch's warehouses by priority; with backorders allowed
  what cannot be reserved stays open and `reserve_backorders` reserves it when stock arrives;
- a line never keeps more reserved than it still has to ship: when a goods issue ships it from stock that was not
  reserved for it (another warehouse), the reservations made superfluous are released, latest first;
  a fully issued line thus releases whatever is still reserved for it;
- a goods issue records the cost of the goods it issued per line (the value the stock level took out), and
  customer returns of delivered units come back at that cost (see `returns.py`).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from attrs import define, field

from oms.domain.sales.events import GoodsIssued
from oms.domain.sales.goods_issues import GoodsIssue, GoodsIssueLine
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.returns import CustomerReturn, GoodsReturned, ReturnAuthorised, ReturnReceipt
from oms.domain.shared.documents import DocumentLine, LineValues, PricedDocument
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.events import DocumentCreated
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import unit_of_measure
from oms.domain.shared.lifecycle import Transition, change_status
from oms.domain.shared.money import Currency, check_decimals, to_decimal
from oms.domain.stock.events import ReservationReleased, StockReserved
from oms.domain.stock.levels import StockLevel
from oms.domain.stock.reservations import Inventory, Reservation
from oms.domain.stock.valuation import share

DOCUMENT_TYPE = "sales_order"


class SalesOrderStatus(enum.StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    PARTIALLY_ISSUED = "partially_issued"
    ISSUED = "issued"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"


_S = SalesOrderStatus
ISSUABLE = frozenset({_S.CONFIRMED, _S.PARTIALLY_ISSUED})
AWAITING_ISSUE = ISSUABLE | {_S.ON_HOLD}  # may still wait for stock (one on hold: if held after confirming)
TRANSITIONS: dict[SalesOrderStatus, Transition[SalesOrderStatus]] = {
    _S.CONFIRMED: Transition(sources=frozenset({_S.DRAFT}), rule="SalesOrderMustBeDraft"),
    _S.PARTIALLY_ISSUED: Transition(sources=ISSUABLE, rule="SalesOrderMustBeConfirmed"),
    _S.ISSUED: Transition(sources=ISSUABLE, rule="SalesOrderMustBeConfirmed"),
    _S.COMPLETED: Transition(sources=frozenset({_S.ISSUED, _S.CONFIRMED, _S.PARTIALLY_ISSUED}),
                             rule="SalesOrderMustBeIssued"),
    _S.CANCELLED: Transition(sources=frozenset({_S.DRAFT, _S.CONFIRMED, _S.ON_HOLD}),
                             rule="SalesOrderMustNotBeIssued"),
    _S.ON_HOLD: Transition(sources=frozenset({_S.DRAFT, _S.CONFIRMED, _S.PARTIALLY_ISSUED}),
                           rule="SalesOrderMustBeOpen"),
}
RELEASE: Transition[SalesOrderStatus] = Transition(sources=frozenset({_S.ON_HOLD}), rule="SalesOrderMustBeOnHold")


@define(slots=False, eq=False, kw_only=True)
class OrderLine(DocumentLine):
    """A line of a sales order; `quantity_issued` grows with each goods issue, `quantity_returned` with each receipt
    of returned units; what the customer has, `delivered`, is the difference."""

    quantity_issued: Decimal = Decimal(0)
    quantity_returned: Decimal = Decimal(0)

    @property
    def delivered(self) -> Decimal:
        return self.quantity_issued - self.quantity_returned

    @property
    def remaining(self) -> Decimal:
        return max(self.quantity - self.quantity_issued, Decimal(0))

    @property
    def fully_issued(self) -> bool:
        return self.quantity_issued >= self.quantity


@define(slots=False, eq=False, kw_only=True)
class SalesOrder(PricedDocument[OrderLine]):
    customer_id: str
    allow_backorder: bool = False
    over_delivery_percent: Decimal = Decimal(0)
    customer_reference: str = ""
    quotation_id: str | None = None
    status: SalesOrderStatus = SalesOrderStatus.DRAFT
    held_from: SalesOrderStatus | None = None
    reservations: list[Reservation] = field(factory=list)
    goods_issues: list[GoodsIssue] = field(factory=list)
    returns: list[CustomerReturn] = field(factory=list)

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        self.over_delivery_percent = to_decimal(self.over_delivery_percent, "over_delivery_percent")
        if not 0 <= self.over_delivery_percent <= 100:
            raise InvalidValue("over_delivery_percent", "must be between 0 and 100")
        check_decimals(self.over_delivery_percent, 2, "over_delivery_percent")
        self.reprice()
        if self.version == 0:
            self.events.append(DocumentCreated(aggregate_id=self.id, occurred_at=self.created_at,
                                               document_type=DOCUMENT_TYPE, number=self.number))

    @classmethod
    def from_quotation(cls, quotation: Quotation, *, order_id: str, number: str, at: datetime,
                       allow_backorder: bool = False, customer_reference: str = "") -> SalesOrder:
        """A draft order with the quotation's lines, prices, discounts and tax terms, exactly."""
        return cls(id=order_id, number=number, customer_id=quotation.customer_id, branch_id=quotation.branch_id,
                   currency=quotation.currency, created_at=at, tax_exempt=quotation.tax_exempt,
                   prices_include_tax=quotation.prices_include_tax, tax_rounding=quotation.tax_rounding,
                   order_discount=quotation.order_discount, allow_backorder=allow_backorder,
                   customer_reference=customer_reference, quotation_id=quotation.id,
                   lines=[OrderLine.of(line.copied()) for line in quotation.lines])

    def product_ids(self) -> list[str]:
        return sorted({line.product_id for line in self.lines if line.kind.tracks_stock})

    # -- editing a draft -------------------------------------------------------------------------------
    def _new_line(self, values: LineValues) -> OrderLine:
        return OrderLine.of(values)

    def _must_be_draft(self) -> None:
        if self.status is not SalesOrderStatus.DRAFT:
            raise refuse("SalesOrderMustBeDraft", f"{self.number} is {self.status}; only a draft can be edited")

    # -- lifecycle ---------------------------------------------------------------------------------------
    def _change(self, target: SalesOrderStatus, at: datetime, actor: str, reason: str = "",
                table: Mapping[SalesOrderStatus, Transition[SalesOrderStatus]] = TRANSITIONS) -> None:
        change_status(self, target, table, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def confirm(self, inventory: Inventory, at: datetime, actor: str) -> None:
        """Reserve every stocked line all-or-nothing, or as much as there is when backorders are allowed."""
        if self.status is not SalesOrderStatus.DRAFT:
            raise refuse("SalesOrderMustBeDraft", f"{self.number} is {self.status}; only a draft is confirmed")
        if not self.lines:
            raise refuse("SalesOrderMustHaveLines", f"{self.number} has no lines")
        self._reserve({line.id: line.quantity for line in self.lines}, inventory, at,
                      all_or_nothing=not self.allow_backorder)
        self._change(SalesOrderStatus.CONFIRMED, at, actor)

    def open_reserved(self, line_id: str, warehouse_id: str | None = None) -> Decimal:
        return sum((r.open for r in self.reservations
                    if r.line_id == line_id and (warehouse_id is None or r.warehouse_id == warehouse_id)),
                   Decimal(0))

    def backordered(self, line: OrderLine) -> Decimal:
        """What of a stocked line is neither issued nor reserved."""
        return line.remaining - self.open_reserved(line.id) if line.kind.tracks_stock else Decimal(0)

    def reserve_backorders(self, inventory: Inventory, at: datetime) -> Decimal:
        """Reserve what stock has arrived for backordered quantities; returns how much was reserved."""
        if self.status not in ISSUABLE:
            raise refuse("SalesOrderMustBeConfirmed", f"{self.number} is {self.status}")
        before = sum((r.open for r in self.reservations), Decimal(0))
        self._reserve({line.id: self.backordered(line) for line in self.lines}, inventory, at,
                      all_or_nothing=False)
        return sum((r.open for r in self.reservations), Decimal(0)) - before

    def _reserve(self, wanted: Mapping[str, Decimal], inventory: Inventory, at: datetime, *,
                 all_or_nothing: bool) -> None:
        stocked = [line for line in self.lines if line.kind.tracks_stock and wanted.get(line.id, 0) > 0]
        needed: dict[str, Decimal] = defaultdict(Decimal)
        for line in stocked:
            needed[line.product_id] += wanted[line.id]  # two lines of one product reserve together
        if all_or_nothing:
            skus = {line.product_id: line.sku for line in stocked}
            shortages = [f"{skus[product]}: {quantity} needed, {inventory.available(product)} available"
                         for product, quantity in sorted(needed.items())
                         if inventory.available(product) < quantity]
            if shortages:
                raise refuse("StockMustBeAvailable", "; ".join(shortages))
        free = {product: inventory.available(product) for product in needed}  # what carts hold is not free
        for line in stocked:
            todo = min(wanted[line.id], free[line.product_id])
            for warehouse_id in inventory.warehouse_priority:
                level = inventory.level(line.product_id, warehouse_id)
                take = min(todo, level.available)
                if take <= 0:
                    continue
                free[line.product_id] -= take
                level.reserve(take)
                self.reservations.append(Reservation(id=new_id(), line_id=line.id, product_id=line.product_id,
                                                     warehouse_id=warehouse_id, quantity=take, created_at=at))
                self.events.append(StockReserved(aggregate_id=self.id, occurred_at=at,
                                                 product_id=line.product_id, warehouse_id=warehouse_id,
                                                 quantity=take))
                todo -= take
                if todo == 0:
                    break

    def _release_beyond_remaining(self, line: OrderLine, inventory: Inventory, at: datetime) -> None:
        excess = self.open_reserved(line.id) - line.remaining
        for reservation in reversed(self.reservations):  # latest first: lowest warehouse priority first
            if excess <= 0:
                break
            if reservation.line_id == line.id:
                quantity = min(excess, reservation.open)
                self._release(reservation, inventory, at, quantity)
                excess -= quantity

    def _release(self, reservation: Reservation, inventory: Inventory, at: datetime,
                 quantity: Decimal | None = None) -> None:
        """Release `quantity` of the reservation (all that is open by default)."""
        quantity = reservation.open if quantity is None else min(quantity, reservation.open)
        if quantity <= 0:
            return
        inventory.level(reservation.product_id, reservation.warehouse_id).release(quantity)
        reservation.released += quantity
        self.events.append(ReservationReleased(aggregate_id=self.id, occurred_at=at,
                                               product_id=reservation.product_id,
                                               warehouse_id=reservation.warehouse_id, quantity=quantity))

    def hold(self, at: datetime, actor: str, reason: str = "") -> None:
        previous = self.status
        self._change(SalesOrderStatus.ON_HOLD, at, actor, reason)
        self.held_from = previous

    def release(self, at: datetime, actor: str, reason: str = "") -> None:
        target = self.held_from or SalesOrderStatus.DRAFT
        self._change(target, at, actor, reason, table={target: RELEASE})
        self.held_from = None

    def cancel(self, inventory: Inventory, at: datetime, actor: str, reason: str = "") -> None:
        if self.status is SalesOrderStatus.ON_HOLD and self.held_from not in (_S.DRAFT, _S.CONFIRMED):
            raise refuse("SalesOrderMustNotBeIssued", f"{self.number} has goods issued already")
        self._change(SalesOrderStatus.CANCELLED, at, actor, reason)
        self.held_from = None
        for reservation in self.reservations:
            self._release(reservation, inventory, at)

    def issue_goods(self, *, number: str, warehouse_id: str, quantities: Mapping[str, Decimal],
                    inventory: Inventory, at: datetime, actor: str) -> GoodsIssue:
        """Ship the given quantity of each named line from one warehouse, consuming its reservations there."""
        if self.status not in ISSUABLE:
            raise refuse("SalesOrderMustBeConfirmed", f"{self.number} is {self.status}; goods are issued only "
                         "from a confirmed or partially issued order")
        if not quantities:
            raise InvalidValue("lines", "name at least one line and the quantity to issue")
        self._check_issue(warehouse_id, quantities, inventory)
        issue = GoodsIssue(id=new_id(), number=number, warehouse_id=warehouse_id, issued_at=at, actor=actor)
        for line_id, quantity in quantities.items():
            line = self.line(line_id)
            cost = Decimal(0)
            if line.kind.tracks_stock:
                from_reservation = self._consume(line, warehouse_id, quantity)
                cost = -inventory.level(line.product_id, warehouse_id).issue(
                    quantity, from_reservation, number, at, actor, currency=Currency.of(self.currency)).value
            line.quantity_issued += quantity
            self._release_beyond_remaining(line, inventory, at)
            issue.lines.append(GoodsIssueLine(id=new_id(), line_id=line.id, product_id=line.product_id,
                                              quantity=quantity, value=cost))
        self.goods_issues.append(issue)
        self.events.append(GoodsIssued(aggregate_id=self.id, occurred_at=at, number=self.number,
                                       goods_issue_number=number, warehouse_id=warehouse_id,
                                       lines=tuple((gl.line_id, gl.quantity) for gl in issue.lines)))
        shipping = [line for line in self.lines if line.kind.ships]
        target = _S.ISSUED if all(line.fully_issued for line in shipping) else _S.PARTIALLY_ISSUED
        if target is not self.status:
            self._change(target, at, actor, f"goods issue {number}")
        return issue

    def _check_issue(self, warehouse_id: str, quantities: Mapping[str, Decimal], inventory: Inventory) -> None:
        """Refuse the whole goods issue before anything moves; a quantity is named by its place among the
        quantities (`lines[1].quantity`), as a caller's list of lines gives them."""
        unreserved: dict[str, Decimal] = defaultdict(Decimal)
        allowance = 1 + self.over_delivery_percent / 100
        for index, (line_id, quantity) in enumerate(quantities.items()):
            field_name = f"lines[{index}].quantity"
            line = self.line(line_id, f"lines[{index}].line_id")
            if not line.kind.ships:
                raise refuse("ServiceLinesAreNotIssued", f"line {line.position} ({line.sku}) is a service")
            if quantity <= 0:
                raise InvalidValue(field_name, "must be greater than zero")
            unit_of_measure(line.uom).check(quantity, field_name)
            if line.quantity_issued + quantity > line.quantity * allowance:
                raise refuse("CannotIssueMoreThanOrdered",
                             f"line {line.position} ({line.sku}): {line.quantity} ordered, "
                             f"{line.quantity_issued} issued, {quantity} more requested")
            if line.kind.tracks_stock:
                reserved_here = self.open_reserved(line.id, warehouse_id)
                unreserved[line.product_id] += max(quantity - reserved_here, Decimal(0))
        for product_id, quantity in unreserved.items():
            available = inventory.level(product_id, warehouse_id).available
            if quantity > available:
                raise refuse("StockMustBeAvailable",
                             f"{quantity} unreserved units needed in the warehouse, {available} available")

    def _consume(self, line: OrderLine, warehouse_id: str, quantity: Decimal) -> Decimal:
        """Mark up to `quantity` of the line's reservations in the warehouse as issued; returns how much."""
        consumed = Decimal(0)
        for reservation in self.reservations:
            if reservation.line_id == line.id and reservation.warehouse_id == warehouse_id:
                take = min(reservation.open, quantity - consumed)
                reservation.issued += take
                consumed += take
        return consumed

    def complete(self, inventory: Inventory, at: datetime, actor: str, reason: str = "") -> None:
        """Complete an issued order, or close a partially issued one short: what was not shipped will not be,
        its reservations are released, and the reason is kept in the audit trail."""
        if self.status is _S.CONFIRMED and any(line.kind.ships for line in self.lines):
            raise refuse("SalesOrderMustBeIssued", f"{self.number} still has goods to issue")
        if self.status is _S.PARTIALLY_ISSUED and not reason.strip():
            raise InvalidValue("reason", "closing a partially issued order short needs a reason")
        self._change(SalesOrderStatus.COMPLETED, at, actor, reason)
        for reservation in self.reservations:
            self._release(reservation, inventory, at)

    # -- customer returns --------------------------------------------------------------------------------
    def authorise_return(self, *, number: str, line_id: str, quantity: Decimal, reason: str, at: datetime,
                         actor: str) -> CustomerReturn:
        """Authorise the customer to send back `quantity` delivered units of a line: never more than it issued
        less what earlier authorisations of it cover."""
        line = self.line(line_id)
        if not line.kind.ships:
            raise refuse("ServiceLinesAreNotIssued", f"line {line.position} ({line.sku}) is a service")
        if quantity <= 0:
            raise InvalidValue("quantity", "must be greater than zero")
        unit_of_measure(line.uom).check(quantity, "quantity")
        if not reason.strip():
            raise InvalidValue("reason", "a return needs a reason")
        authorised = sum((r.quantity for r in self.returns if r.line_id == line.id), Decimal(0))
        if authorised + quantity > line.quantity_issued:
            raise refuse("CannotReturnMoreThanDelivered",
                         f"line {line.position} ({line.sku}): {line.quantity_issued} delivered, {authorised} "
                         f"authorised for return already, {quantity} more requested")
        authorisation = CustomerReturn(id=new_id(), number=number, line_id=line.id, product_id=line.product_id,
                                       quantity=quantity, reason=reason.strip(), authorised_at=at, actor=actor)
        self.returns.append(authorisation)
        self.events.append(ReturnAuthorised(aggregate_id=self.id, occurred_at=at, number=self.number,
                                            return_number=number, line_id=line.id, quantity=quantity))
        return authorisation

    def customer_return(self, number: str, field_name: str = "return_number") -> CustomerReturn:
        for authorisation in self.returns:
            if number in (authorisation.number, authorisation.id):
                return authorisation
        raise NotFound("return", number, field_name)

    def issued_cost(self, line_id: str) -> tuple[Decimal, Decimal]:
        """The quantity the line's goods issues shipped and the cost they took out of stock."""
        lines = [gl for issue in self.goods_issues for gl in issue.lines if gl.line_id == line_id]
        return sum((gl.quantity for gl in lines), Decimal(0)), sum((gl.value for gl in lines), Decimal(0))

    def receive_return(self, authorisation: CustomerReturn, *, number: str, warehouse_id: str, quantity: Decimal,
                       level: StockLevel | None, at: datetime, actor: str) -> ReturnReceipt:
        """Receive returned units into a warehouse (`level`: the line's product there; None for goods whose stock
        is not counted) at the average cost of the line's goods issues."""
        if quantity <= 0:
            raise InvalidValue("quantity", "must be greater than zero")
        line = self.line(authorisation.line_id)
        unit_of_measure(line.uom).check(quantity, "quantity")
        if quantity > authorisation.open:
            raise refuse("CannotReceiveMoreThanAuthorised",
                         f"{authorisation.number}: {authorisation.quantity} authorised, {authorisation.received} "
                         f"received, {quantity} more arriving")
        currency = Currency.of(self.currency)
        issued, cost = self.issued_cost(line.id)
        value = share(cost, issued, line.quantity_returned, quantity, currency)
        if level is not None:
            level.receive_return(quantity, value, f"{number} {authorisation.number}", at, actor, currency=currency)
        line.quantity_returned += quantity
        receipt = ReturnReceipt(id=new_id(), number=number, warehouse_id=warehouse_id, quantity=quantity,
                                value=value, received_at=at, actor=actor)
        authorisation.receipts.append(receipt)
        self.events.append(GoodsReturned(aggregate_id=self.id, occurred_at=at, number=self.number,
                                         return_number=authorisation.number, receipt_number=number,
                                         warehouse_id=warehouse_id, line_id=line.id, quantity=quantity, value=value))
        return receipt
