"""Billing purchase orders: a process across procurement and invoicing (neither context knows the other).

- `BillPurchaseOrder` makes a draft bill of one purchase order: each line's quantity left to bill under its billing
  policy (the product's invoice policy captured on the line: received quantities for goods by default, ordered
  ones for services or when the product says so) less what posted bills, net of debit notes, billed; or the lines,
  quantities and unit prices given. The supplier's invoice number must be new for the supplier and year;
- `PostVendorBill` posts a draft bill or debit note under a lock of the purchase orders it bills (in id order, so
  two postings never deadlock): a bill may never bring a line beyond its ordered quantity, counting the posted
  bills and this one (`CannotBillMoreThanOrdered`); each line is matched three ways at posting; the document takes
  the next number of its series for the year of its date; the purchase order lines' billed quantities are fed from
  the posted bills;
- `RematchVendorBill` matches a posted bill again against its orders now (goods that arrived since turn a hold
  into ok);
- `purchase_order_billing` reads what an order billed and has left to bill, per line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.accounting.books import lock_date
from oms.application.invoicing.bill_views import PoLineBillingView, PurchaseOrderBillingView
from oms.application.invoicing.vendor_bills import check_unique, get_bill
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.shared.documents import find, next_number
from oms.application.shared.views import quantity
from oms.domain.invoicing.vendor_bills import (
    BillKind,
    BillSource,
    Match,
    VendorBill,
    match_line,
)
from oms.domain.procurement.purchase_order import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus
from oms.domain.procurement.settings import ProcurementSettings
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.items import InvoicePolicy
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork

BILLABLE = frozenset({PurchaseOrderStatus.ORDERED, PurchaseOrderStatus.PARTIALLY_RECEIVED,
                      PurchaseOrderStatus.RECEIVED, PurchaseOrderStatus.CLOSED})


def to_optional_price(value: object) -> Decimal | None:
    return None if value is None else to_quantity(value)


@frozen(kw_only=True)
class BillLineRequest:
    """`quantity` of a line of the order (its number, #, its SKU or its id) at `unit_price` (the order's net unit
    price when not given)."""

    line: str
    quantity: Decimal = field(converter=to_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)


@frozen(kw_only=True)
class BillPurchaseOrder(Command[str]):
    """A draft vendor bill of a purchase order under the supplier's invoice number: what is left to bill, or the
    `lines` given. Returns the draft's id."""

    order_id: DocumentRef
    supplier_invoice_number: str
    bill_date: date | None = None
    lines: tuple[BillLineRequest, ...] = ()


@frozen(kw_only=True)
class PostVendorBill(Command[None]):
    """Post a draft bill or debit note: matched three ways, numbered, posted to the books."""

    bill_id: DocumentRef


@frozen(kw_only=True)
class RematchVendorBill(Command[None]):
    """Match a posted bill again against its purchase orders as they are now."""

    bill_id: DocumentRef


def _order(uow: UnitOfWork, ref: DocumentRef) -> PurchaseOrder:
    return find(uow.procurement.orders, ref, "purchase order")


def _po_line(order: PurchaseOrder, given: str, field_name: str) -> PurchaseOrderLine:
    found = [line for line in order.lines if given in (line.id, str(line.position))] or \
        [line for line in order.lines if line.sku == given]
    if len(found) != 1:
        raise InvalidValue(field_name, f"{order.number} has {'no' if not found else 'more than one'} line {given!r}")
    return found[0]


def received_of(order: PurchaseOrder, line: PurchaseOrderLine) -> Decimal:
    """What the match and the received policy count as received: a service, which nothing receives, counts as
    received in full."""
    return order.received(line.id) if line.kind.ships else line.quantity


def to_bill(order: PurchaseOrder, line: PurchaseOrderLine, billed: Decimal) -> Decimal:
    """qty_to_bill = (ordered | received) - billed, never below zero (peers.md P10)."""
    base = line.quantity if line.invoice_policy is InvoicePolicy.ORDERED else received_of(order, line)
    return max(base - billed, Decimal(0))


