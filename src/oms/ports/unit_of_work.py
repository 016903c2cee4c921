"""The whole unit of work: every context's repositories in one transaction, as the adapters provide it.

Each context's use cases are typed with the part they need (`SalesUnitOfWork`, `StockUnitOfWork`, ...), so a
context cannot reach another's documents; processes that span contexts, the bus and the adapters use this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeAlias

from oms.ports.accounting.repositories import AccountingUnitOfWork
from oms.ports.carts.repositories import CartsUnitOfWork
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.procurement.planning import PlanningUnitOfWork
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.production.repositories import ProductionUnitOfWork
from oms.ports.reports.data import ReportsUnitOfWork
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.subscriptions.repositories import SubscriptionsUnitOfWork
from oms.ports.webhooks.repositories import WebhooksUnitOfWork


class UnitOfWork(SalesUnitOfWork, InvoicingUnitOfWork, AccountingUnitOfWork, WebhooksUnitOfWork,
                 ProcurementUnitOfWork, PlanningUnitOfWork, ProductionUnitOfWork, SubscriptionsUnitOfWork,
                 CartsUnitOfWork, ReportsUnitOfWork, Protocol):
    """Every context's repositories; see `SharedUnitOfWork` for how a transaction is used."""


UnitOfWorkFactory: TypeAlias = Callable[[], UnitOfWork]
