"""Commands made from the action tables: one for every action, answering with the HTTP API's JSON, and the commands
the CLI lacked before (cancel, terms and line edits of quotations, line edits, discount and backorders of orders,
the daily jobs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import click
import pytest
from click.testing import Result

import oms
from oms.application.actions import ACTIONS
from oms.domain.access.tokens import Role
from oms.entrypoints.cli import main
from oms.entrypoints.http.testing import Caller, app_with_tokens

Run = Callable[..., Result]
Get = Callable[[str], Any]


@pytest.fixture
def api_get(system: oms.OrderManagement) -> Get:
    """GET a path of the HTTP API (under /api/v1) on the same system, as a viewer; the JSON it answers."""
    app, secrets = app_with_tokens(system)
    viewer = Caller(app.test_client(), secrets[Role.VIEWER])

    def get(path: str) -> Any:
        response = viewer.request("GET", path)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return get


def answered(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_action_has_a_command_in_its_resources_group() -> None:
    ctx = click.Context(main)

    missing = [f"{action.resource.cli} {action.name}" for action in ACTIONS
               if not isinstance(group := main.get_command(ctx, action.resource.cli), click.Group)
               or action.name not in group.commands]

    assert missing == []


@pytest.mark.parametrize(("args", "path"), [
    ("quotation show Q-000001", "/quotations/Q-000001"),
    ("quotation list", "/quotations"),
    ("quotation events Q-000001", "/quotations/Q-000001/events"),
    ("order show SO-000001", "/sales-orders/SO-000001"),
    ("order list --status confirmed", "/sales-orders?status=confirmed"),
    ("order events SO-000001", "/sales-orders/SO-000001/events"),
    ("stock show DESK", "/products/DESK/stock"),
    ("stock movements --order oldest --limit 3", "/stock/movements?limit=3"),
    ("product list --search es", "/products?search=es"),
    ("product show DESK", "/products/DESK"),
    ("customer list", "/customers"),
    ("customer show ACME", "/customers/ACME"),
    ("branch list", "/branches"),
    ("branch show BER", "/branches/BER"),
    ("warehouse list", "/warehouses"),
    ("warehouse show BER-1", "/warehouses/BER-1"),
    ("tax list", "/tax-rates"),
])
def test_every_read_prints_with_json_what_the_http_api_answers(run: Run, api_get: Get, confirmed_order: str,
                                                               args: str, path: str) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    printed = answered(run(*args.split(), "--json"))

    assert printed == api_get(path)


def test_a_command_answers_with_the_json_of_what_it_acted_on_as_the_http_api_shows_it(
        run: Run, api_get: Get) -> None:
    created = answered(run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2", "--json"))
    confirmed = answered(run("order", "confirm", "SO-000001", "--json"))
    product = answered(run("product", "create", "LAMP", "--name", "Lamp", "--price", "39.90", "--currency", "EUR",
                           "--json"))

    assert created["status"] == "draft"
    assert confirmed == api_get("/sales-orders/SO-000001")
    assert product == api_get("/products/LAMP") == {
        "sku": "LAMP", "name": "Lamp", "kind": "stocked", "uom": "unit",
        "price": {"amount": "39.90", "currency": "EUR"}, "tax_category": "standard",
        "invoice_policy": "delivered", "active": True, "category": None}


def test_a_quotation_is_edited_line_by_line_given_its_terms_and_cancelled_from_the_terminal(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1", "--line", "BOOK:2")

    terms = run("quotation", "set-terms", "Q-000001", "--discount", "5%", "--valid-until", "2026-04-30",
                "--notes", "Delivery in April")
    updated = run("quotation", "update-line", "Q-000001", "1", "--quantity", "3", "--price", "90.00")
    removed = run("quotation", "remove-line", "Q-000001", "BOOK")
    shown = answered(run("quotation", "show", "Q-000001", "--json"))
    cancelled = run("quotation", "cancel", "Q-000001", "--reason", "customer went elsewhere")

    assert [r.exit_code for r in (terms, updated, removed, cancelled)] == [0, 0, 0, 0]
    assert updated.stdout.startswith("Q-000001 draft: 2 lines, net 294.50")
    assert removed.stdout.startswith("Q-000001 draft: 1 line, net 256.50")
    assert (shown["order_discount"], shown["valid_until"], shown["notes"]) == (
        {"kind": "percent", "value": "5"}, "2026-04-30", "Delivery in April")
    assert [(line["sku"], line["quantity"], line["unit_price"]["amount"]) for line in shown["lines"]] == [
        ("DESK", "3", "90.00")]
    assert cancelled.stdout.startswith("Q-000001 cancelled")


def test_an_order_is_edited_discounted_and_cleared_of_its_discount_from_the_terminal(run: Run) -> None:
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    added = run("order", "add-line", "SO-000001", "BOOK", "2", "--price", "18.00", "--discount", "10%")
    updated = run("order", "update-line", "SO-000001", "BOOK", "--clear-discount", "--quantity", "4")
    discounted = run("order", "set-discount", "SO-000001", "--discount", "10.00")
    cleared = run("order", "set-discount", "SO-000001", "--discount", "none")
    run("order", "add-line", "SO-000001", "FIT", "1")
    removed = run("order", "remove-line", "SO-000001", "3")

    assert [r.exit_code for r in (added, updated, discounted, cleared, removed)] == [0, 0, 0, 0, 0]
    assert added.stdout.startswith("SO-000001 draft: 2 lines, net 132.40")
    assert updated.stdout.startswith("SO-000001 draft: 2 lines, net 172.00")
    assert discounted.stdout.startswith("SO-000001 draft: 2 lines, net 162.00")
    assert cleared.stdout.startswith("SO-000001 draft: 2 lines, net 172.00")
    assert removed.stdout.startswith("SO-000001 draft: 2 lines, net 172.00")


def test_an_order_created_with_confirm_is_confirmed_in_the_same_command_or_not_created_at_all(run: Run) -> None:
    placed = run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:3", "--confirm")
    refused = run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:99", "--confirm")

    assert placed.exit_code == 0
    assert placed.stdout.startswith("SO-000001 confirmed: 1 line")
    assert refused.exit_code == 1
    assert "StockMustBeAvailable" in refused.stderr
    assert [o["number"] for o in answered(run("order", "list", "--json"))["items"]] == ["SO-000001"]


def test_backorders_are_reserved_once_stock_arrives(run: Run) -> None:
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:20", "--allow-backorder",
        "--confirm")
    run("stock", "receive", "DESK", "BER-2", "5")

    result = run("order", "reserve-backorders", "SO-000001", "--json")

    assert [line["quantity_backordered"] for line in answered(result)["lines"]] == ["0"]


def test_the_daily_jobs_run_from_the_terminal(run: Run, system: oms.OrderManagement) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1",
        "--valid-until", "2026-12-31")
    assert isinstance(system.bus.clock, oms.FixedClock)
    system.bus.clock.advance(timedelta(days=31))

    expired = run("quotation", "expire")
    again = run("quotation", "expire", "--json")
    forgotten = run("system", "forget-expired-requests")

    assert expired.stdout == "1 quotation expired: Q-000001\n"
    assert answered(again) == []
    assert forgotten.stdout == "0 expired requests forgotten\n"


def test_master_data_is_created_and_changed_by_commands_made_from_its_actions(run: Run, api_get: Get) -> None:
    created = run("customer", "create", "UNI", "--name", "University", "--tax-exempt", "--tax-exemption-reference",
                  "EX-1", "--shipping-address-city", "Berlin", "--shipping-address-country", "DE")
    updated = run("product", "update", "DESK", "--price", "120.00", "--no-active", "--tax-category", "reduced")

    assert created.stdout == "customer UNI created\n"
    assert updated.stdout == "product DESK updated\n"
    assert api_get("/customers/UNI")["shipping_address"]["city"] == "Berlin"
    assert api_get("/products/DESK")["price"]["amount"] == "120.00"
    assert (api_get("/products/DESK")["active"], api_get("/products/DESK")["tax_category"]) == (False, "reduced")


def test_a_customer_is_changed_from_the_terminal_and_a_refused_change_names_its_field(run: Run, api_get: Get) -> None:
    updated = run("customer", "update", "ACME", "--name", "Acme AG", "--billing-address-city", "Hamburg",
                  "--billing-address-country", "DE", "--no-active")
    refused = run("customer", "update", "ACME", "--tax-exempt")

    assert updated.stdout == "customer ACME updated\n"
    assert (refused.exit_code, "tax_exemption_reference" in refused.stderr) == (2, True)
    customer = api_get("/customers/ACME")
    assert (customer["name"], customer["billing_address"]["city"], customer["active"]) == ("Acme AG", "Hamburg", False)
    assert customer["tax_exempt"] is False


@pytest.mark.parametrize(("args", "reason"), [
    (["quotation", "set-terms", "Q-000001", "--valid-until", "2026-02-30"], "2026-02-30 does not exist"),
    (["product", "update", "DESK", "--tax-category", "luxury"], "'luxury' is not one of"),
    (["product", "create", "LAMP", "--price", "1.00", "--currency", "EUR"], "Missing option '--name'"),
    (["warehouse", "create", "W", "--name", "W", "--branch", "BER", "--priority", "first"], "'first' is not"),
    (["order", "set-discount", "SO-000001"], "Missing option '--discount'"),
    (["quotation", "update-line", "Q-000001", "1", "--quantity", "lots"], "invalid quantity"),
    (["customer", "create", "X", "--name", "X", "--billing-address-country", "Germany"],
     "invalid billing_address.country"),
])
def test_a_malformed_option_is_a_usage_error_that_names_it(run: Run, args: list[str], reason: str) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    result = run(*args)

    assert result.exit_code == 2
    assert reason in result.stderr


def test_a_line_a_document_does_not_have_is_refused_as_not_found(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    result = run("quotation", "remove-line", "Q-000001", "7")

    assert result.exit_code == 1
    assert "not found" in result.stderr


def test_a_line_is_named_by_its_number_its_sku_or_its_id_and_a_sku_given_twice_by_its_number(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1", "--line", "DESK:2",
        "--line", "BOOK:1")
    line_ids = [line["id"] for line in answered(run("quotation", "show", "Q-000001", "--json"))["lines"]]

    by_id = run("quotation", "update-line", "Q-000001", line_ids[0], "--quantity", "4")
    by_number = run("quotation", "update-line", "Q-000001", "2", "--quantity", "5")
    by_sku = run("quotation", "update-line", "Q-000001", "BOOK", "--quantity", "6")
    ambiguous = run("quotation", "update-line", "Q-000001", "DESK", "--quantity", "7")

    assert [r.exit_code for r in (by_id, by_number, by_sku)] == [0, 0, 0]
    assert [line["quantity"] for line in answered(run("quotation", "show", "Q-000001", "--json"))["lines"]] == [
        "4", "5", "6"]
    assert ambiguous.exit_code == 2
    assert "Q-000001 has 2 lines of DESK: name the line by its number (#)" in ambiguous.stderr
