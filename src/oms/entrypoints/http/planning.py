"""Purchase planning: the reorder rules, what to buy now, and the proposal prepared on a day; rules set and the
day's proposal prepared as their actions declare."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from oms.application.processes import planning_actions as proposals
from oms.application.processes.planning import PurchaseProposalView, what_to_buy
from oms.application.procurement import planning_actions as rules
from oms.application.procurement import planning_views as views
from oms.application.procurement.planning_views import ReorderRuleList, ReorderRuleView
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call

bp = ApiBlueprint("planning", __name__, tag=rules.REORDER_RULE.tag)


@frozen(kw_only=True)
class DayQuery:
    """Prices and exchange rates of `day` (default: today)."""

    day: date | None = None


@bp.operation("GET", rules.REORDER_RULE.path, summary="Every reorder rule, by SKU then warehouse",
              role=Role.VIEWER, response=ReorderRuleList)
def list_reorder_rules(call: Call) -> ReorderRuleList:
    return call.system.read(views.list_reorder_rules)


@bp.operation("GET", f"{rules.REORDER_RULE.path}/<rule_id>", summary="Show a reorder rule", role=Role.VIEWER,
              response=ReorderRuleView, errors=(404,))
def get_reorder_rule(call: Call) -> ReorderRuleView:
    return call.system.read(views.show_reorder_rule, call.args["rule_id"])


@bp.operation("GET", "/what-to-buy", summary="What to buy now: the products whose projected stock (available + "
              "incoming - unreserved demand) is below their rule's minimum, the quantity to reach the maximum and "
              "the preferred supplier", role=Role.VIEWER, response=PurchaseProposalView, query=DayQuery)
def get_what_to_buy(call: Call) -> PurchaseProposalView:
    day = call.query(DayQuery).day or call.system.bus.clock.now().date()
    return call.system.read(what_to_buy, day)


@bp.operation("GET", f"{proposals.PURCHASE_PROPOSAL.path}/<day>", summary="The purchase proposal prepared on a "
              "day (YYYY-MM-DD), or the latest prepared (`latest`)", role=Role.VIEWER,
              response=PurchaseProposalView, errors=(404, 422))
def get_purchase_proposal(call: Call) -> PurchaseProposalView:
    return call.system.read(proposals.show_proposal, call.args["day"])


bp.actions(rules.ACTIONS)
bp.actions(proposals.ACTIONS)
