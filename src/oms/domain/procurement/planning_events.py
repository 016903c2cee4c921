"""Events of purchase planning: a reorder rule set, the day's proposal prepared, purchase orders drafted from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class ReorderRuleSet(DomainEvent):
    """A reorder rule was created or changed: its levels as they now stand."""

    product_id: str
    warehouse_id: str
    minimum: Decimal
    maximum: Decimal
    multiple: Decimal
    active: bool
    actor: str


@frozen(kw_only=True)
class PurchaseProposalPrepared(DomainEvent):
    """The day's purchase proposal was prepared (once per day), with this many lines."""

    day: date
    lines: int
    actor: str
