"""Reads of reorder rules: one, or all of them, by codes."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from oms.application.shared.views import Quantity, quantity
from oms.domain.procurement.planning import ReorderRule
from oms.ports.procurement.planning import PlanningUnitOfWork


@frozen(kw_only=True)
class ReorderRuleView:
    id: str
    sku: str
    warehouse_code: str
    minimum: Quantity
    maximum: Quantity
    multiple: Quantity
    active: bool


@frozen(kw_only=True)
class ReorderRuleList:
    items: list[ReorderRuleView]


def rule_view(uow: PlanningUnitOfWork, rule: ReorderRule) -> ReorderRuleView:
    product = uow.masterdata.products.get(rule.product_id)
    warehouse = uow.masterdata.warehouses.get(rule.warehouse_id)
    return ReorderRuleView(id=rule.id, sku=product.sku, warehouse_code=warehouse.code,
                           minimum=quantity(rule.minimum, product.uom), maximum=quantity(rule.maximum, product.uom),
                           multiple=quantity(rule.multiple, product.uom), active=rule.active)


def show_reorder_rule(uow: PlanningUnitOfWork, rule_id: str) -> ReorderRuleView:
    """A reorder rule by its id."""
    return rule_view(uow, uow.planning.rules.get(rule_id))


def list_reorder_rules(uow: PlanningUnitOfWork) -> ReorderRuleList:
    """Every reorder rule, by SKU then warehouse code."""
    views = [rule_view(uow, rule) for rule in uow.planning.rules.list()]
    return ReorderRuleList(items=sorted(views, key=lambda view: (view.sku, view.warehouse_code)))


def rule_set(uow: Any, _command: Any, result: str) -> ReorderRuleView:
    return show_reorder_rule(uow, result)
