"""Reorder rules and prepared purchase proposals, and the unit of work purchase planning runs in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from oms.domain.procurement.planning import ProposalRun, ReorderRule
from oms.ports.stock.repositories import StockUnitOfWork


class ReorderRuleRepository(Protocol):
    def add(self, rule: ReorderRule) -> None: ...
    def get(self, rule_id: str) -> ReorderRule: ...
    def find(self, product_id: str, warehouse_id: str) -> ReorderRule | None:
        """The rule of the product in the warehouse (one at most)."""
        ...
    def list(self) -> Sequence[ReorderRule]:
        """Every rule, by product id then warehouse id."""
        ...


class ProposalRunRepository(Protocol):
    def add(self, run: ProposalRun) -> None:
        """Keep the day's proposal; a second one for the same day fails the commit with `AlreadyExists` (the claim:
        two runs of the daily job, on one machine or two, prepare one proposal)."""
        ...
    def on(self, day: date) -> ProposalRun | None:
        """The proposal prepared on the day, with its lines."""
        ...
    def latest(self) -> ProposalRun | None:
        """The most recent day's proposal."""
        ...


class PlanningBook(Protocol):
    @property
    def rules(self) -> ReorderRuleRepository: ...
    @property
    def runs(self) -> ProposalRunRepository: ...


class PlanningUnitOfWork(StockUnitOfWork, Protocol):
    """What purchase planning works in: master data (products, suppliers and their prices, rates), stock and the
    planning book."""

    @property
    def planning(self) -> PlanningBook: ...
