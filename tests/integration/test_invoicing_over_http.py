"""Invoicing through the HTTP API on memory, SQLite and PostgreSQL: the acceptance cases of peers.md 5d (1 and 2),
the listing of invoices and the document a customer receives (HTML and PDF, its amounts exactly the view's)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader

import oms
from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens

from .integration_helpers import Backend


@pytest.fixture
def api(backend: Backend) -> Iterator[dict[Role, Caller]]:
    """Branch VIE (EUR, AT: 20 %, Hauptplatz 1, Vienna) with 100 BOLT (12.50, invoiced on delivery) and 100 PIN
    (12.50, invoiced on order) in VIE-1; customer ACME (Main Street 5, 1010 Vienna); one caller per role."""
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    handle = system.handle
    handle(oms.CreateBranch(code="VIE", name="Vienna Trading", currency="EUR", tax_jurisdiction="AT"))
    handle(oms.CreateWarehouse(code="VIE-1", name="Vienna main", branch_code="VIE", priority=10))
    handle(oms.SetTaxRate(jurisdiction="AT", category=oms.TaxCategory.STANDARD, rate="0.20"))
    handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="12.50", currency="EUR"))
    handle(oms.CreateProduct(sku="PIN", name="Pin", price="12.50", currency="EUR",
                             invoice_policy=oms.InvoicePolicy.ORDERED))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH", billing_address=oms.Address(
        line1="Main Street 5", city="Vienna", postal_code="1010", country="AT")))
    handle(oms.CreateCustomer(code="ZETA", name="Zeta AG"))
    for sku in ("BOLT", "PIN"):
        handle(oms.ReceiveStock(sku=sku, warehouse_code="VIE-1", quantity="100"))
    app, secrets = app_with_tokens(system, listings=backend.listings)
    with app.test_client() as client:
        yield {role: Caller(client, secret) for role, secret in secrets.items()}


def _order(api: dict[Role, Caller], sku: str = "BOLT", quantity: str = "10", customer: str = "ACME") -> dict[str, Any]:
    response = api[Role.CLERK].post("/sales-orders", json={"customer_code": customer, "branch_code": "VIE",
                                                           "confirm": True,
                                                           "lines": [{"sku": sku, "quantity": quantity}]})
    assert response.status_code == 201, response.get_json()
    order: dict[str, Any] = response.get_json()
    return order


def _ship(api: dict[Role, Caller], order: dict[str, Any], quantity: str) -> None:
    response = api[Role.CLERK].post(f"/sales-orders/{order['number']}/goods-issues", json={
        "warehouse_code": "VIE-1", "lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}]})
    assert response.status_code == 201, response.get_json()


def _invoice(api: dict[Role, Caller], *orders: str, date: str = "2026-03-02") -> dict[str, Any]:
    draft = api[Role.CLERK].post("/invoices", json={"orders": list(orders)})
    assert draft.status_code == 201, draft.get_json()
    posted = api[Role.MANAGER].post(f"/invoices/{draft.get_json()['id']}/post", json={"invoice_date": date})
    assert posted.status_code == 200, posted.get_json()
    invoice: dict[str, Any] = posted.get_json()
    return invoice


def test_ten_at_12_50_delivered_six_then_four_invoice_90_then_60_then_nothing_and_ordered_bills_before_delivery(
        api: dict[Role, Caller]) -> None:
    order = _order(api)
    _ship(api, order, "6")
    first = _invoice(api, order["number"])
    _ship(api, order, "4")
    second = _invoice(api, order["number"])
    third = api[Role.CLERK].post("/invoices", json={"orders": [order["number"]]})
    on_order = _invoice(api, _order(api, sku="PIN")["number"])

    assert (first["totals"]["net_total"]["amount"], first["totals"]["grand_total"]["amount"]) == ("75.00", "90.00")
    assert [line["quantity"] for line in second["lines"]] == ["4"]
    assert second["totals"]["grand_total"]["amount"] == "60.00"
    assert third.status_code == 409
    assert third.get_json()["rule"] == "NothingToInvoice"
    assert [line["quantity"] for line in on_order["lines"]] == ["10"]
    assert on_order["totals"]["grand_total"]["amount"] == "150.00"


def test_credit_two_of_six_is_30_five_more_is_refused_and_price_or_currency_cannot_be_given(
        api: dict[Role, Caller]) -> None:
    order = _order(api)
    _ship(api, order, "6")
    invoice = _invoice(api, order["number"])
    manager = api[Role.MANAGER]

    note = manager.post(f"/invoices/{invoice['number']}/credit-notes", json={"lines": [{"line": "1", "quantity": "2"}]})
    posted = manager.post(f"/invoices/{note.get_json()['id']}/post", json={"invoice_date": "2026-03-03"})
    five_more = manager.post(f"/invoices/{invoice['number']}/credit-notes",
                             json={"lines": [{"line": "1", "quantity": "5"}]})
    dearer = manager.post(f"/invoices/{invoice['number']}/credit-notes",
                          json={"lines": [{"line": "1", "quantity": "1", "unit_price": "13.00"}]})
    other_money = manager.post(f"/invoices/{invoice['number']}/credit-notes",
                               json={"currency": "USD", "exchange_rate": "1.1"})

    assert posted.status_code == 200
    assert posted.get_json()["totals"]["grand_total"]["amount"] == "30.00"
    assert five_more.status_code == 409
    assert five_more.get_json()["rule"] == "CannotCreditMoreThanInvoiced"
    assert "4 left" in five_more.get_json()["detail"]
    # a credit note takes its invoice's lines, unit prices, currency and rate: the API has no field to say otherwise
    assert dearer.status_code == 422
    assert [error["pointer"] for error in dearer.get_json()["errors"]] == ["#/lines/0/unit_price"]
    assert other_money.status_code == 422
    assert sorted(error["pointer"] for error in other_money.get_json()["errors"]) == ["#/currency",
                                                                                      "#/exchange_rate"]


def _numbers(api: dict[Role, Caller], query: str) -> list[str | None]:
    response = api[Role.VIEWER].get(f"/invoices?{query}")
    assert response.status_code == 200, response.get_json()
    return [item["number"] for item in response.get_json()["items"]]


def test_invoices_are_listed_by_kind_status_customer_order_date_and_number_a_page_at_a_time(
        api: dict[Role, Caller]) -> None:
    first, second = _order(api, sku="PIN"), _order(api, sku="PIN")
    _invoice(api, first["number"], date="2026-03-01")
    _invoice(api, second["number"], date="2026-03-05")
    manager = api[Role.MANAGER]
    manager.post("/invoices/INV-2026-000001/credit-notes", json={"lines": [{"line": "1", "quantity": "1"}]})
    _order(api, sku="PIN", customer="ZETA")
    api[Role.CLERK].post("/invoices", json={"orders": ["SO-000003"]})

    page = api[Role.VIEWER].get("/invoices?limit=2&order=oldest").get_json()
    rest = api[Role.VIEWER].get(f"/invoices?limit=2&order=oldest&cursor={page['next_cursor']}").get_json()

    assert [item["number"] for item in page["items"] + rest["items"]] == [
        "INV-2026-000001", "INV-2026-000002", None, None]
    assert rest["next_cursor"] is None
    assert page["items"][0]["grand_total"] == {"amount": "150.00", "currency": "EUR"}
    assert _numbers(api, "kind=credit_note") == [None]
    assert _numbers(api, "status=posted") == ["INV-2026-000002", "INV-2026-000001"]
    assert _numbers(api, "customer=ZETA&kind=invoice") == [None]
    assert _numbers(api, f"sales_order={first['number']}") == [None, "INV-2026-000001"]  # the credit note too
    assert _numbers(api, "dated_from=2026-03-02&dated_until=2026-03-05") == ["INV-2026-000002"]
    assert _numbers(api, "search=000002") == ["INV-2026-000002"]
    assert _numbers(api, "customer=NOBODY") == []
    assert api[Role.VIEWER].get("/invoices?kind=receipt").status_code == 400


def test_the_document_a_customer_receives_shows_seller_customer_orders_lines_and_the_views_totals(
        api: dict[Role, Caller]) -> None:
    order = _order(api, quantity="3")
    _ship(api, order, "3")
    invoice = _invoice(api, order["number"])
    draft = api[Role.CLERK].post("/invoices", json={"orders": [_order(api, sku="PIN")["number"]]}).get_json()
    viewer = api[Role.VIEWER]

    html = viewer.get(f"/invoices/{invoice['number']}/document")
    pdf = viewer.get(f"/invoices/{invoice['number']}/document.pdf")
    draft_html = viewer.get(f"/invoices/{draft['id']}/document").get_data(as_text=True)
    draft_pdf = viewer.get(f"/invoices/{draft['id']}/document.pdf").get_data()

    assert html.mimetype == "text/html"
    page = html.get_data(as_text=True)
    totals = invoice["totals"]
    for text in ("Vienna Trading", "Acme GmbH", "Main Street 5", "1010 Vienna", invoice["number"], "2026-03-02",
                 order["number"], "BOLT", "12.50 EUR", "37.50 EUR", "7.50 EUR", totals["grand_total"]["amount"]):
        assert text in page, text
    assert "DRAFT" not in page
    assert pdf.mimetype == "application/pdf"
    assert pdf.get_data().startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)
    for wanted in (invoice["number"], "Acme GmbH", order["number"], "37.50 EUR", "7.50 EUR", "45.00 EUR"):
        assert wanted in text, wanted
    assert totals["grand_total"]["amount"] == "45.00"
    assert "DRAFT" in draft_html
    assert "DRAFT" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(draft_pdf)).pages)
    assert viewer.get("/invoices/INV-2026-999999/document.pdf").status_code == 404


def test_goods_returned_after_invoicing_are_credited_at_the_invoiced_price_once(api: dict[Role, Caller]) -> None:
    clerk, manager = api[Role.CLERK], api[Role.MANAGER]
    order = _order(api)
    _ship(api, order, "6")
    invoice = _invoice(api, order["number"])  # 6 x 12.50 + 20 % = 90.00
    nothing_back = manager.post(f"/sales-orders/{order['number']}/credit-notes", json={})
    clerk.post(f"/sales-orders/{order['number']}/returns",
               json={"line_id": order["lines"][0]["id"], "quantity": "2", "reason": "damaged"})
    clerk.post(f"/sales-orders/{order['number']}/returns/RMA-000001/receipts", json={"warehouse_code": "VIE-1"})
    owed = clerk.get(f"/sales-orders/{order['number']}/billing").get_json()

    draft = manager.post(f"/sales-orders/{order['number']}/credit-notes", json={})
    again = manager.post(f"/sales-orders/{order['number']}/credit-notes", json={})
    posted = manager.post(f"/invoices/{draft.get_json()['id']}/post", json={"invoice_date": "2026-03-03"})
    settled = clerk.get(f"/sales-orders/{order['number']}/billing").get_json()

    assert nothing_back.status_code == 409
    assert nothing_back.get_json()["rule"] == "NothingToCredit"
    assert (owed["status"], owed["lines"][0]["delivered"], owed["lines"][0]["to_credit"]) == ("to_credit", "4", "2")
    assert draft.status_code == 201, draft.get_json()
    assert draft.get_json()["credited_invoice_id"] == invoice["id"]
    assert [line["quantity"] for line in draft.get_json()["lines"]] == ["2"]
    assert draft.get_json()["totals"]["grand_total"]["amount"] == "30.00"  # 2 x 12.50 + 20 %
    assert again.status_code == 409  # the 2 are on the draft already
    assert posted.status_code == 200, posted.get_json()
    assert (settled["status"], settled["lines"][0]["invoiced"], settled["lines"][0]["to_credit"]) == (
        "invoiced", "4", "0")
