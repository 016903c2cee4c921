"""The SQL repositories of purchase planning, from the declarations of its aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from oms.adapters.sql.procurement import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.domain.procurement.planning import ProposalLine, ProposalRun, ReorderRule, rule_key

REORDER_RULE = Aggregate("reorder_rule", Entity(ReorderRule, t.reorder_rules), natural_key="key")
PROPOSAL_RUN = Aggregate("proposal_run", Entity(ProposalRun, t.proposal_runs, children=(
    Children("lines", Entity(ProposalLine, t.proposal_lines), parent_column="run_id"),)))

AGGREGATES = (REORDER_RULE, PROPOSAL_RUN)


class SqlReorderRuleRepository(SqlRepository[ReorderRule]):
    aggregate = REORDER_RULE

    def find(self, product_id: str, warehouse_id: str) -> ReorderRule | None:
        return self._by_natural_key(rule_key(product_id, warehouse_id))

    def list(self) -> Sequence[ReorderRule]:
        return self._select("list", lambda table: select(table).order_by(table.c.product_id, table.c.warehouse_id))


class SqlProposalRunRepository(SqlRepository[ProposalRun]):
    aggregate = PROPOSAL_RUN

    def on(self, day: date) -> ProposalRun | None:
        found: ProposalRun | None = self._session.get(self.aggregate, (day.isoformat(),))
        return found

    def latest(self) -> ProposalRun | None:
        found = self._select("latest", lambda table: select(table).order_by(table.c.day.desc()).limit(1))
        return found[0] if found else None


class SqlPlanningBook:
    """The planning repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.rules = SqlReorderRuleRepository(session)
        self.runs = SqlProposalRunRepository(session)