def source_of(order: PurchaseOrder, line: PurchaseOrderLine) -> BillSource:
    return BillSource(purchase_order_id=order.id, po_line_id=line.id, product_id=line.product_id, sku=line.sku,
                      description=line.description, uom=line.uom, po_unit_price=line.unit_cost,
                      tax_category=line.tax_category, tax_rate=line.tax_rate)


def bill_purchase_order(cmd: BillPurchaseOrder, uow: UnitOfWork, clock: Clock) -> str:
    order = _order(uow, cmd.order_id)
    if order.status not in BILLABLE:
        raise refuse("PurchaseOrderMustBeOrdered", f"{order.number} is {order.status}; bill an ordered order")
    billed = uow.invoicing.bills.billed([line.id for line in order.lines])
    now = clock.now()
    bill = VendorBill(id=new_id(), kind=BillKind.BILL, supplier_id=order.supplier_id, branch_id=order.branch_id,
                      currency=order.currency, supplier_invoice_number=cmd.supplier_invoice_number,
                      bill_date=cmd.bill_date or now.date(), prices_include_tax=False,
                      tax_rounding=order.tax_rounding, created_at=now, created_by=cmd.actor)
    if cmd.lines:
        for i, given in enumerate(cmd.lines):
            line = _po_line(order, given.line, f"lines[{i}].line")
            bill.charge(source_of(order, line), line_id=new_id(), quantity=given.quantity,
                        unit_price=given.unit_price, field_name=f"lines[{i}]")
    else:
        for line in order.lines:
            amount = to_bill(order, line, billed.get(line.id, Decimal(0)))
            if amount > 0:
                bill.charge(source_of(order, line), line_id=new_id(), quantity=amount)
    if not bill.lines:
        raise refuse("NothingToBill", f"nothing is left to bill on {order.number}")
    check_unique(uow, bill)
    uow.invoicing.bills.add(bill)
    return bill.id


def _matches(uow: UnitOfWork, bill: VendorBill, orders: dict[str, PurchaseOrder],
             billed: dict[str, Decimal]) -> dict[str, Match]:
    settings = uow.procurement.settings.find(bill.branch_id) or ProcurementSettings(id=bill.branch_id)
    tolerance = settings.price_tolerance_percent
    matches: dict[str, Match] = {}
    for line in bill.lines:
        order = orders[line.purchase_order_id]
        po_line = order.line(line.po_line_id)
        matches[line.id] = match_line(ordered=po_line.quantity, received=received_of(order, po_line),
                                      billed=billed.get(line.po_line_id, Decimal(0)), po_price=po_line.unit_cost,
                                      bill_price=line.unit_price, price_tolerance=tolerance)
    return matches


def _check_bill(bill: VendorBill, orders: dict[str, PurchaseOrder], before: dict[str, Decimal]) -> None:
    for i, line in enumerate(bill.lines):
        po_line = orders[line.purchase_order_id].line(line.po_line_id)
        billed = before.get(line.po_line_id, Decimal(0))
        if billed + line.quantity > po_line.quantity:
            raise refuse("CannotBillMoreThanOrdered", f"{line.sku}: {po_line.quantity} ordered, {billed} billed, "
                         f"{line.quantity} on this bill [lines[{i}].quantity]")


def _check_debit_note(uow: UnitOfWork, note: VendorBill) -> None:
    assert note.debited_bill_id is not None
    bill = uow.invoicing.bills.get(note.debited_bill_id)  # locks it: debit notes of one bill post one at a time
    if note.bill_date < bill.bill_date:
        raise refuse("DebitNoteBeforeItsBill", f"{bill.number} is dated {bill.bill_date}; its debit note cannot be "
                     "dated earlier [bill_date]")
    debited = uow.invoicing.bills.debited([line.debited_line_id or "" for line in note.lines])
    by_id = {line.id: line for line in bill.lines}
    for i, line in enumerate(note.lines):
        source = by_id[line.debited_line_id or ""]
        left = source.quantity - debited.get(source.id, Decimal(0))
        if line.quantity > left:
            raise refuse("CannotDebitMoreThanBilled", f"{line.sku}: {line.quantity} on this debit note, {left} left "
                         f"to give back on {bill.number} [lines[{i}].quantity]")


