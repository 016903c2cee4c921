"""Vendor bills in the console: a list, page by page, filtered by 3-way match status, status, supplier and a search;
a page per bill with each line's match and the steps its status allows (post, cancel, rematch, release, pay,
debit)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from oms.application.invoicing.bill_actions import BILL
from oms.application.invoicing.bill_listings import bill_page as bill_list_page
from oms.application.invoicing.vendor_bills import show_bill
from oms.application.shared.actions import Action
from oms.domain.invoicing.vendor_bills import BillStatus, MatchStatus
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can, require
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


def _can(action: Action) -> bool:
    return can(action.role)


def bill_page(ref: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    try:
        view = api().system.read(show_bill, ref)
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    buttons = offered(BILL, str(view.status), _can)
    return render_template("console/bill.html", view=view, buttons=buttons, has_inputs=has_inputs,
                           action_url=action_url)


def bills_page() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = {name: request.args.get(name, "").strip() for name in ("match", "status", "supplier", "search",
                                                                      "cursor")}
    bills, error = None, None
    try:
        bills = api().system.read(
            bill_list_page, api().listings, matches=(wanted["match"],) if wanted["match"] else (),
            statuses=(wanted["status"],) if wanted["status"] else (), supplier_code=wanted["supplier"] or None,
            search=wanted["search"] or None, limit=PAGE_SIZE, cursor=wanted["cursor"] or None)
    except DomainError as refused:
        error = str(refused)
    return render_template("console/bills.html", bills=bills, error=error, wanted=wanted,
                           all_matches=tuple(MatchStatus), all_statuses=tuple(BillStatus),
                           next_url=next_page_url("console.bills", getattr(bills, "next_cursor", None)))


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule(BILL.path, "bills", bills_page)
    bp.add_url_rule(f"{BILL.path}/<path:ref>", "bill", bill_page)
    add_to_menu("console.bills", "Vendor bills")
    DETAIL_PAGES[BILL.name] = "console.bill"
