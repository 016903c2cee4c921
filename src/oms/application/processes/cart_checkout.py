"""Checkout: a cart becomes a confirmed sales order, once (peers.md 4b C6 to C10).

Inside the lock on the cart (its row, re-read in the transaction: shopware#19943), prices, taxes and stock are
checked again: the order is priced by the one pricing function and its total must be the one the client saw, or
the answer is `TotalChanged` with the new total (C6); the order is confirmed with what carts other than this one
hold not available, so the cart's own holds become the order's reservations (C7). A cart checked out answers its
order again to every later checkout (C8: twenty at once make one order) and refuses every change (C9).

With a payment method, the total is authorised through the payment provider before the order is made (key
`oms-cart-<cart>-<total>`: a retry after a failed checkout reuses the authorisation, C10) and captured after the
order commits; a cart holding an authorisation never expires."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import field, frozen

from oms.application.carts.carts import cart_for
from oms.application.masterdata.lines import LineInput, line_drafts
from oms.application.processes.subscription_charges import System
from oms.application.sales.sales_orders import load_inventory
from oms.application.shared.commands import Command, Handlers, to_price
from oms.application.shared.documents import next_number
from oms.application.stock.holds import release_stock
from oms.domain.carts.carts import Cart, CartStatus, PaymentAuthorisation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import BusinessRuleViolation, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import Currency, Money
from oms.ports.invoicing.payment_provider import PaymentProvider
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


class TotalChanged(BusinessRuleViolation):
    """The cart's total is not the one the client confirmed: `total` is the new one (HTTP 409 `price-changed`)."""

    def __init__(self, total: Decimal, currency: str, expected: Decimal) -> None:
        super().__init__("TotalMustBeUnchanged", f"the cart's total is {total} {currency} now, not {expected}")
        self.total = total
        self.currency = currency


@frozen(kw_only=True)
class CheckedOut:
    """The order a cart became: its id, number and total."""

    order_id: str
    order_number: str
    total: Decimal
    currency: str


@frozen(kw_only=True)
class CheckOutCart(Command[CheckedOut]):
    """Convert the cart into a confirmed sales order if its total is still `expected_total`; a cart already
    checked out answers its order. `customer_reference`: the shop front's reference, kept on the order."""

    cart_id: str
    expected_total: Decimal = field(converter=to_price)
    cart_token: str | None = None
    customer_reference: str = ""
    payment_method: str | None = None


@frozen(kw_only=True)
class RecordCartAuthorisation(Command[None]):
    cart_id: str
    reference: str
    amount: Decimal
    currency: str


@frozen(kw_only=True)
class MarkCartCaptured(Command[None]):
    cart_id: str


def _answer(uow: UnitOfWork, cart: Cart) -> CheckedOut:
    order = uow.sales.orders.get(cart.order_id or "")
    return CheckedOut(order_id=order.id, order_number=order.number, total=order.totals().grand_total,
                      currency=order.currency)


def priced_order(uow: UnitOfWork, cart: Cart, number: str, at: datetime, reference: str = "", *,
                 quote: bool = False) -> SalesOrder:
    """The draft order of the cart's lines at today's prices and taxes (stored only by the checkout). `quote`: only
    to show the prices (a recovery message), so an anonymous cart is priced too, as for a customer not exempt."""
    if cart.customer_id is None and not quote:
        raise refuse("CartMustHaveCustomer", f"cart {cart.id} is anonymous: sign in (or open a customer's cart) "
                     "to check out")
    if not cart.lines:
        raise refuse("CartMustHaveLines", f"cart {cart.id} is empty")
    customer = None if cart.customer_id is None else uow.masterdata.customers.get(cart.customer_id)
    branch = uow.masterdata.branches.get(cart.branch_id)
    order = SalesOrder(id=new_id(), number=number, customer_id="" if customer is None else customer.id,
                       branch_id=branch.id, currency=branch.currency, created_at=at,
                       tax_exempt=customer is not None and customer.tax_exempt, customer_reference=reference)
    order.add_lines(line_drafts(uow, branch, [LineInput(sku=line.sku, quantity=line.quantity)
                                              for line in cart.lines]))
    return order


