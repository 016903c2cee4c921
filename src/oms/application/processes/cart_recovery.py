"""Abandoned carts: the recovery job that claims each due stage once per cart, the record of a message sent, and
the expiry job (peers.md 4b C3 to C5).

Exactly once (C4, X4): the job claims a stage by recording it on the cart, in the cart's versioned update, in the
same transaction as the `RecoveryMessageClaimed` event that the relay turns into the message after commit. Jobs
running at once share the carts (each takes a cart with FOR UPDATE SKIP LOCKED on PostgreSQL); a job killed midway
loses only the claims of the batch it had not committed, which a later run makes. A batch is one transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from attrs import field, frozen

from oms.application.carts.policies import policy_of
from oms.application.processes.cart_checkout import priced_order
from oms.application.processes.subscription_charges import System
from oms.application.shared.commands import Command, Handlers
from oms.application.stock.holds import release_stock
from oms.domain.carts.carts import Cart
from oms.domain.carts.policy import CartPolicy
from oms.domain.shared.errors import DomainError
from oms.domain.shared.money import Money
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger("oms.carts")
BATCH = 200


@frozen(kw_only=True)
class ClaimRecoveryMessages(Command[int]):
    """Claim the recovery stage due now of each of these carts (those another job holds are left to it); returns
    how many stages were claimed."""

    cart_ids: tuple[str, ...]


@frozen(kw_only=True)
class MarkRecoveryMessageSent(Command[bool]):
    """The message of a claimed stage went out; False when that was recorded before (a repeated delivery)."""

    cart_id: str
    stage: int


@frozen(kw_only=True)
class ExpireCarts(Command[int]):
    """Expire those of these carts that are due (C5); returns how many were."""

    cart_ids: tuple[str, ...]


def customer_email(uow: UnitOfWork, cart: Cart) -> str | None:
    return None if cart.customer_id is None else uow.masterdata.customers.get(cart.customer_id).email or None


def _bought_since(uow: UnitOfWork, cart: Cart) -> bool:
    """Whether the cart's customer ordered since its last activity (then it is not abandoned)."""
    return cart.customer_id is not None and uow.sales.orders.ordered_since(cart.customer_id, cart.last_activity_at)


def abandoned(uow: UnitOfWork, cart: Cart, policy: CartPolicy, now: datetime) -> bool:
    """Whether the cart is abandoned now (C3), asking the sales orders only when everything else says it is."""
    return cart.is_abandoned(policy, now, customer_email(uow, cart)) and not _bought_since(uow, cart)


def due_stage(uow: UnitOfWork, cart: Cart, policy: CartPolicy, now: datetime) -> int | None:
    """The stage due now, asking the sales orders whether the customer bought since the cart's last activity only
    when everything else says one is due."""
    email = customer_email(uow, cart)
    if cart.due_stage(policy, now, email) is None:
        return None
    return cart.due_stage(policy, now, email, ordered_since=_bought_since(uow, cart))


def worth(uow: UnitOfWork, cart: Cart, at: datetime) -> Money:
    """What the cart is worth at `at`: its net before tax as the checkout prices its lines then (as a quotation: an
    anonymous cart as a customer's), in the branch's currency; nothing when it has no lines or the checkout cannot
    price them (a product made inactive since)."""
    currency = uow.masterdata.branches.get(cart.branch_id).currency
    try:
        net = priced_order(uow, cart, "", at, quote=True).totals().net_total if cart.lines else None
    except DomainError:
        net = None
    return Money.of(0, currency).rounded() if net is None else Money.of(net, currency)


