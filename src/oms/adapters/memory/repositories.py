"""In-memory repositories: copies of the committed aggregates, tracked for the commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Generic, TypeVar

from oms.adapters.memory.store import InMemoryStore, Tracked
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.quotation import OPEN, Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import NotFound
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType
from oms.domain.shared.tax import TaxRate
from oms.domain.stock.levels import StockLevel, StockMovement

T = TypeVar("T")


class Session:
    """What one unit of work loaded or added, by kind and key."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.tracked: dict[tuple[str, str], Tracked] = {}


class InMemoryRepository(Generic[T]):
    kind: str = ""
    natural_key: Callable[[T], str] | None = None

    def __init__(self, session: Session) -> None:
        self._session = session
        self._store = session.store

    def _key(self, obj: T) -> str:
        return str(obj.id)  # type: ignore[attr-defined]

    def add(self, obj: T) -> None:
        key = self._key(obj)
        self._session.tracked[(self.kind, key)] = Tracked(self.kind, key, obj, None, type(self).natural_key)

    def _find(self, key: str) -> T | None:
        tracked = self._session.tracked.get((self.kind, key))
        if tracked is not None:
            return tracked.obj  # type: ignore[no-any-return]
        loaded = self._store.load(self.kind, key)
        if loaded is None:
            return None
        obj, data = loaded
        self._session.tracked[(self.kind, key)] = Tracked(self.kind, key, obj, data, type(self).natural_key)
        return obj  # type: ignore[no-any-return]

    def get(self, key: str) -> T:
        found = self._find(key)
        if found is None:
            raise NotFound(self.kind, key)
        return found

    def _by_natural_key(self, natural: str) -> T | None:
        nk = type(self).natural_key
        for (kind, _), tracked in self._session.tracked.items():
            if kind == self.kind and nk is not None and nk(tracked.obj) == natural:
                return tracked.obj  # type: ignore[no-any-return]
        key = self._store.key_for(self.kind, natural)
        return None if key is None else self._find(key)

    def list(self) -> Sequence[T]:
        keys = list(self._store.rows[self.kind])
        pending = [t.key for (kind, _), t in self._session.tracked.items() if kind == self.kind and t.loaded is None]
        found = (self._find(key) for key in [*keys, *pending])
        return [obj for obj in found if obj is not None]


class InMemoryProductRepository(InMemoryRepository[Product]):
    kind = "product"

    @staticmethod
    def natural_key(product: Product) -> str:
        return product.sku

    def by_sku(self, sku: str) -> Product | None:
        return self._by_natural_key(sku)


class InMemoryCustomerRepository(InMemoryRepository[Customer]):
    kind = "customer"

    @staticmethod
    def natural_key(customer: Customer) -> str:
        return customer.code

    def by_code(self, code: str) -> Customer | None:
        return self._by_natural_key(code)


class InMemoryBranchRepository(InMemoryRepository[Branch]):
    kind = "branch"

    @staticmethod
    def natural_key(branch: Branch) -> str:
        return branch.code

    def by_code(self, code: str) -> Branch | None:
        return self._by_natural_key(code)


class InMemoryWarehouseRepository(InMemoryRepository[Warehouse]):
    kind = "warehouse"

    @staticmethod
    def natural_key(warehouse: Warehouse) -> str:
        return warehouse.code

    def by_code(self, code: str) -> Warehouse | None:
        return self._by_natural_key(code)

    def for_branch(self, branch_id: str) -> Sequence[Warehouse]:
        mine = [w for w in self.list() if w.branch_id == branch_id and w.active]
        return sorted(mine, key=lambda w: (w.priority, w.code))


class InMemoryTaxRateRepository(InMemoryRepository[TaxRate]):
    kind = "tax_rate"

    @staticmethod
    def natural_key(rate: TaxRate) -> str:
        return f"{rate.jurisdiction}|{rate.category}"

    def for_jurisdiction(self, jurisdiction: str) -> Sequence[TaxRate]:
        return [rate for rate in self.list() if rate.jurisdiction == jurisdiction]


class InMemoryQuotationRepository(InMemoryRepository[Quotation]):
    kind = "quotation"

    @staticmethod
    def natural_key(quotation: Quotation) -> str:
        return quotation.number

    def by_number(self, number: str) -> Quotation | None:
        return self._by_natural_key(number)

    def open_past_validity(self, today: date) -> Sequence[str]:
        return [q.id for q in self.list() if q.status in OPEN and q.valid_until < today]


class InMemorySalesOrderRepository(InMemoryRepository[SalesOrder]):
    kind = "sales_order"

    @staticmethod
    def natural_key(order: SalesOrder) -> str:
        return order.number

    def by_number(self, number: str) -> SalesOrder | None:
        return self._by_natural_key(number)


class InMemoryStockRepository(InMemoryRepository[StockLevel]):
    kind = "stock_level"

    def _key(self, obj: StockLevel) -> str:
        return f"{obj.product_id}|{obj.warehouse_id}"

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        found = self._find(f"{product_id}|{warehouse_id}")
        if found is None:
            found = StockLevel(product_id, warehouse_id)
            self.add(found)
        return found

    def levels(self, product_ids: Sequence[str], warehouse_ids: Sequence[str]) -> list[StockLevel]:
        return [self.level(p, w) for p in sorted(set(product_ids)) for w in sorted(set(warehouse_ids))]

    def for_product(self, product_id: str) -> Sequence[StockLevel]:
        return [level for level in self.list() if level.product_id == product_id]

    def movements(self, product_id: str | None = None, warehouse_id: str | None = None) -> Sequence[StockMovement]:
        return [m for m in self._store.movements
                if (product_id is None or m.product_id == product_id)
                and (warehouse_id is None or m.warehouse_id == warehouse_id)]


class InMemorySequenceRepository:
    def __init__(self, session: Session) -> None:
        self._store = session.store

    def next_value(self, kind: DocumentType) -> int:
        return self._store.next_value(kind)


class InMemoryEventOutbox:
    def __init__(self, session: Session) -> None:
        self._store = session.store
        self.pending: list[DomainEvent] = []

    def add(self, events: Sequence[DomainEvent]) -> None:
        self.pending.extend(events)

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]:
        return [e for e in self._store.events if e.aggregate_id == aggregate_id]


class InMemoryRequestLog:
    def __init__(self, session: Session) -> None:
        self._store = session.store
        self.pending: dict[str, tuple[str, datetime]] = {}

    def result_of(self, key: str) -> str | None:
        found = self.pending.get(key) or self._store.requests.get(key)
        return None if found is None else found[0]

    def record(self, key: str, result: str, at: datetime) -> None:
        self.pending[key] = (result, at)

    def forget_before(self, at: datetime) -> int:
        with self._store.lock:
            old = [key for key, (_, handled_at) in self._store.requests.items() if handled_at < at]
            for key in old:
                del self._store.requests[key]
        return len(old)
