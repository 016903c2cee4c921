"""Carts and the branches' cart policies, and the unit of work the cart use cases run in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from attrs import frozen

from oms.domain.carts.carts import Cart
from oms.domain.carts.policy import CartPolicy
from oms.ports.stock.repositories import StockUnitOfWork


@frozen(kw_only=True)
class RecoveryFigures:
    """The carts of one currency with a recovery message claimed in a month (`messaged`), those of them checked out
    after the month's first message (`recovered`), what they were worth (`value`: a checked-out cart's order's net,
    another's net when that message was claimed) and the orders of the recovered ones (`recovered_value`)."""

    month: date
    currency: str
    messaged: int
    recovered: int
    value: Decimal
    recovered_value: Decimal


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

    def recovery_by_month(self, first: date, last: date) -> Sequence[RecoveryFigures]:
        """The figures of the carts' recovery months (`Cart.recovery_months`) from the month of `first` to that of
        `last`, by month and currency (months without a message left out), summed by the store."""
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
