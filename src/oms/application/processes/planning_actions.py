"""The purchase-proposal command, declared once: prepare the day's proposal (what the daily job runs)."""

from __future__ import annotations

from datetime import date
from typing import Any

from oms.application.processes.planning import (
    CreateProposedPurchaseOrders,
    CreateProposedRfqs,
    PreparePurchaseProposal,
    PurchaseProposalView,
    ordered,
    prepared,
    prepared_proposal,
    requested,
)
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.shared.errors import InvalidValue


def parse_day(text: str, field: str = "day") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(field, f"{text!r} is not a day (YYYY-MM-DD)") from None


def show_proposal(uow: Any, day: str) -> PurchaseProposalView:
    """The proposal prepared on a day (YYYY-MM-DD), or the latest (`latest`)."""
    return prepared_proposal(uow, None if day == "latest" else parse_day(day))


PURCHASE_PROPOSAL = Resource(name="purchase_proposal", title="purchase proposal", path="/purchase-proposals",
                             cli="proposal", tag="planning", show=show_proposal, ref="day", ref_field="day",
                             key=lambda view: view.day.isoformat())

ACTIONS = [
    Action(PURCHASE_PROPOSAL, "prepare", PreparePurchaseProposal, Role.MANAGER, "Prepare the day's purchase proposal "
           "(what to buy), once a day: if it is prepared already, answer it as it was", path="", collection=True,
           answer=prepared),
    Action(PURCHASE_PROPOSAL, "order", CreateProposedPurchaseOrders, Role.MANAGER, "Turn picked lines of a prepared "
           "proposal into draft purchase orders, one per preferred supplier and warehouse", path="orders",
           collection=True, status=201, answer=ordered, operation="create_proposed_purchase_orders"),
    Action(PURCHASE_PROPOSAL, "request", CreateProposedRfqs, Role.MANAGER, "Turn picked lines of a prepared proposal "
           "into draft requests for quotation, one per branch, to the suppliers named or to every supplier with a "
           "price", path="rfqs", collection=True, status=201, answer=requested, operation="create_proposed_rfqs"),
]
