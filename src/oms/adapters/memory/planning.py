"""Reorder rules and prepared purchase proposals in memory."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.procurement.planning import ProposalRun, ReorderRule, rule_key


class InMemoryReorderRuleRepository(InMemoryRepository[ReorderRule]):
    kind = "reorder_rule"

    @staticmethod
    def natural_key(rule: ReorderRule) -> str:
        return rule.key

    def find(self, product_id: str, warehouse_id: str) -> ReorderRule | None:
        return self._by_natural_key(rule_key(product_id, warehouse_id))

    def list(self) -> Sequence[ReorderRule]:
        return sorted(super().list(), key=lambda rule: (rule.product_id, rule.warehouse_id))


class InMemoryProposalRunRepository(InMemoryRepository[ProposalRun]):
    kind = "proposal_run"

    def on(self, day: date) -> ProposalRun | None:
        return self._find(day.isoformat())

    def latest(self) -> ProposalRun | None:
        return max(self.list(), key=lambda run: run.day, default=None)


class InMemoryPlanningBook:
    """The planning repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.rules = InMemoryReorderRuleRepository(session)
        self.runs = InMemoryProposalRunRepository(session)
