"""In-memory repositories of carts and the branches' cart policies, and of the stock holds of carts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.carts.carts import Cart, CartStatus, RecoveryMonth
from oms.domain.carts.policy import CartPolicy
from oms.domain.shared.errors import NotFound
from oms.domain.stock.holds import StockHold
from oms.ports.carts.repositories import RecoveryFigures


class InMemoryCartRepository(InMemoryRepository[Cart]):
    kind = "cart"

    def claim(self, cart_id: str) -> Cart | None:
        try:
            return self.get(cart_id)
        except NotFound:
            return None

    def by_token_hash(self, token_hash: str) -> Cart | None:
        return next((c for c in self.list() if c.token_hash == token_hash), None)

    def active_of(self, customer_id: str, branch_id: str) -> Cart | None:
        return next((c for c in self.list() if c.customer_id == customer_id and c.branch_id == branch_id
                     and c.status is CartStatus.ACTIVE), None)

    def idle_since(self, before: datetime, limit: int, after_id: str = "") -> Sequence[str]:
        found = sorted(c.id for c in self.list()
                       if c.status is CartStatus.ACTIVE and c.last_activity_at < before and c.id > after_id)
        return found[:limit]

    def listing(self, status: str | None, branch_id: str | None, after_id: str, limit: int) -> Sequence[Cart]:
        found = sorted((c for c in self.list() if c.id > after_id and (status is None or c.status == status)
                        and (branch_id is None or c.branch_id == branch_id)), key=lambda c: c.id)
        return found[:limit]

    def recovery_by_month(self, first: date, last: date) -> Sequence[RecoveryFigures]:
        found: dict[tuple[date, str], list[RecoveryMonth]] = defaultdict(list)
        for cart in self.list():
            for month in cart.recovery_months:
                if first.replace(day=1) <= month.month <= last:
                    found[(month.month, month.currency)].append(month)
        return [RecoveryFigures(
            month=month, currency=currency, messaged=len(months), recovered=sum(m.recovered for m in months),
            value=sum((m.value if m.order_value is None else m.order_value for m in months), Decimal(0)),
            recovered_value=sum((m.order_value or Decimal(0) for m in months if m.recovered), Decimal(0)))
            for (month, currency), months in sorted(found.items())]


class InMemoryCartPolicyRepository(InMemoryRepository[CartPolicy]):
    kind = "cart_policy"

    def _key(self, obj: CartPolicy) -> str:
        return obj.branch_id

    def of_branch(self, branch_id: str) -> CartPolicy | None:
        return self._find(branch_id)


class InMemoryStockHoldRepository(InMemoryRepository[StockHold]):
    kind = "stock_hold"

    def _key(self, obj: StockHold) -> str:
        return f"{obj.owner_id}|{obj.product_id}"

    def of_owner(self, owner_id: str) -> Sequence[StockHold]:
        return sorted((h for h in self.list() if h.owner_id == owner_id), key=lambda h: h.product_id)

    def held_by_others(self, branch_id: str, product_ids: Collection[str], owner_id: str | None,
                       at: datetime) -> dict[str, Decimal]:
        held: dict[str, Decimal] = defaultdict(Decimal)
        for hold in self.list():
            if (hold.branch_id == branch_id and hold.product_id in product_ids and hold.owner_id != owner_id
                    and hold.counts_at(at)):
                held[hold.product_id] += hold.quantity
        return dict(held)

    def remove(self, hold: StockHold) -> None:
        self._remove(hold)


class InMemoryCartDocuments:
    """The cart repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.carts = InMemoryCartRepository(session)
        self.policies = InMemoryCartPolicyRepository(session)