def check_out_cart(cmd: CheckOutCart, uow: UnitOfWork, clock: Clock) -> CheckedOut:
    cart = cart_for(uow, cmd.cart_id, cmd.cart_token)  # locked and re-read in this transaction
    if cart.status is CartStatus.CONVERTED:
        return _answer(uow, cart)
    if cart.status is not CartStatus.ACTIVE:
        raise refuse("CartMustBeActive", f"cart {cart.id} is {cart.status}: it cannot be checked out")
    now = clock.now()
    # priced without a number first: order numbers are taken at once (not gapless), so a refused total takes none
    draft = priced_order(uow, cart, "", now, cmd.customer_reference)
    total = draft.totals().grand_total
    if total != cmd.expected_total:
        raise TotalChanged(total, draft.currency, cmd.expected_total)
    if cart.payment is not None and cart.payment.amount != total:
        raise TotalChanged(total, draft.currency, cart.payment.amount)
    order = priced_order(uow, cart, next_number(uow, DocumentType.SALES_ORDER), now, cmd.customer_reference)
    order.confirm(load_inventory(uow, order, at=now, holder=cart.id), now, cmd.actor)
    uow.sales.orders.add(order)
    cart.check_out(order.id, order.number, total, order.currency, now, net=order.totals().net_total)
    release_stock(uow, cart.id)
    return CheckedOut(order_id=order.id, order_number=order.number, total=total, currency=order.currency)


def record_cart_authorisation(cmd: RecordCartAuthorisation, uow: UnitOfWork, clock: Clock) -> None:
    cart = uow.carts.carts.get(cmd.cart_id)
    cart.authorise(PaymentAuthorisation(reference=cmd.reference, amount=cmd.amount, currency=cmd.currency))


def mark_cart_captured(cmd: MarkCartCaptured, uow: UnitOfWork, clock: Clock) -> None:
    uow.carts.carts.get(cmd.cart_id).mark_captured()


def _total(uow: UnitOfWork, cart_id: str, token: str | None) -> tuple[Cart, Decimal, str]:
    cart = cart_for(uow, cart_id, token)
    if cart.status is not CartStatus.ACTIVE:
        return cart, Decimal(0), ""
    draft = priced_order(uow, cart, "", cart.last_activity_at)
    return cart, draft.totals().grand_total, draft.currency


def check_out_paying(system: System, provider: PaymentProvider | None, cmd: CheckOutCart) -> CheckedOut:
    """Checkout with a payment: authorise the total (once per cart and total), record the authorisation, check
    out, then capture. Without a payment method it is the checkout alone."""
    if cmd.payment_method is None:
        result: CheckedOut = system.handle(cmd)
        return result
    if provider is None:
        raise refuse("PaymentProviderMustBeConfigured", "no payment provider is configured (OMS_PAYMENT_PROVIDER)")
    cart, total, currency = system.read(_total, cmd.cart_id, cmd.cart_token)
    if cart.status is CartStatus.ACTIVE:
        if total != cmd.expected_total:
            raise TotalChanged(total, currency, cmd.expected_total)
        if cart.payment is None or cart.payment.amount != total:
            amount = Money(total, Currency.of(currency))
            answer = provider.authorise(idempotency_key=f"oms-cart-{cart.id}-{total}", amount=amount,
                                        payer=cmd.payment_method)
            if not answer.succeeded:
                raise refuse("PaymentMustBeAuthorised", f"the payment was not authorised ({answer.outcome}: "
                             f"{answer.detail or 'no detail'}); nothing was ordered, try again")
            system.handle(RecordCartAuthorisation(cart_id=cart.id, reference=answer.reference, amount=total,
                                                  currency=currency, actor=cmd.actor))
    result = system.handle(cmd)
    paid: Cart = system.read(lambda uow: uow.carts.carts.get(cmd.cart_id))
    if paid.payment is not None and not paid.payment.captured:
        capture = provider.capture(idempotency_key=f"oms-cart-{paid.id}-capture", authorisation=paid.payment.reference,
                                   amount=Money(paid.payment.amount, Currency.of(paid.payment.currency)))
        if capture.succeeded:
            system.handle(MarkCartCaptured(cart_id=paid.id, actor=cmd.actor))
    return result


HANDLERS: Handlers = {CheckOutCart: check_out_cart, RecordCartAuthorisation: record_cart_authorisation,
                      MarkCartCaptured: mark_cart_captured}
