"""Requests for quotation in the console: the list; a page per RFQ with its lines, the suppliers' status, the
quotations received, the awards and their purchase orders, and the steps its status allows (send, answer, decline,
award, close, cancel: the forms of the action table); the comparison of its offers with the cheapest and fastest
marked."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from oms.application.actions import ACTIONS
from oms.application.procurement.listings import rfq_page as rfq_list_page
from oms.application.procurement.rfq_actions import RFQ
from oms.application.procurement.rfq_queries import rfq_comparison, show_rfq
from oms.application.shared.actions import Action
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import query_day, viewer_page
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api


def _can(action: Action) -> bool:
    return can(action.role)


def rfqs_page() -> Any:
    create = [action for action in ACTIONS if action.resource is RFQ and action.collection]
    cursor = request.args.get("cursor", "").strip() or None
    return viewer_page("console/rfqs.html", lambda: api().system.read(
        rfq_list_page, api().listings, limit=PAGE_SIZE, cursor=cursor), actions=create, action_url=action_url,
        next_url=lambda next_cursor: next_page_url("console.rfqs", next_cursor))


def rfq_page(ref: str) -> Any:
    view = None

    def read() -> Any:
        nonlocal view
        view = api().system.read(show_rfq, ref)
        return view

    def buttons() -> list[Action]:
        return offered(RFQ, None if view is None else str(view.status), _can)

    return viewer_page("console/rfq.html", read, buttons=buttons, has_inputs=has_inputs, action_url=action_url)


def comparison_page(ref: str) -> Any:
    include_expired = request.args.get("include_expired", "") in ("1", "true", "on")

    def read() -> Any:
        day = query_day("day") or api().system.bus.clock.now().date()
        return api().system.read(rfq_comparison, ref, day=day, include_expired=include_expired)

    award = next(action for action in ACTIONS if action.resource is RFQ and action.name == "award")
    return viewer_page("console/rfq_comparison.html", read, include_expired=include_expired, award=award,
                       can_award=_can(award), action_url=action_url)


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule(RFQ.path, "rfqs", rfqs_page)
    bp.add_url_rule(f"{RFQ.path}/<ref>", "rfq", rfq_page)
    bp.add_url_rule(f"{RFQ.path}/<ref>/comparison", "rfq_comparison", comparison_page)
    add_to_menu("console.rfqs", "RFQs")
    DETAIL_PAGES[RFQ.name] = "console.rfq"
