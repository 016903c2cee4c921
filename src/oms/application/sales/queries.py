"""Reads for the Python API and the entrypoints: documents by id or number, stock, movements, events."""

from __future__ import annotations

from oms.application.sales.quotations import quotation_by_ref
from oms.application.sales.sales_orders import order_by_ref
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.ports.unit_of_work import UnitOfWork


def get_quotation(uow: UnitOfWork, ref: str) -> Quotation:
    with uow:
        return quotation_by_ref(uow, ref)


def get_sales_order(uow: UnitOfWork, ref: str) -> SalesOrder:
    with uow:
        return order_by_ref(uow, ref)






