"""The sales walkthrough in the console's pages: quotation to completed order, with what the API shows."""

from __future__ import annotations

import re

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens
from tests.unit.console.conftest import Browser, text


def _follow(clerk: Browser, path: str, form: dict[str, str] | None = None) -> str:
    response = clerk.post(path, form or {"_back": ""})
    assert response.status_code == 302, text(response)
    return str(response.location)


def _line_id(page: str, position: int) -> str:
    found: list[str] = re.findall(r'name="line_id" value="([0-9a-f]+)"', page)
    return found[position - 1]


def test_a_quotation_goes_to_a_completed_order_through_the_console(clerk: Browser) -> None:
    page = _follow(clerk, "/console/quotation/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "lines.0.sku": "DESK", "lines.0.quantity": "3",
        "lines.1.sku": "FIT", "lines.1.quantity": "4", "order_discount.kind": "percent",
        "order_discount.value": "5"})
    number = page.rsplit("/", 1)[1]
    _follow(clerk, f"/console/quotation/{number}/do/add-line", {"line.sku": "BOOK", "line.quantity": "1"})
    shown = text(clerk.get(page))
    _follow(clerk, f"/console/quotation/{number}/do/remove-line", {"line_id": _line_id(shown, 3)})
    for step in ("send", "accept"):
        _follow(clerk, f"/console/quotation/{number}/do/{step}")
    order_page = _follow(clerk, f"/console/quotation/{number}/do/convert", {"customer_reference": "PO-7"})
    order = order_page.rsplit("/", 1)[1]
    _follow(clerk, f"/console/sales_order/{order}/do/confirm")
    issue_form = text(clerk.get(f"/console/sales_order/{order}/do/issue"))
    desk = re.findall(r'name="lines.0.line_id" value="(\w+)"', issue_form)[0]
    _follow(clerk, f"/console/sales_order/{order}/do/issue", {
        "warehouse_code": "BER-1", "lines.0.line_id": desk, "lines.0.quantity": "2"})
    assert "partially issued" in text(clerk.get(order_page))
    issue_form = text(clerk.get(f"/console/sales_order/{order}/do/issue"))
    rest = dict(re.findall(r'name="(lines\.\d+\.(?:line_id|quantity))"[^>]*value="([^"]*)"', issue_form))
    _follow(clerk, f"/console/sales_order/{order}/do/issue", {"warehouse_code": "BER-1", **rest})
    _follow(clerk, f"/console/sales_order/{order}/do/complete")

    final = text(clerk.get(order_page))
    assert "s-completed" in final
    assert final.count("<td>clerk</td>") >= 3  # confirmed, issued twice, completed: the user is the actor
    assert "GI-000002" in final


def test_a_document_page_shows_the_numbers_the_api_answers(app: Flask, clerk: Browser) -> None:
    number = _follow(clerk, "/console/quotation/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "lines.0.sku": "BOOK", "lines.0.quantity": "3",
        "lines.0.discount": "2.50"}).rsplit("/", 1)[1]
    api_app, tokens = app_with_tokens(app.extensions["oms"].system)
    answer = Caller(api_app.test_client(), tokens[Role.VIEWER]).get(f"/quotations/{number}").get_json()

    page = text(clerk.get(f"/console/quotations/{number}"))

    total = answer["totals"]["grand_total"]
    assert f"{total['amount']} {total['currency']}" in page
    assert f"{answer['lines'][0]['net']['amount']} EUR" in page


def test_the_list_filters_by_status_and_search_and_pages_by_cursor(clerk: Browser) -> None:
    numbers = [_follow(clerk, "/console/quotation/do/create", {"customer_code": customer, "branch_code": "BER"}
                       ).rsplit("/", 1)[1] for customer in ["ACME"] * 27 + ["UNI"]]
    _follow(clerk, f"/console/quotation/{numbers[0]}/do/cancel", {"reason": "duplicate"})

    first = text(clerk.get("/console/quotations?status=draft"))
    cursor = re.search(r'href="([^"]*cursor=[^"]+)"', first)
    uni = text(clerk.get("/console/quotations?search=univ"))

    assert first.count('class="status s-draft"') == 25
    assert cursor is not None
    second = text(clerk.get(cursor.group(1).replace("&amp;", "&")))
    assert second.count('class="status s-draft"') == 2
    assert numbers[0] not in first + second
    assert numbers[-1] in uni
    assert numbers[1] not in uni


def test_the_home_page_lists_what_waits_and_leads_to_the_lists_that_hold_it(app: Flask, clerk: Browser) -> None:
    system = app.extensions["oms"].system
    draft = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=(oms.LineInput(sku="DESK", quantity="1"),)))
    waiting = system.handle(oms.CreateSalesOrder(customer_code="UNI", branch_code="BER", allow_backorder=True,
                                                 confirm=True, lines=(oms.LineInput(sku="DESK", quantity="40"),)))
    numbers = [system.sales_order(ref).number for ref in (draft, waiting)]

    home = text(clerk.get("/console/"))
    backorders = text(clerk.get("/console/sales-orders?backordered=true"))

    assert numbers[0] in home
    assert numbers[1] in home
    assert "/console/sales-orders?backordered=true" in home
    assert numbers[1] in backorders
    assert numbers[0] not in backorders


def test_a_return_is_authorised_and_received_through_the_console_and_shown_with_its_cost(clerk: Browser) -> None:
    order_page = _follow(clerk, "/console/sales_order/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "confirm": "true", "lines.0.sku": "DESK",
        "lines.0.quantity": "2"})
    order = order_page.rsplit("/", 1)[1]
    issue_form = text(clerk.get(f"/console/sales_order/{order}/do/issue"))
    desk = re.findall(r'name="lines.0.line_id" value="(\w+)"', issue_form)[0]
    _follow(clerk, f"/console/sales_order/{order}/do/issue", {
        "warehouse_code": "BER-1", "lines.0.line_id": desk, "lines.0.quantity": "2"})

    _follow(clerk, f"/console/sales_order/{order}/do/authorise-return", {"line_id": desk, "quantity": "1",
                                                                         "reason": "dented"})
    _follow(clerk, f"/console/sales_order/{order}/do/receive-return", {"return_number": "RMA-000001",
                                                                       "warehouse_code": "BER-2"})

    page = text(clerk.get(order_page))
    assert re.search(r"DESK \S 2 \(cost 120.00 EUR\)", page)
    assert "GR-000003: 1 into BER-2 at 60.00 EUR" in page
