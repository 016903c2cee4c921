"""SQL repositories of carts and the branches' cart policies, from the declarations of their aggregates.

A cart's row is locked when a changing transaction loads it (`lock=True`): a checkout re-reads the cart inside that
lock, so twenty at once make one order (peers.md 4b C8); `claim` skips a cart another transaction holds (FOR UPDATE
SKIP LOCKED on PostgreSQL), so recovery jobs running at once share the carts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.sql import Select

from oms.adapters.sql.carts import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.shared.values import serialized
from oms.domain.carts.carts import Cart, CartLine, CartStatus, PaymentAuthorisation, Reminder
from oms.domain.carts.policy import CartPolicy

CART = Aggregate("cart", Entity(Cart, t.carts, composites=(
    serialized("lines", list[CartLine]),
    serialized("reminders", list[Reminder]),
    serialized("payment", PaymentAuthorisation | None),
)), lock=True)

CART_POLICY = Aggregate("cart_policy", Entity(CartPolicy, t.cart_policies, key=("branch_id",), composites=(
    serialized("recovery_stages", tuple[timedelta, ...]),)))

AGGREGATES = (CART, CART_POLICY)


class SqlCartRepository(SqlRepository[Cart]):
    aggregate = CART

    def claim(self, cart_id: str) -> Cart | None:
        found = self._select_unlocked("claim", lambda table: select(table).where(
            table.c.id == bindparam("cart_id")), cart_id=cart_id)
        return found[0] if found else None

    def by_token_hash(self, token_hash: str) -> Cart | None:
        found = self._select("by_token_hash", lambda table: select(table).where(
            table.c.token_hash == bindparam("token_hash")), token_hash=token_hash)
        return found[0] if found else None

    def active_of(self, customer_id: str, branch_id: str) -> Cart | None:
        found = self._select("active_of", lambda table: select(table).where(
            table.c.customer_id == bindparam("customer_id"), table.c.branch_id == bindparam("branch_id"),
            table.c.status == bindparam("active", CartStatus.ACTIVE, type_=table.c.status.type)),
            customer_id=customer_id, branch_id=branch_id)
        return found[0] if found else None

    def idle_since(self, before: datetime, limit: int, after_id: str = "") -> Sequence[str]:
        transaction = self._session.transaction
        c = t.carts.c
        statement = transaction.compiler.get(("carts", "idle_since"), lambda: select(c.id).where(
            c.status == bindparam("active", CartStatus.ACTIVE, type_=c.status.type),
            c.last_activity_at < bindparam("before", type_=c.last_activity_at.type),
            c.id > bindparam("after_id")).order_by(c.id).limit(bindparam("limit")))
        return [row["id"] for row in transaction.run(statement, {"before": before, "after_id": after_id,
                                                                 "limit": limit})]

    def listing(self, status: str | None, branch_id: str | None, after_id: str, limit: int) -> Sequence[Cart]:
        name = f"listing-{status is not None}-{branch_id is not None}"

        def build(table: Table) -> Select[Any]:
            c = t.carts.c
            query = select(t.carts).where(c.id > bindparam("after_id"))
            if status is not None:
                query = query.where(c.status == bindparam("status", type_=c.status.type))
            if branch_id is not None:
                query = query.where(c.branch_id == bindparam("branch_id"))
            return query.order_by(c.id).limit(bindparam("limit"))

        values: dict[str, object] = {"after_id": after_id, "limit": limit}
        if status is not None:
            values["status"] = CartStatus(status)
        if branch_id is not None:
            values["branch_id"] = branch_id
        return self._select(name, build, **values)

    def with_reminders_since(self, since: datetime) -> Sequence[Cart]:
        # the reminders are JSON text: rows with none are left out by the database, the time by Python
        found = self._select("with_reminders", lambda table: select(table).where(
            table.c.reminders != bindparam("none")).order_by(table.c.id), none="[]")
        return [cart for cart in found if any(r.claimed_at >= since for r in cart.reminders)]


class SqlCartPolicyRepository(SqlRepository[CartPolicy]):
    aggregate = CART_POLICY

    def of_branch(self, branch_id: str) -> CartPolicy | None:
        found: CartPolicy | None = self._session.get(self.aggregate, (branch_id,))
        return found


class SqlCartDocuments:
    """The cart repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.carts = SqlCartRepository(session)
        self.policies = SqlCartPolicyRepository(session)
