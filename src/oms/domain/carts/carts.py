"""The cart: what a customer or an anonymous visitor means to buy, until it is checked out into a sales order,
merged into the customer's cart at sign-in, or expires (peers.md section 4).

Rules: every change bumps `last_activity_at` (C2); a cart that is no longer active refuses every change (C9);
abandonment is derived from the cart and its branch's policy, never stored (4a); a recovery stage is claimed once
per cart, by the versioned update of the cart that records it (C4); the first claim of each month records what the
cart was worth then, and the checkout what became of it (what the cart recovery report sums)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from attrs import define, evolve, field, frozen

from oms.domain.carts.events import CartCheckedOut, CartExpired, CartMerged, RecoveryMessageClaimed
from oms.domain.carts.policy import CartPolicy
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Money


class CartStatus(enum.StrEnum):
    ACTIVE = "active"
    CONVERTED = "converted"  # checked out into a sales order
    MERGED = "merged"  # merged into its customer's cart at sign-in
    EXPIRED = "expired"


@frozen(kw_only=True)
class CartLine:
    id: str
    product_id: str
    sku: str
    quantity: Decimal


@frozen(kw_only=True)
class Reminder:
    """A recovery stage claimed for the cart (`stage` from 1), to `email`; `sent_at` once the message went out, or
    `failed_at` and `failure` once the mail server refused it for good (it is not tried again)."""

    stage: int
    email: str
    claimed_at: datetime
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    failure: str = ""

    @property
    def settled(self) -> bool:
        """Sent or failed for good: nothing more is to be done for this stage."""
        return self.sent_at is not None or self.failed_at is not None


@frozen(kw_only=True)
class RecoveryMonth:
    """A month (UTC; its first day) in which recovery messages were claimed for the cart: the first claim, what the
    cart was worth then (net before tax as its checkout priced its lines, in the branch's currency) and, once the
    cart is checked out, its order's net and whether that came after the claim (`recovered`)."""

    month: date
    claimed_at: datetime
    currency: str
    value: Decimal
    order_value: Decimal | None = None
    recovered: bool = False


def month_of(at: datetime) -> date:
    """The first day of the UTC month of an aware time."""
    return date(at.year, at.month, 1)


@frozen(kw_only=True)
class PaymentAuthorisation:
    """A payment authorised for the cart's checkout through the payment provider; captured once the order is
    committed. A cart holding one never expires."""

    reference: str
    amount: Decimal
    currency: str
    captured: bool = False


def _email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if "@" not in value or value.startswith("@") or value.endswith("@") or " " in value:
        raise InvalidValue("email", f"{value!r} is not an e-mail address")
    return value


@define(slots=False, eq=False, kw_only=True)
class Cart:
    """A customer's cart (one active per customer and branch) or an anonymous visitor's (found by the hash of its
    token). `email` is the contact recovery messages go to; a customer's cart falls back to the customer's."""

    id: str
    branch_id: str
    customer_id: str | None = None
    token_hash: str | None = None
    email: str | None = field(default=None, converter=_email)
    status: CartStatus = CartStatus.ACTIVE
    lines: list[CartLine] = field(factory=list)
    created_at: datetime
    last_activity_at: datetime
    reminders: list[Reminder] = field(factory=list)
    recovery_months: list[RecoveryMonth] = field(factory=list)
    payment: PaymentAuthorisation | None = None
    order_id: str | None = None
    order_number: str | None = None
    closed_at: datetime | None = None
    merged_into: str | None = None
    version: int = 0
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    # -- lines -------------------------------------------------------------------------------------------
    def _editable(self, at: datetime) -> None:
        if self.status is not CartStatus.ACTIVE:
            raise refuse("CartMustBeActive", f"cart {self.id} is {self.status}: it takes no more changes")
        self.last_activity_at = max(self.last_activity_at, at)

    def add(self, product_id: str, sku: str, quantity: Decimal, at: datetime) -> CartLine:
        """Add `quantity` of a product: to its line if the cart has one (one line per product), else a new line."""
        self._editable(at)
        for index, line in enumerate(self.lines):
            if line.product_id == product_id:
                self.lines[index] = CartLine(id=line.id, product_id=product_id, sku=sku,
                                             quantity=line.quantity + quantity)
                return self.lines[index]
        line = CartLine(id=new_id(), product_id=product_id, sku=sku, quantity=quantity)
        self.lines.append(line)
        return line

    def line(self, line_id: str, field_name: str = "line_id") -> CartLine:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise InvalidValue(field_name, f"cart {self.id} has no line {line_id!r}")

    def change(self, line_id: str, quantity: Decimal, at: datetime) -> None:
        """Set a line's quantity; zero removes the line."""
        self._editable(at)
        line = self.line(line_id)
        if quantity == 0:
            self.lines.remove(line)
        else:
            self.lines[self.lines.index(line)] = CartLine(id=line.id, product_id=line.product_id, sku=line.sku,
                                                          quantity=quantity)

    def remove(self, line_id: str, at: datetime) -> None:
        self.change(line_id, Decimal(0), at)

    def set_contact(self, email: str | None, at: datetime) -> None:
        self._editable(at)
        self.email = _email(email)

    def restore(self, token_hash: str, at: datetime) -> None:
        """The visitor of an anonymous cart followed a recovery message's link: the cart gets a new token (the
        old one opens nothing any more)."""
        if self.customer_id is not None:
            raise refuse("CartMustBeAnonymous", f"cart {self.id} is a customer's: it has no token")
        self._editable(at)
        self.token_hash = token_hash

    def quantities(self) -> dict[str, Decimal]:
        return {line.product_id: line.quantity for line in self.lines}

    # -- sign-in, checkout, expiry -----------------------------------------------------------------------
    def take_in(self, other: Cart, at: datetime) -> None:
        """Merge an anonymous cart into this one (the customer's) at sign-in: quantities of a product are summed;
        the anonymous cart is closed and its token no longer finds a cart to change."""
        self._editable(at)
        other._editable(at)
        for line in other.lines:
            self.add(line.product_id, line.sku, line.quantity, at)
        if self.email is None:
            self.email = other.email
        other.status, other.merged_into, other.closed_at = CartStatus.MERGED, self.id, at
        other.lines = []
        other.events.append(CartMerged(aggregate_id=other.id, occurred_at=at, into_cart_id=self.id))

    def become_customers(self, customer_id: str, at: datetime) -> None:
        """The anonymous visitor signed in as a customer who has no cart here: the cart becomes theirs, and its
        token opens it no more."""
        self._editable(at)
        self.customer_id, self.token_hash = customer_id, None

    def check_out(self, order_id: str, order_number: str, total: Decimal, currency: str, at: datetime, *,
                  net: Decimal) -> None:
        """Converted into a confirmed sales order (`net`: its net before tax, which the months of its recovery
        messages keep); the cart refuses every change from now on."""
        self._editable(at)
        self.status, self.closed_at = CartStatus.CONVERTED, at
        self.order_id, self.order_number = order_id, order_number
        self.recovery_months = [evolve(month, order_value=net, recovered=at >= month.claimed_at)
                                for month in self.recovery_months]
        self.events.append(CartCheckedOut(aggregate_id=self.id, occurred_at=at, order_id=order_id,
                                          order_number=order_number, total=total, currency=currency,
                                          customer_id=self.customer_id or "", branch_id=self.branch_id,
                                          after_reminders=len(self.reminders)))

    def authorise(self, payment: PaymentAuthorisation) -> None:
        self.payment = payment

    def mark_captured(self) -> None:
        if self.payment is not None:
            self.payment = PaymentAuthorisation(reference=self.payment.reference, amount=self.payment.amount,
                                                currency=self.payment.currency, captured=True)

    def expiry_due(self, policy: CartPolicy, now: datetime) -> bool:
        """Whether the cart is due to expire (C5): never one holding an authorised payment not captured."""
        if self.status is not CartStatus.ACTIVE or (self.payment is not None and not self.payment.captured):
            return False
        idle = now - self.last_activity_at
        if not self.lines:
            return idle >= policy.empty_expiry
        return idle >= (policy.anonymous_expiry if self.customer_id is None else policy.customer_expiry)

    def expire(self, at: datetime) -> None:
        self.status, self.closed_at = CartStatus.EXPIRED, at
        self.events.append(CartExpired(aggregate_id=self.id, occurred_at=at, lines=len(self.lines)))

    # -- abandonment and recovery ------------------------------------------------------------------------
    def contact(self, customer_email: str | None) -> str | None:
        return self.email or _email(customer_email)

    def is_abandoned(self, policy: CartPolicy, now: datetime, customer_email: str | None = None, *,
                     ordered_since: bool = False) -> bool:
        """Abandoned (C3, 4d case 1): active, at least one line, a known contact, idle at least the policy's
        threshold, and no order by the same customer since its last activity (`ordered_since`)."""
        return (self.status is CartStatus.ACTIVE and bool(self.lines) and not ordered_since
                and self.contact(customer_email) is not None
                and now - self.last_activity_at >= policy.abandon_after)

    def due_stage(self, policy: CartPolicy, now: datetime, customer_email: str | None = None, *,
                  ordered_since: bool = False) -> int | None:
        """The recovery stage due now, if any: the first stage not yet claimed, once the cart has been idle for
        that stage's delay since its last activity (so activity after a stage delays the next stages only), and
        only for carts active since recovery was turned on."""
        stage = self.next_stage(policy)
        if stage is None or not self.is_abandoned(policy, now, customer_email, ordered_since=ordered_since):
            return None
        return stage if now - self.last_activity_at >= policy.recovery_stages[stage - 1] else None

    def next_stage(self, policy: CartPolicy) -> int | None:
        """The recovery stage to claim next while the cart may still get one: it is active, recovery was on
        before its last activity, and the policy has a stage left."""
        stage = len(self.reminders) + 1
        recovering = policy.recovery_since is not None and self.last_activity_at >= policy.recovery_since
        return stage if recovering and self.status is CartStatus.ACTIVE and stage <= len(policy.recovery_stages) \
            else None

    def claim_reminder(self, stage: int, email: str, at: datetime, worth: Callable[[], Money]) -> Reminder:
        """Claim a recovery stage: at most once per cart (the cart's versioned update is the guard). The month's
        first claim records what the cart is worth now (`worth`, asked only then)."""
        if any(r.stage == stage for r in self.reminders):
            raise refuse("ReminderMustNotBeSentTwice", f"stage {stage} of cart {self.id} is claimed already")
        reminder = Reminder(stage=stage, email=email, claimed_at=at)
        self.reminders.append(reminder)
        if all(month.month != month_of(at) for month in self.recovery_months):
            value = worth()
            self.recovery_months.append(RecoveryMonth(month=month_of(at), claimed_at=at,
                                                      currency=value.currency.code, value=value.amount))
        self.events.append(RecoveryMessageClaimed(aggregate_id=self.id, occurred_at=at, stage=stage,
                                                  branch_id=self.branch_id))
        return reminder

    def reminder(self, stage: int) -> Reminder:
        for reminder in self.reminders:
            if reminder.stage == stage:
                return reminder
        raise InvalidValue("stage", f"stage {stage} of cart {self.id} was never claimed")

    def _settle(self, settled: Reminder) -> bool:
        reminder = self.reminder(settled.stage)
        if reminder.settled:
            return False
        self.reminders[self.reminders.index(reminder)] = settled
        return True

    def mark_sent(self, stage: int, at: datetime) -> bool:
        """Record that a stage's message went out; False when it was recorded (sent or failed) before: a repeated
        delivery."""
        return self._settle(evolve(self.reminder(stage), sent_at=at))

    def mark_failed(self, stage: int, at: datetime, detail: str) -> bool:
        """Record that the mail server refused a stage's message for good (`detail`: its answer), so that it is not
        tried again; False when the stage was recorded (sent or failed) before."""
        return self._settle(evolve(self.reminder(stage), failed_at=at, failure=detail[:500]))

    @property
    def recovered(self) -> bool:
        """Checked out after at least one recovery message."""
        return self.status is CartStatus.CONVERTED and bool(self.reminders)
