"""The reorder-rule command, declared once: set a product's minimum, maximum and multiple in a warehouse."""

from __future__ import annotations

from oms.application.procurement.planning import SetReorderRule
from oms.application.procurement.planning_views import rule_set, show_reorder_rule
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role

REORDER_RULE = Resource(name="reorder_rule", title="reorder rule", path="/reorder-rules", cli="reorder-rule",
                        tag="planning", show=show_reorder_rule, ref="rule_id", ref_field="rule_id",
                        key=lambda view: view.id)

ACTIONS = [
    Action(REORDER_RULE, "set", SetReorderRule, Role.MANAGER, "Set the reorder rule of a product in a warehouse "
           "(minimum, maximum, multiple, active): created, or changed if it has one", path="", collection=True,
           answer=rule_set),
]
