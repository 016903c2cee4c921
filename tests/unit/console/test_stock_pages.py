"""Stock in the console: levels per product and warehouse as the API answers them, receipts and adjustments through
the declared actions' forms (each with the role it needs), and the movement ledger filtered."""

from __future__ import annotations

import re

from flask import Flask

from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens
from tests.unit.console.conftest import Browser, browser, text


def _row(page: str, sku: str, warehouse: str) -> str:
    found = re.search(rf"<tr>\s*<td><a [^>]*>{sku}</a></td><td>{warehouse}</td>.*?</tr>", page, re.S)
    assert found is not None, page
    return found.group(0)


def _numbers(row: str) -> list[str]:
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_receiving_through_the_console_changes_the_level_shown(clerk: Browser) -> None:
    form = clerk.get("/console/stock/do/receive?sku=DESK&warehouse_code=BER-1&_back=/console/stock")
    response = clerk.post("/console/stock/do/receive", {"sku": "DESK", "warehouse_code": "BER-1", "quantity": "3",
                                                        "_back": "/console/stock?search=DESK"})

    assert 'value="DESK"' in text(form)
    assert 'value="BER-1"' in text(form)
    assert response.status_code == 302
    assert response.location == "/console/stock?search=DESK"
    assert _numbers(_row(text(clerk.get("/console/stock?search=DESK")), "DESK", "BER-1"))[0] == "8"


def test_adjusting_is_refused_to_a_clerk_and_offered_to_a_manager(app: Flask, clerk: Browser) -> None:
    manager = browser(app, Role.MANAGER)

    refused = clerk.post("/console/stock/do/adjust", {"sku": "DESK", "warehouse_code": "BER-1", "quantity": "-1",
                                                      "reason": "count"})
    clerk_row = _row(text(clerk.get("/console/stock")), "DESK", "BER-1")
    manager_row = _row(text(manager.get("/console/stock")), "DESK", "BER-1")
    done = manager.post("/console/stock/do/adjust", {"sku": "DESK", "warehouse_code": "BER-1", "quantity": "-1",
                                                     "reason": "count", "_back": "/console/stock"})

    assert refused.status_code == 403
    assert "/do/adjust" not in clerk_row
    assert "/do/receive" in clerk_row
    assert "/do/adjust?sku=DESK&amp;warehouse_code=BER-1" in manager_row
    assert done.status_code == 302
    assert _numbers(_row(text(manager.get("/console/stock")), "DESK", "BER-1"))[0] == "4"


def test_the_stock_page_filters_by_warehouse(clerk: Browser) -> None:
    page = text(clerk.get("/console/stock?warehouse=BER-2"))

    assert _row(page, "DESK", "BER-2")
    assert "<td>BER-1</td>" not in page


def test_movements_are_filtered_by_warehouse_and_document(clerk: Browser) -> None:
    clerk.post("/console/stock/do/receive", {"sku": "BOOK", "warehouse_code": "MUC-1", "quantity": "2"})

    muc = text(clerk.get("/console/stock/movements?warehouse=MUC-1"))
    ber = text(clerk.get("/console/stock/movements?warehouse=BER-2"))
    unknown = clerk.get("/console/stock/movements?warehouse=NOPE")

    assert "<td>BOOK</td><td>MUC-1</td>" in muc
    assert "BER-" not in muc.split("<tbody>")[1]
    assert "<td>DESK</td><td>BER-2</td>" in ber
    assert "MUC-1</td>" not in ber
    assert "NOPE" in text(unknown)
    assert 'class="flash problem"' in text(unknown)


def test_a_stock_level_shows_the_numbers_the_api_answers(app: Flask, clerk: Browser) -> None:
    clerk.post("/console/stock/do/receive", {"sku": "DESK", "warehouse_code": "BER-2", "quantity": "2.000"})
    api_app, tokens = app_with_tokens(app.extensions["oms"].system)
    answer = Caller(api_app.test_client(), tokens[Role.VIEWER]).get("/products/DESK/stock").get_json()

    page = text(clerk.get("/console/stock?search=DESK"))

    assert len(answer["items"]) == 2
    for level in answer["items"]:
        shown = _numbers(_row(page, "DESK", level["warehouse_code"]))
        assert shown == [level["on_hand"], level["reserved"], level["available"]]


def test_the_valuation_page_shows_each_warehouses_stock_value_and_the_total(clerk: Browser) -> None:
    clerk.post("/console/stock/do/receive", {"sku": "BOOK", "warehouse_code": "BER-1", "quantity": "4",
                                             "unit_cost": "2.50", "_back": "/console/stock"})

    page = text(clerk.get("/console/stock/valuation"))
    before = text(clerk.get("/console/stock/valuation?at=2026-03-01"))
    refused = text(clerk.get("/console/stock/valuation?at=March"))

    assert re.search(r"<td>BER-1</td><td>BOOK</td><td class=\"num\">4</td>\s*<td class=\"num\">10.00 EUR</td>", page)
    assert "910.00 EUR" in page  # 15 DESK at 60.00 and the books
    assert "No stock was valued then." in before
    assert "at: must be a date" in refused
