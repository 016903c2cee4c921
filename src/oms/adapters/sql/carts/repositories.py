"""SQL repositories of carts and the branches' cart policies, from the declarations of their aggregates.

A cart's row is locked when a changing transaction loads it (`lock=True`): a checkout re-reads the cart inside that
lock, so twenty at once make one order (peers.md 4b C8); `claim` skips a cart another transaction holds (FOR UPDATE
SKIP LOCKED on PostgreSQL), so recovery jobs running at once share the carts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.sql import Select

from oms.adapters.sql.carts import tables as t
from oms.adapters.sql.reports.exact import exact_sum, summed
from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity
from oms.adapters.sql.shared.metadata import AMOUNT
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.shared.values import serialized
from oms.domain.carts.carts import Cart, CartLine, CartStatus, PaymentAuthorisation, RecoveryMonth, Reminder
from oms.domain.carts.policy import CartPolicy
from oms.ports.carts.repositories import RecoveryFigures

CART = Aggregate("cart", Entity(Cart, t.carts, composites=(
    serialized("lines", list[CartLine]),
    serialized("reminders", list[Reminder]),
    serialized("payment", PaymentAuthorisation | None),
), children=(
    Children("recovery_months", Entity(RecoveryMonth, t.cart_recovery_months, key=("cart_id", "position")),
             parent_column="cart_id"),
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

    def recovery_by_month(self, first: date, last: date) -> Sequence[RecoveryFigures]:
        transaction = self._session.transaction
        exact = transaction.is_postgres

        def build() -> Select[Any]:
            m = t.cart_recovery_months.c
            worth = func.coalesce(m.order_value, m.value)
            return (select(m.month, m.currency, func.count().label("messaged"),
                           func.count().filter(m.recovered).label("recovered"),
                           exact_sum(worth, AMOUNT, postgres=exact).label("value"),
                           exact_sum(m.order_value, AMOUNT, postgres=exact).filter(m.recovered)
                           .label("recovered_value"))
                    .where(m.month >= bindparam("first", type_=m.month.type),
                           m.month <= bindparam("last", type_=m.month.type))
                    .group_by(m.month, m.currency).order_by(m.month, m.currency))

        statement = transaction.compiler.get(("carts", "recovery_by_month"), build)
        return [RecoveryFigures(month=row["month"], currency=row["currency"], messaged=row["messaged"],
                                recovered=row["recovered"], value=summed(row["value"], AMOUNT),
                                recovered_value=summed(row["recovered_value"], AMOUNT))
                for row in transaction.run(statement, {"first": first.replace(day=1), "last": last})]


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