def claim_recovery_messages(cmd: ClaimRecoveryMessages, uow: UnitOfWork, clock: Clock) -> int:
    now, claimed = clock.now(), 0
    policies: dict[str, CartPolicy] = {}
    for cart_id in cmd.cart_ids:
        cart = uow.carts.carts.claim(cart_id)
        if cart is None:
            continue
        policy = policies.get(cart.branch_id) or policies.setdefault(cart.branch_id, policy_of(uow, cart.branch_id))
        stage = due_stage(uow, cart, policy, now)
        if stage is not None:
            email = cart.contact(customer_email(uow, cart)) or ""
            cart.claim_reminder(stage, email, now, partial(worth, uow, cart, now))
            claimed += 1
    return claimed


def mark_recovery_message_sent(cmd: MarkRecoveryMessageSent, uow: UnitOfWork, clock: Clock) -> bool:
    return uow.carts.carts.get(cmd.cart_id).mark_sent(cmd.stage, clock.now())


def expire_carts(cmd: ExpireCarts, uow: UnitOfWork, clock: Clock) -> int:
    now, expired = clock.now(), 0
    for cart_id in cmd.cart_ids:
        cart = uow.carts.carts.claim(cart_id)
        if cart is not None and cart.expiry_due(policy_of(uow, cart.branch_id), now):
            cart.expire(now)
            release_stock(uow, cart.id)
            expired += 1
    return expired


@frozen(kw_only=True)
class CartJobRun:
    """What a run of a cart job did: carts looked at, and how many were claimed (or expired); batches that failed."""

    seen: int = 0
    done: int = 0
    failed: list[str] = field(factory=list)


def _idle_carts(uow: UnitOfWork, before: datetime, limit: int, after_id: str) -> Sequence[str]:
    return uow.carts.carts.idle_since(before, limit, after_id)


def _run(system: System, command: type[ClaimRecoveryMessages] | type[ExpireCarts], before: datetime,
         actor: str, batch: int) -> CartJobRun:
    seen, done, after = 0, 0, ""
    failed: list[str] = []
    while True:
        ids: Sequence[str] = system.read(_idle_carts, before, batch, after)
        if not ids:
            return CartJobRun(seen=seen, done=done, failed=failed)
        seen, after = seen + len(ids), ids[-1]
        try:
            done += system.handle(command(cart_ids=tuple(ids), actor=actor))
        except Exception as error:  # one batch's failure must not stop the others; a later run redoes it
            logger.exception("cart job %s failed on a batch", command.__name__)
            failed.append(f"{ids[0]}..{ids[-1]}: {error!r}")


def run_cart_recovery(system: System, now: datetime, actor: str = "scheduler", batch: int = BATCH) -> CartJobRun:
    """The scheduler's job: claim the due recovery stage of every abandoned cart, a batch per transaction. Only
    carts idle at least the shortest threshold of any policy are looked at (one hour and up by default)."""
    shortest = system.read(_shortest_idle)
    return _run(system, ClaimRecoveryMessages, now - shortest, actor, batch)


def run_cart_expiry(system: System, now: datetime, actor: str = "scheduler", batch: int = BATCH) -> CartJobRun:
    """The scheduler's job: expire the carts idle past their policy's expiry, a batch per transaction."""
    shortest = system.read(_shortest_expiry)
    return _run(system, ExpireCarts, now - shortest, actor, batch)


def _policies(uow: UnitOfWork) -> list[CartPolicy]:
    return [policy_of(uow, branch.id) for branch in uow.masterdata.branches.list()]


def _shortest_idle(uow: UnitOfWork) -> timedelta:
    return min((max(p.abandon_after, p.recovery_stages[0]) for p in _policies(uow)),
               default=CartPolicy(branch_id="").abandon_after)


def _shortest_expiry(uow: UnitOfWork) -> timedelta:
    return min((min(p.empty_expiry, p.anonymous_expiry, p.customer_expiry) for p in _policies(uow)),
               default=CartPolicy(branch_id="").empty_expiry)


HANDLERS: Handlers = {ClaimRecoveryMessages: claim_recovery_messages, MarkRecoveryMessageSent:
                      mark_recovery_message_sent, ExpireCarts: expire_carts}
