"""Production in the console: bills of materials (the active revision as a tree, kits and sub-assemblies with their
own components below them, every revision with the active one marked), work orders (components required, reserved,
consumed and missing; outputs with their cost and journal entry) and service orders (schedule, labour lines,
milestones, what is delivered, invoiced and to invoice), each with a list and the forms of the action table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, request

from oms.application.actions import ACTIONS
from oms.application.production import listings
from oms.application.production.actions import BOM, SERVICE_ORDER, WORK_ORDER
from oms.application.production.queries import show_bom, show_service_order, show_work_order
from oms.application.production.views import BomView
from oms.application.shared.actions import Action, Resource
from oms.domain.production.records import WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus
from oms.domain.shared.errors import NotFound
from oms.entrypoints.console.actions import DETAIL_PAGES, FORM_TEMPLATES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api

SECTIONS = (("console.work_orders", "Work orders"), ("console.service_orders", "Service orders"),
            ("console.boms", "Bills of materials"))
"""The production pages' own menu, under the console's "Production"."""


def _can(action: Action) -> bool:
    return can(action.role)


def _creating(resource: Resource) -> list[Action]:
    return [action for action in ACTIONS if action.resource is resource and action.collection and _can(action)]


def _list_page(template: str, endpoint: str, resource: Resource, read: Callable[[str | None], Any],
               **context: Any) -> Any:
    """A list of one kind, with its filters (`statuses`, `search`) and the link to its next page."""
    cursor = request.args.get("cursor", "").strip() or None
    return viewer_page(f"console/{template}.html", lambda: read(cursor), sections=SECTIONS,
                       statuses=tuple(s for s in request.args.getlist("status") if s),
                       search=request.args.get("search", "").strip(), actions=_creating(resource),
                       action_url=action_url, next_url=lambda next_cursor: next_page_url(endpoint, next_cursor),
                       **context)


def boms_page() -> Any:
    statuses = tuple(s for s in request.args.getlist("status") if s)
    search = request.args.get("search", "").strip() or None
    return _list_page("boms", "console.boms", BOM, lambda cursor: api().system.read(
        listings.bom_page, api().listings, statuses=statuses, search=search, limit=PAGE_SIZE, cursor=cursor),
        all_statuses=("active", "inactive"))


def work_orders_page() -> Any:
    statuses = tuple(s for s in request.args.getlist("status") if s)
    wanted = {name: request.args.get(name, "").strip() for name in ("search", "warehouse", "sales_order")}

    def read(cursor: str | None) -> Any:
        return api().system.read(
            listings.work_order_page, api().listings, statuses=statuses, search=wanted["search"] or None,
            warehouse_code=wanted["warehouse"] or None, sales_order=wanted["sales_order"] or None,
            limit=PAGE_SIZE, cursor=cursor)

    return _list_page("work_orders", "console.work_orders", WORK_ORDER, read,
                      all_statuses=tuple(WorkOrderStatus), wanted=wanted)


def service_orders_page() -> Any:
    statuses = tuple(s for s in request.args.getlist("status") if s)
    wanted = {name: request.args.get(name, "").strip() for name in ("search", "technician", "customer")}

    def read(cursor: str | None) -> Any:
        return api().system.read(
            listings.service_order_page, api().listings, statuses=statuses, search=wanted["search"] or None,
            technician=wanted["technician"] or None, customer_code=wanted["customer"] or None, limit=PAGE_SIZE,
            cursor=cursor)

    return _list_page("service_orders", "console.service_orders", SERVICE_ORDER, read,
                      all_statuses=tuple(ServiceOrderStatus), wanted=wanted)


def bom_page(ref: str) -> Any:
    """Every revision of the product's BOM (404 when it has none) and the active one's tree, if one is active."""
    tree: BomView | None = None

    def read() -> Any:
        nonlocal tree
        revisions = api().system.read(listings.bom_revisions, ref)
        try:
            tree = api().system.read(show_bom, ref)
        except NotFound:
            tree = None
        return revisions

    activate = next(action for action in ACTIONS if action.resource is BOM and action.name == "activate")
    create = next(action for action in ACTIONS if action.resource is BOM and action.name == "create")
    return viewer_page("console/bom.html", read, sku=ref, tree=lambda: tree, sections=SECTIONS,
                       activate=activate if _can(activate) else None, create=create if _can(create) else None,
                       action_url=action_url)


def _detail_page(template: str, resource: Resource, show: Callable[..., Any], ref: str) -> Any:
    """A work order's or a service order's page: its view and the actions its status allows."""
    def buttons(status: str) -> list[Action]:
        return [action for action in offered(resource, status, _can) if not _of_a_row(action)]

    def row_actions(status: str) -> dict[str, Action]:
        return {action.name: action for action in offered(resource, status, _can) if _of_a_row(action)}

    return viewer_page(f"console/{template}.html", lambda: api().system.read(show, ref), buttons=buttons,
                       row_actions=row_actions, has_inputs=has_inputs, action_url=action_url, sections=SECTIONS)


def _of_a_row(action: Action) -> bool:
    """Whether the action is on a row of the page (a labour line, a milestone): its URL names one."""
    return bool(set(action.url_fields.values()) - {action.resource.ref_field})


def work_order_page(ref: str) -> Any:
    return _detail_page("work_order", WORK_ORDER, show_work_order, ref)


def service_order_page(ref: str) -> Any:
    return _detail_page("service_order", SERVICE_ORDER, show_service_order, ref)


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    for resource, plural, single, listed, shown in (
            (BOM, "boms", "bom", boms_page, bom_page),
            (WORK_ORDER, "work_orders", "work_order", work_orders_page, work_order_page),
            (SERVICE_ORDER, "service_orders", "service_order", service_orders_page, service_order_page)):
        bp.add_url_rule(resource.path, plural, listed)
        bp.add_url_rule(f"{resource.path}/<path:ref>", single, shown)
        DETAIL_PAGES[resource.name] = f"console.{single}"
    FORM_TEMPLATES[(WORK_ORDER.name, "output")] = "console/report_output.html"
    add_to_menu("console.work_orders", "Production")
