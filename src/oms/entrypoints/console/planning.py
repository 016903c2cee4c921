"""Purchase planning in the console: the latest prepared proposal ("prepared on <day>") with a checkbox per line,
the picked lines turned into draft purchase orders (one per preferred supplier and warehouse) or requests for
quotation (one per branch), and what to buy now;
viewers read it, managers prepare and order."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from oms.application.processes.planning import (
    CreateProposedPurchaseOrders,
    CreateProposedRfqs,
    PreparePurchaseProposal,
    ProposalPick,
    PurchaseProposalView,
    prepared_proposal,
    what_to_buy,
)
from oms.application.processes.planning_actions import parse_day
from oms.domain.access.tokens import Role
from oms.domain.shared.errors import DomainError, NotFound
from oms.entrypoints.console.auth import actor, require
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for

SEPARATOR = "@"  # a checkbox's value: SKU@WAREHOUSE


def _prepared() -> PurchaseProposalView | None:
    try:
        return api().system.read(prepared_proposal)
    except NotFound:
        return None


def planning_page() -> Any:
    user = require(Role.VIEWER)
    if isinstance(user, Response):
        return user
    system = api().system
    now = system.read(what_to_buy, system.bus.clock.now().date())
    return render_template("console/purchase_planning.html", prepared=_prepared(), now=now, separator=SEPARATOR,
                           manager=Role.MANAGER)


def _as_manager_post(run: Any) -> Any:
    user = require(Role.MANAGER)
    if isinstance(user, Response):
        return user
    try:
        run()
    except DomainError as error:
        problem = problem_for(error)
        flash(problem.detail, "error")
    return redirect(url_for("console.purchase_planning"))


def prepare() -> Any:
    """POST: prepare today's proposal (nothing changes if it is prepared already)."""
    def run() -> None:
        day = api().system.handle(PreparePurchaseProposal(actor=actor()))
        flash(f"The proposal of {day.isoformat()} is prepared", "done")

    return _as_manager_post(run)


def _picks() -> tuple[ProposalPick, ...]:
    return tuple(ProposalPick(sku=sku, warehouse_code=warehouse)
                 for sku, _, warehouse in (value.partition(SEPARATOR) for value in request.form.getlist("pick")))


def order() -> Any:
    """POST: the checked lines of the prepared proposal become draft purchase orders."""
    def run() -> None:
        day = parse_day(request.form.get("day", ""))
        numbers = api().system.handle(CreateProposedPurchaseOrders(day=day, picks=_picks(), actor=actor()))
        flash(f"Draft purchase orders made: {', '.join(numbers)}", "done")

    return _as_manager_post(run)


def request_quotations() -> Any:
    """POST: the checked lines become draft requests for quotation to the suppliers with a price."""
    def run() -> None:
        day = parse_day(request.form.get("day", ""))
        numbers = api().system.handle(CreateProposedRfqs(day=day, picks=_picks(), actor=actor()))
        flash(f"Draft requests for quotation made: {', '.join(numbers)}", "done")

    return _as_manager_post(run)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/purchase-planning", "purchase_planning", planning_page)
    bp.add_url_rule("/purchase-planning/prepare", "prepare_purchase_proposal", prepare, methods=["POST"])
    bp.add_url_rule("/purchase-planning/orders", "order_purchase_proposal", order, methods=["POST"])
    bp.add_url_rule("/purchase-planning/rfqs", "request_purchase_proposal", request_quotations, methods=["POST"])
