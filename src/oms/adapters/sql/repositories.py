"""SQL repositories of master data and documents: one ORM session, shared by the unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, Table, select
from sqlalchemy.orm import Session

from oms.adapters.sql import document_tables as d
from oms.adapters.sql import tables as t
from oms.adapters.sql.history import attach_history
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.quotation import OPEN, Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import NotFound
from oms.domain.shared.tax import TaxRate

T = TypeVar("T")


class SqlRepository(Generic[T]):
    """Finds aggregates of one class; `natural_key` is the unique column of by_sku/by_code/by_number."""

    cls: type[T]
    table: Table
    kind: str
    natural_key: str

    def __init__(self, session: Session) -> None:
        self._session = session

    def _loaded(self, found: Sequence[T]) -> list[T]:
        """Hook for what the mapping cannot load itself (the documents' audit trails)."""
        return list(found)

    def _all(self, statement: Select[Any]) -> list[T]:
        return self._loaded(self._session.scalars(statement).all())

    def _where(self, *criteria: ColumnElement[bool]) -> Select[Any]:
        return select(self.cls).where(*criteria)

    def add(self, obj: T) -> None:
        self._session.add(obj)

    def get(self, key: str) -> T:
        found = self._session.get(self.cls, key)  # from the identity map when this unit of work has it already
        if found is None:
            raise NotFound(self.kind, key)
        return self._loaded([found])[0]

    def _by_natural_key(self, value: str) -> T | None:
        found = self._all(self._where(self.table.c[self.natural_key] == value))
        return found[0] if found else None

    def list(self) -> Sequence[T]:
        return self._all(select(self.cls).order_by(self.table.c[self.natural_key]))


class SqlProductRepository(SqlRepository[Product]):
    cls, table, kind, natural_key = Product, t.products, "product", "sku"

    def by_sku(self, sku: str) -> Product | None:
        return self._by_natural_key(sku)


class SqlCustomerRepository(SqlRepository[Customer]):
    cls, table, kind, natural_key = Customer, t.customers, "customer", "code"

    def by_code(self, code: str) -> Customer | None:
        return self._by_natural_key(code)


class SqlBranchRepository(SqlRepository[Branch]):
    cls, table, kind, natural_key = Branch, t.branches, "branch", "code"

    def by_code(self, code: str) -> Branch | None:
        return self._by_natural_key(code)


class SqlWarehouseRepository(SqlRepository[Warehouse]):
    cls, table, kind, natural_key = Warehouse, t.warehouses, "warehouse", "code"

    def by_code(self, code: str) -> Warehouse | None:
        return self._by_natural_key(code)

    def for_branch(self, branch_id: str) -> Sequence[Warehouse]:
        return self._all(self._where(t.warehouses.c.branch_id == branch_id, t.warehouses.c.active.is_(True))
                         .order_by(t.warehouses.c.priority, t.warehouses.c.code))


class SqlTaxRateRepository(SqlRepository[TaxRate]):
    cls, table, kind, natural_key = TaxRate, t.tax_rates, "tax_rate", "jurisdiction"

    def for_jurisdiction(self, jurisdiction: str) -> Sequence[TaxRate]:
        return self._all(self._where(t.tax_rates.c.jurisdiction == jurisdiction).order_by(t.tax_rates.c.category))


class _DocumentRepository(SqlRepository[T]):
    natural_key = "number"

    def _loaded(self, found: Sequence[T]) -> list[T]:
        attach_history(self._session, found)
        return list(found)

    def by_number(self, number: str) -> T | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[T]:
        return self._all(select(self.cls).order_by(self.table.c.created_at, self.table.c.id))


class SqlQuotationRepository(_DocumentRepository[Quotation]):
    cls, table, kind = Quotation, d.quotations, "quotation"

    def open_past_validity(self, today: date) -> Sequence[str]:
        rows = self._session.scalars(
            select(d.quotations.c.id)
            .where(d.quotations.c.status.in_(sorted(OPEN)), d.quotations.c.valid_until < today)
            .order_by(d.quotations.c.valid_until, d.quotations.c.id)
        )
        return list(rows)


class SqlSalesOrderRepository(_DocumentRepository[SalesOrder]):
    cls, table, kind = SalesOrder, d.sales_orders, "sales_order"
