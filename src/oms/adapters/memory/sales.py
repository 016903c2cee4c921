"""In-memory repositories of quotations and sales orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.sales.quotation import OPEN, Quotation
from oms.domain.sales.sales_order import AWAITING_ISSUE, SalesOrder, SalesOrderStatus


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

    def awaiting_issue(self) -> Sequence[SalesOrder]:
        return [order for order in self.list() if order.status in AWAITING_ISSUE]

    def ordered_since(self, customer_id: str, since: datetime) -> bool:
        return any(o.customer_id == customer_id and o.created_at >= since
                   and o.status not in (SalesOrderStatus.DRAFT, SalesOrderStatus.CANCELLED) for o in self.list())


class InMemorySalesDocuments:
    """The sales repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.quotations = InMemoryQuotationRepository(session)
        self.orders = InMemorySalesOrderRepository(session)
