"""Carts and the branches' cart policies, and the unit of work the cart use cases run in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from oms.domain.carts.carts import Cart
from oms.domain.carts.policy import CartPolicy
from oms.ports.stock.repositories import StockUnitOfWork


class CartRepository(Protocol):
    """Carts by id; loading one in a changing transaction locks it (its row on PostgreSQL)."""

    def add(self, cart: Cart) -> None: ...

    def get(self, cart_id: str) -> Cart:
        """The cart with this id; raises NotFound."""
        ...

    def claim(self, cart_id: str) -> Cart | None:
        """The cart, held for this transaction, or None when it does not exist or another transaction holds it now
        (on PostgreSQL: FOR UPDATE SKIP LOCKED), so jobs running at once share the carts instead of waiting."""
        ...

    def by_token_hash(self, token_hash: str) -> Cart | None:
        """The cart of an anonymous visitor's token, whatever its status."""
        ...

    def active_of(self, customer_id: str, branch_id: str) -> Cart | None:
        """The customer's active cart in the branch (there is at most one)."""
        ...

    def idle_since(self, before: datetime, limit: int, after_id: str = "") -> Sequence[str]:
        """Ids of active carts whose last activity is before `before`, by id, after `after_id`, at most `limit`:
        the candidates of the recovery and expiry jobs."""
        ...

    def listing(self, status: str | None, branch_id: str | None, after_id: str, limit: int) -> Sequence[Cart]:
        """Carts by id after `after_id` (keyset), of a status and branch if given, at most `limit`."""
        ...

    def with_reminders_since(self, since: datetime) -> Sequence[Cart]:
        """Carts that got a recovery message claimed on or after `since` (the recovery rate's denominator)."""
        ...


class CartPolicyRepository(Protocol):
    def of_branch(self, branch_id: str) -> CartPolicy | None: ...

    def add(self, policy: CartPolicy) -> None: ...


class CartDocuments(Protocol):
    @property
    def carts(self) -> CartRepository: ...

    @property
    def policies(self) -> CartPolicyRepository: ...


class CartsUnitOfWork(StockUnitOfWork, Protocol):
    """What the cart use cases work in: master data, stock (levels and holds) and the carts."""

    @property
    def carts(self) -> CartDocuments: ...
