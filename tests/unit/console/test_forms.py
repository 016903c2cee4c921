"""Forms made from the action tables: every declared action has one, errors show beside the field that caused them,
a viewer sees no buttons, and a POST without the page's CSRF token is refused."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from markupsafe import escape

import oms
from oms.application.actions import ACTIONS
from oms.application.shared.actions import Action
from oms.domain.access.tokens import Role
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id
from oms.entrypoints.console.forms import body_of, compacted, flat_inputs, inputs_of
from tests.unit.console.conftest import Browser, browser, text


def _quotation(clerk: Browser, **fields: str) -> str:
    form = {"customer_code": "ACME", "branch_code": "BER", "lines.0.sku": "DESK", "lines.0.quantity": "2", **fields}
    response = clerk.post("/console/quotation/do/create", form)
    assert response.status_code == 302, text(response)
    return response.location.rsplit("/", 1)[1]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: f"{a.resource.name}-{a.name}")
def test_every_declared_action_has_a_form_in_the_console(app: Flask, action: Action) -> None:
    admin = browser(app, Role.ADMIN)
    ref = {"quotation": "Q-000001", "sales_order": "SO-000001", "product": "DESK", "customer": "ACME",
           "branch": "BER", "warehouse": "BER-1", "purchase_order": "PO-000001",
           "work_order": "WO-000001"}.get(action.resource.name)
    if not action.collection:
        oms_system = app.extensions["oms"].system
        oms_system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))
        oms_system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER"))
    if action.resource.name == "purchase_order" and not action.collection:  # its receive form reads the order
        with oms_system.uow_factory() as uow:
            uow.masterdata.suppliers.add(Supplier(new_id(), "WOOD", "Wood GmbH", "EUR"))
            uow.commit()
        oms_system.handle(oms.CreatePurchaseOrder(supplier_code="WOOD", branch_code="BER"))
    if action.resource.name == "work_order" and not action.collection:  # its output form reads the order
        oms_system.handle(oms.CreateBom(sku="DESK", components=(oms.ComponentInput(sku="BOOK", quantity="1"),)))
        oms_system.handle(oms.CreateWorkOrder(sku="DESK", quantity="1", warehouse_code="BER-1"))
    where = f"{action.resource.name}/do/{action.name}" if action.collection else \
        f"{action.resource.name}/{ref}/do/{action.name}"

    response = admin.get(f"/console/{where}")

    assert response.status_code == 200, text(response)
    assert str(escape(action.summary)) in text(response)


def test_a_bad_quantity_is_shown_beside_its_input_and_nothing_is_created(clerk: Browser) -> None:
    response = clerk.post("/console/quotation/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "lines.0.sku": "DESK", "lines.0.quantity": "-3"})

    page = text(response)
    assert response.status_code == 422
    field = re.search(r'<label class="field invalid">.*?</label>', page, re.S)
    assert field is not None
    assert 'name="lines.0.quantity"' in field.group(0)
    assert 'value="-3"' in field.group(0)
    assert "must be" in field.group(0)
    assert "No lines yet" not in page
    assert 'value="ACME"' in page
    assert "Q-000001" not in text(clerk.get("/console/quotations"))


def test_an_unknown_sku_in_the_second_filled_row_is_shown_at_that_row_whatever_rows_were_left_empty(
        clerk: Browser) -> None:
    response = clerk.post("/console/quotation/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "lines.0.sku": "DESK", "lines.0.quantity": "1",
        "lines.3.sku": "DESX", "lines.3.quantity": "1"})

    page = text(response)
    field = re.search(r'<label class="field invalid">.*?</label>', page, re.S)
    assert field is not None
    assert 'name="lines.1.sku"' in field.group(0)
    assert "DESX" in field.group(0)


def test_a_viewer_sees_no_buttons_and_a_forged_action_is_refused(app: Flask, clerk: Browser) -> None:
    number = _quotation(clerk)
    viewer = browser(app, Role.VIEWER)

    page = text(viewer.get(f"/console/quotations/{number}"))
    refused = viewer.post(f"/console/quotation/{number}/do/send")

    assert number in page
    assert "<button" not in page.split("</header>")[1]
    assert refused.status_code == 403
    assert "draft" in text(clerk.get(f"/console/quotations/{number}"))


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(clerk: Browser) -> None:
    number = _quotation(clerk)

    response = clerk.post(f"/console/quotation/{number}/do/send", csrf=False)

    assert response.status_code == 400
    assert "CSRF" in text(response)
    assert 's-draft' in text(clerk.get(f"/console/quotations/{number}"))


def test_a_form_becomes_the_json_body_the_api_would_be_sent() -> None:
    parts = inputs_of(oms.CreateQuotation)
    form = {"customer_code": "ACME", "branch_code": "BER", "lines.1.sku": "DESK", "lines.1.quantity": "2",
            "lines.1.discount": "10%", "order_discount.kind": "percent", "order_discount.value": "5",
            "prices_include_tax": "true"}

    body = body_of(parts, compacted(parts, form))

    assert body == {"customer_code": "ACME", "branch_code": "BER", "prices_include_tax": True,
                    "lines": [{"sku": "DESK", "quantity": "2", "discount": {"kind": "percent", "value": "10"}}],
                    "order_discount": {"kind": "percent", "value": "5"}}


def test_a_choice_starts_at_the_commands_default_and_a_required_input_starts_empty() -> None:
    inputs = {leaf.name: leaf for leaf in flat_inputs(inputs_of(oms.CreateQuotation, rows=1))}

    assert inputs["tax_rounding"].default == "per_line"
    assert inputs["customer_code"].default == ""


def test_an_orders_discount_left_blank_clears_it_and_a_quotations_terms_left_blank_change_nothing() -> None:
    order_parts, terms_parts = inputs_of(oms.SetOrderDiscount, skip={"order_id"}), inputs_of(oms.SetQuotationTerms)

    assert body_of(order_parts, {}) == {"discount": None}
    assert body_of(terms_parts, {}) == {"clear_order_discount": False}
