"""Recovery messages of abandoned carts, sent after the commit of their claim, at most once per (cart, stage)
(peers.md 4b C4): the relay's `RecoveryMailSubscriber`.

For each `RecoveryMessageClaimed` the subscriber reads the cart; a stage already recorded (sent, or refused for
good), or a cart no longer active (checked out, merged, expired since), gets no message. Otherwise the message is
rendered (the cart's lines priced as its checkout would price them, and a link that restores the cart), sent with
the stable key `cart-<cart id>-stage-<n>` (its Message-ID: the same on every attempt), and recorded as sent
(`MarkRecoveryMessageSent`). A failure the mail server may get over raises once the batch is done, so the relay
hands the batch over again after its backoff, and the records make the retry skip what already went; a refusal for
good is logged and recorded (`MarkRecoveryMessageFailed`), so it is never tried again. A send whose record then
fails is sent again with the same Message-ID (at least once, a receiver drops the duplicate)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.application.carts.restore_links import RestoreLinks
from oms.application.processes.cart_checkout import priced_order
from oms.application.processes.cart_recovery import MarkRecoveryMessageSent
from oms.application.processes.subscription_charges import System
from oms.application.shared.commands import Command, Handlers
from oms.domain.carts.carts import Cart, CartStatus
from oms.domain.shared.errors import NotFound
from oms.ports.shared.clock import Clock
from oms.ports.shared.notifier import EmailMessage, NotificationFailed, Notifier
from oms.ports.shared.relay import PublishedEvent
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger("oms.carts")
CLAIMED = "RecoveryMessageClaimed"


@frozen(kw_only=True)
class MarkRecoveryMessageFailed(Command[bool]):
    """The mail server refused a claimed stage's message for good (`detail`: its answer): it is not tried again.
    False when the stage was recorded (sent or failed) before."""

    cart_id: str
    stage: int
    detail: str


def mark_recovery_message_failed(cmd: MarkRecoveryMessageFailed, uow: UnitOfWork, clock: Clock) -> bool:
    return uow.carts.carts.get(cmd.cart_id).mark_failed(cmd.stage, clock.now(), cmd.detail)


@frozen(kw_only=True)
class MailLine:
    name: str
    sku: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal  # quantity x unit price, after discounts, before tax


@frozen(kw_only=True)
class RecoveryMail:
    """What a recovery message says: to whom, the cart's lines and totals as its checkout would price them now,
    and the link that restores the cart."""

    cart_id: str
    stage: int
    to: str
    customer_name: str | None
    lines: tuple[MailLine, ...]
    net_total: Decimal
    tax_total: Decimal
    total: Decimal
    currency: str
    restore_url: str

    @property
    def message_id(self) -> str:
        """The message's stable key: a receiver drops a second message with it."""
        return f"cart-{self.cart_id}-stage-{self.stage}"


@frozen(kw_only=True)
class RenderedMail:
    subject: str
    text: str
    html: str


Renderer = Callable[[RecoveryMail], RenderedMail]


def recovery_mail(uow: UnitOfWork, cart_id: str, stage: int, links: RestoreLinks, at: datetime) -> RecoveryMail | None:
    """The message of the cart's claimed stage, or None when none is to be sent: the stage is recorded already,
    or the cart is gone, no longer active, or empty."""
    try:
        cart: Cart = uow.carts.carts.get(cart_id)
    except NotFound:
        return None
    reminder = next((r for r in cart.reminders if r.stage == stage), None)
    if reminder is None or reminder.settled or cart.status is not CartStatus.ACTIVE or not cart.lines:
        return None
    order = priced_order(uow, cart, "", at, quote=True)
    totals = order.totals()
    customer = None if cart.customer_id is None else uow.masterdata.customers.get(cart.customer_id)
    return RecoveryMail(
        cart_id=cart.id, stage=stage, to=reminder.email, customer_name=customer.name if customer else None,
        lines=tuple(MailLine(name=line.description, sku=line.sku, quantity=line.quantity, unit_price=line.unit_price,
                             amount=line.net) for line in order.lines),
        net_total=totals.net_total, tax_total=totals.tax_total, total=totals.grand_total, currency=order.currency,
        restore_url=links.url(cart.id, stage))


class RecoveryMailSubscriber:
    """The relay's subscriber that sends the recovery message of each claimed stage (see the module)."""

    name = "cart-recovery-mail"

    def __init__(self, system: System, notifier: Notifier, links: RestoreLinks, render: Renderer,
                 now: Callable[[], datetime]) -> None:
        self._system = system
        self._notifier = notifier
        self._links = links
        self._render = render
        self._now = now

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        pending: list[str] = []
        for event in events:
            if event.type != CLAIMED:
                continue
            try:
                self.send(event.aggregate_id, int(event.payload["stage"]))
            except NotificationFailed as error:  # the others are sent; this one is tried again with the batch
                logger.warning("recovery message %s not sent, to be tried again: %s", error.message_id, error.detail)
                pending.append(error.message_id)
        if pending:
            raise RuntimeError(f"recovery messages to try again: {', '.join(pending)}")

    def send(self, cart_id: str, stage: int) -> bool:
        """Send the stage's message unless it is recorded already; True when it went out now."""
        mail = self._system.read(recovery_mail, cart_id, stage, self._links, self._now())
        if mail is None:
            return False
        rendered = self._render(mail)
        message = EmailMessage(message_id=mail.message_id, to=(mail.to,), subject=rendered.subject,
                               text=rendered.text, html=rendered.html)
        try:
            self._notifier.send(message)
        except NotificationFailed as error:
            if not error.permanent:
                raise
            logger.error("recovery message %s refused for good: %s", error.message_id, error.detail)
            self._system.handle(MarkRecoveryMessageFailed(cart_id=cart_id, stage=stage, detail=error.detail,
                                                          actor="relay"))
            return False
        self._system.handle(MarkRecoveryMessageSent(cart_id=cart_id, stage=stage, actor="relay"))
        return True


HANDLERS: Handlers = {MarkRecoveryMessageFailed: mark_recovery_message_failed}
