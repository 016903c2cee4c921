"""Events of purchase planning: a reorder rule set, the day's proposal prepared, purchase orders drafted from it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class ReorderRuleSet(DomainEvent):
    """A reorder rule was created or changed: its levels as they now stand."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "product_id": "The id of the product.", "warehouse_id": "The id of the warehouse the rule watches.",
        "minimum": "Below this projected quantity the product is proposed for purchase.",
        "maximum": "A proposal brings the projected quantity up to at least this.",
        "multiple": "Proposed quantities are whole multiples of this.", "active": "Whether the rule is in use.",
        "actor": "Who set it."}

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

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "day": "The day the proposal was prepared for.", "lines": "How many products it proposes to buy.",
        "actor": "Who prepared it (`scheduler` for the daily job)."}

    day: date
    lines: int
    actor: str
