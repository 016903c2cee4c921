"""Repositories of quotations and sales orders, and the unit of work the sales use cases run in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.ports.shared.documents import DocumentRepository
from oms.ports.stock.repositories import StockUnitOfWork


class QuotationRepository(DocumentRepository[Quotation], Protocol):
    def open_past_validity(self, today: date) -> Sequence[str]:
        """Ids of draft or sent quotations whose valid_until is before `today`."""
        ...
    def list(self) -> Sequence[Quotation]: ...


class SalesOrderRepository(DocumentRepository[SalesOrder], Protocol):
    def list(self) -> Sequence[SalesOrder]: ...

    def awaiting_issue(self) -> Sequence[SalesOrder]:
        """The orders confirmed, partially issued or on hold, oldest first: the only ones that may still wait for
        stock (purchase planning reads them instead of every order ever made)."""
        ...

    def ordered_since(self, customer_id: str, since: datetime) -> bool:
        """Whether the customer has an order created at or after `since` that is neither a draft nor cancelled
        (a cart idle since then is not abandoned: its customer bought)."""
        ...


class SalesDocuments(Protocol):
    @property
    def quotations(self) -> QuotationRepository: ...
    @property
    def orders(self) -> SalesOrderRepository: ...


class SalesUnitOfWork(StockUnitOfWork, Protocol):
    """What the sales use cases work in: master data, stock and the sales documents."""

    @property
    def sales(self) -> SalesDocuments: ...
