"""Reads of carts priced by the checkout's own pricing (`priced_order`): a cart with its lines, totals, holds,
abandonment and reminders; the operators' follow-up a page at a time; the recovery rate by month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from oms.application.carts.carts import NewCart, cart_for
from oms.application.carts.policies import policy_of
from oms.application.carts.views import (
    CartLineView,
    CartList,
    CartState,
    CartSummaryView,
    CartView,
    OpenedCart,
    RecoveryPeriodView,
    RecoveryRateView,
    ReminderView,
)
from oms.application.masterdata.codes import Codes
from oms.application.processes.cart_checkout import priced_order
from oms.application.processes.cart_recovery import abandoned, customer_email
from oms.application.shared.views import money
from oms.application.subscriptions.measures import month_named
from oms.domain.carts.carts import Cart, CartStatus
from oms.domain.carts.policy import CartPolicy
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.ports.carts.repositories import RecoveryFigures
from oms.ports.shared.listings import DEFAULT_LIMIT, Listing, ListingQuery, decode_cursor, encode_cursor
from oms.ports.unit_of_work import UnitOfWork

PRICES_TTL = timedelta(hours=1)  # Saleor's CHECKOUT_PRICES_TTL: read the cart again after it
CARTS: Listing[Cart] = Listing(name="carts", filters=frozenset({"state", "branch"}), by_time=False)


def cart_draft(uow: UnitOfWork, cart: Cart, at: datetime) -> SalesOrder | None:
    """What the cart costs: its order once converted, else the draft order the checkout would price now (an
    anonymous cart's as a customer's that is not tax exempt); None for a cart without lines."""
    if cart.order_id is not None:
        return uow.sales.orders.get(cart.order_id)
    return priced_order(uow, cart, "", at, quote=True) if cart.lines else None


def _held_until(uow: UnitOfWork, cart: Cart, now: datetime) -> datetime | None:
    holding = [hold.until for hold in uow.stock_holds.of_owner(cart.id) if hold.counts_at(now)]
    return min(holding, default=None)


def cart_view(uow: UnitOfWork, cart: Cart, now: datetime) -> CartView:
    codes, policy = Codes(uow), policy_of(uow, cart.branch_id)
    currency = uow.masterdata.branches.get(cart.branch_id).currency
    draft = cart_draft(uow, cart, now)
    lines = [] if draft is None else draft.lines
    totals = None if draft is None else draft.totals()
    zero = money(Decimal(0), currency)
    return CartView(
        id=cart.id, status=cart.status, branch_code=codes.branch(cart.branch_id),
        customer_code=None if cart.customer_id is None else codes.customer(cart.customer_id), email=cart.email,
        lines=[CartLineView(id=_line_id(cart, line.product_id), sku=line.sku, product_name=line.description,
                            quantity=line.quantity, unit_price=money(line.unit_price, currency),
                            net=money(line.net, currency), tax=money(line.tax, currency),
                            total=money(line.total, currency)) for line in lines],
        net_total=zero if totals is None else money(totals.net_total, currency),
        tax_total=zero if totals is None else money(totals.tax_total, currency),
        total=zero if totals is None else money(totals.grand_total, currency),
        priced_at=now, prices_valid_until=now + PRICES_TTL, last_activity_at=cart.last_activity_at,
        held_until=_held_until(uow, cart, now), abandoned=abandoned(uow, cart, policy, now),
        next_stage=cart.next_stage(policy),
        reminders=[ReminderView(stage=r.stage, claimed_at=r.claimed_at, sent_at=r.sent_at) for r in cart.reminders],
        order_number=cart.order_number)


def _line_id(cart: Cart, product_id: str) -> str:
    return next((line.id for line in cart.lines if line.product_id == product_id), "")


def show_cart(uow: UnitOfWork, cart_id: str, now: datetime | None = None, token: str | None = None, *,
              check_token: bool = False) -> CartView:
    """The cart priced at `now`: its lines, totals (what a checkout compares), holds, abandonment and reminders.
    Without `now`, as of its last change (what a command's answer reads). `check_token`: the shop front's read, an
    anonymous cart found only with its token."""
    cart = cart_for(uow, cart_id, token) if check_token else uow.carts.carts.get(cart_id)
    if check_token and cart.status is CartStatus.MERGED:  # its token opens nothing any more (4d case 7)
        raise NotFound("cart", cart_id)
    return cart_view(uow, cart, now or max(cart.last_activity_at, cart.closed_at or cart.last_activity_at))


def opened_cart(uow: UnitOfWork, _command: object, result: NewCart) -> OpenedCart:
    """What opening a cart answers: the cart, and an anonymous cart's token, shown this once."""
    return OpenedCart(id=result.cart_id, token=result.token, cart=show_cart(uow, result.cart_id))


def signed_in_cart(uow: UnitOfWork, _command: object, result: str) -> CartView:
    """What signing in answers: the customer's cart, the anonymous one merged into it."""
    return show_cart(uow, result)


def _summary(uow: UnitOfWork, cart: Cart, now: datetime, policies: dict[str, CartPolicy]) -> CartSummaryView:
    codes = Codes(uow)
    policy = policies.get(cart.branch_id) or policies.setdefault(cart.branch_id, policy_of(uow, cart.branch_id))
    currency = uow.masterdata.branches.get(cart.branch_id).currency
    draft = cart_draft(uow, cart, now)
    return CartSummaryView(
        id=cart.id, status=cart.status, branch_code=codes.branch(cart.branch_id),
        customer_code=None if cart.customer_id is None else codes.customer(cart.customer_id),
        contact=cart.contact(customer_email(uow, cart)),
        value=money(Decimal(0) if draft is None else draft.totals().grand_total, currency), lines=len(cart.lines),
        last_activity_at=cart.last_activity_at, idle_minutes=int((now - cart.last_activity_at).total_seconds() // 60),
        abandoned=abandoned(uow, cart, policy, now), stages_claimed=len(cart.reminders),
        order_number=cart.order_number)


def cart_page(uow: UnitOfWork, now: datetime, *, state: CartState = CartState.ACTIVE,
              branch_code: str | None = None, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CartList:
    """A page of carts by id (keyset: a cart added meanwhile never shifts a page): active ones (abandoned or not),
    abandoned ones only, converted or expired, of a branch if given."""
    query = ListingQuery(filters={"state": state, "branch": branch_code}, limit=limit, cursor=cursor)
    start = decode_cursor(CARTS, query)
    after = "" if start is None else str(start[-1])
    branch = None if branch_code is None else uow.masterdata.branches.by_code(branch_code)
    if branch_code is not None and branch is None:  # no branch of that code has carts: an empty page
        return CartList(items=[], next_cursor=None)
    branch_id = None if branch is None else branch.id
    status = CartStatus.ACTIVE if state is CartState.ABANDONED else CartStatus(state.value)
    items: list[CartSummaryView] = []
    policies: dict[str, CartPolicy] = {}
    more = True
    while len(items) < limit and more:
        batch = uow.carts.carts.listing(status, branch_id, after, limit)
        more = len(batch) == limit
        for cart in batch:
            after = cart.id
            summary = _summary(uow, cart, now, policies)
            if state is not CartState.ABANDONED or summary.abandoned:
                items.append(summary)
            if len(items) == limit:
                more = more or cart is not batch[-1]
                break
    return CartList(items=items, next_cursor=encode_cursor(CARTS, (after,), False) if more else None)


def _months(first: date, last: date) -> list[date]:
    found = [first]
    while found[-1] < last:
        found.append((found[-1] + timedelta(days=32)).replace(day=1))
    return found


def recovery_rate(uow: UnitOfWork, today: date, from_month: str | None = None,
                  to_month: str | None = None) -> RecoveryRateView:
    """By month, from `from_month` to `to_month` (YYYY-MM; by default the twelve months up to this one): carts with
    a recovery message claimed in the month, those of them checked out after the first of its messages, and the
    rate recovered / messaged. Counted by the store from the months the carts recorded (`Cart.recovery_months`)."""
    last = today.replace(day=1) if to_month is None else month_named(to_month, "to_month")
    first = (last - timedelta(days=334)).replace(day=1) if from_month is None else month_named(from_month,
                                                                                                "from_month")
    if first > last:
        raise InvalidValue("from_month", "must not be after to_month")
    return rate_of(uow.carts.carts.recovery_by_month(first, last), first, last)


def rate_of(figures: Sequence[RecoveryFigures], first: date, last: date) -> RecoveryRateView:
    """The recovery rate by month from `first` to `last` (first days of months) of the figures the store counted
    (a row per month and currency: added up)."""
    counts: dict[date, tuple[int, int]] = {}
    for found in figures:
        messaged, recovered = counts.get(found.month, (0, 0))
        counts[found.month] = (messaged + found.messaged, recovered + found.recovered)
    periods = []
    for month in _months(first, last):
        messaged, recovered = counts.get(month, (0, 0))
        periods.append(RecoveryPeriodView(month=f"{month:%Y-%m}", messaged=messaged, recovered=recovered,
                                          rate=(Decimal(recovered) / messaged).quantize(Decimal("0.0001"))
                                          if messaged else None))
    return RecoveryRateView(periods=periods)