def _feed_billed(uow: UnitOfWork, orders: dict[str, PurchaseOrder]) -> None:
    """The PO lines' billed quantities, as the posted bills (less debit notes) now say."""
    lines = [line for order in orders.values() for line in order.lines]
    billed = uow.invoicing.bills.billed([line.id for line in lines])
    for line in lines:
        line.billed = billed.get(line.id, Decimal(0))


def _orders(uow: UnitOfWork, bill: VendorBill) -> dict[str, PurchaseOrder]:
    """The orders the bill charges, loaded (and so locked) in id order."""
    return {order_id: uow.procurement.orders.get(order_id) for order_id in bill.purchase_order_ids()}


def post_vendor_bill(cmd: PostVendorBill, uow: UnitOfWork, clock: Clock) -> None:
    bill = get_bill(uow, cmd.bill_id)
    bill.ensure_draft()
    orders = _orders(uow, bill)  # concurrent postings of the same lines take turns, each counting the other
    check_unique(uow, bill)
    matches: dict[str, Match] = {}
    if bill.kind is BillKind.BILL:
        before = dict(uow.invoicing.bills.billed([line.po_line_id for line in bill.lines]))
        _check_bill(bill, orders, before)
        after = {line.po_line_id: before.get(line.po_line_id, Decimal(0)) + bill.quantity_of(line.po_line_id)
                 for line in bill.lines}
        matches = _matches(uow, bill, orders, after)
        series = DocumentType.VENDOR_BILL
    else:
        _check_debit_note(uow, bill)
        series = DocumentType.DEBIT_NOTE
    supplier = uow.masterdata.suppliers.get(bill.supplier_id)
    due = supplier.terms.due_date(bill.bill_date) if bill.kind is BillKind.BILL else None
    bill.post(number=next_number(uow, series, period=bill.fiscal_year), matches=matches, due_date=due,
              at=clock.now(), actor=cmd.actor, lock_date=lock_date(uow))
    _feed_billed(uow, orders)


def rematch_vendor_bill(cmd: RematchVendorBill, uow: UnitOfWork, clock: Clock) -> None:
    bill = get_bill(uow, cmd.bill_id)
    orders = _orders(uow, bill)
    billed = dict(uow.invoicing.bills.billed([line.po_line_id for line in bill.lines]))
    bill.rematch(_matches(uow, bill, orders, billed))


def purchase_order_billing(uow: UnitOfWork, ref: DocumentRef) -> PurchaseOrderBillingView:
    """What the order billed and has left to bill, per line."""
    order = _order(uow, ref)
    billed = uow.invoicing.bills.billed([line.id for line in order.lines])
    return PurchaseOrderBillingView(order_id=order.id, number=order.number, lines=[
        PoLineBillingView(line_id=line.id, position=line.position, sku=line.sku,
                          billing_policy="ordered" if line.invoice_policy is InvoicePolicy.ORDERED else "received",
                          ordered=quantity(line.quantity, line.uom),
                          received=quantity(received_of(order, line), line.uom),
                          billed=quantity(billed.get(line.id, Decimal(0)), line.uom),
                          to_bill=quantity(to_bill(order, line, billed.get(line.id, Decimal(0))), line.uom))
        for line in order.lines])


HANDLERS: Handlers = {BillPurchaseOrder: bill_purchase_order, PostVendorBill: post_vendor_bill,
                      RematchVendorBill: rematch_vendor_bill}
