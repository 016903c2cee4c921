"""Errors are problem documents (RFC 9457) with a stable type, a detail and every offending field; never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import oms
from oms.domain.access.tokens import Role
from oms.entrypoints.http.testing import Caller, app_with_tokens


def problem(response: Any) -> dict[str, Any]:
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    return body


def test_malformed_json_gets_400(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", data=b'{"customer_code": ', content_type="application/json")

    assert response.status_code == 400
    assert problem(response)["type"] == "urn:oms:problem:malformed-request"


def test_a_body_that_is_not_json_gets_415(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", data="customer_code=ACME", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert problem(response)["type"] == "urn:oms:problem:unsupported-media-type"


def test_a_body_over_the_limit_gets_413(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={"customer_code": "ACME", "customer_reference": "x" * 70_000})

    assert response.status_code == 413
    assert problem(response)["type"] == "urn:oms:problem:payload-too-large"


def test_every_invalid_field_is_named_by_its_json_pointer(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={
        "customer_code": 7, "lines": [{"sku": "DESK", "quantity": 2.5}, {"sku": "DESK", "quantity": "1", "x": 1}],
        "order_discount": {"kind": "percent", "value": "120"}, "colour": "red"})

    body = problem(response)
    assert response.status_code == 422
    assert body["type"] == "urn:oms:problem:invalid-input"
    assert {(e["pointer"], e["detail"]) for e in body["errors"]} == {
        ("#/customer_code", "must be a string"),
        ("#/branch_code", "is required"),
        ("#/lines/0/quantity", 'must be a decimal string such as "12.50", not a JSON number'),
        ("#/lines/1/x", "is not a field here"),
        ("#/order_discount/value", "a percentage cannot exceed 100"),
        ("#/colour", "is not a field here"),
    }


def test_a_float_for_money_is_refused(manager: Caller) -> None:
    response = manager.post("/products", json={"sku": "LAMP", "name": "Lamp", "price": 19.99, "currency": "EUR"})

    assert response.status_code == 422
    assert problem(response)["errors"] == [
        {"pointer": "#/price", "detail": 'must be a decimal string such as "12.50", not a JSON number'}]


def test_the_actor_and_the_fields_taken_from_the_url_cannot_be_sent_in_the_body(
        clerk: Caller, draft_order: dict[str, Any]) -> None:
    response = clerk.post(f"/sales-orders/{draft_order['number']}/hold", json={"actor": "someone", "order_id": "x"})

    assert response.status_code == 422
    assert [e["pointer"] for e in problem(response)["errors"]] == ["#/actor", "#/order_id"]


def test_a_value_the_domain_refuses_gets_422_with_its_field(manager: Caller) -> None:
    response = manager.post("/products", json={"sku": "LAMP", "name": "Lamp", "price": "1.00", "currency": "XXX"})

    assert response.status_code == 422
    assert problem(response)["errors"][0]["detail"] == "'XXX' is not a known ISO 4217 currency code"


def test_a_line_the_document_does_not_have_is_not_found(clerk: Caller, draft_order: dict[str, Any]) -> None:
    response = clerk.patch(f"/sales-orders/{draft_order['number']}/lines/nope", json={"quantity": "1"})

    assert response.status_code == 404
    assert problem(response)["detail"] == "line 'nope' not found"


def test_a_broken_business_rule_gets_409_with_the_rule(clerk: Caller) -> None:
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER",
                                              "lines": [{"sku": "DESK", "quantity": "16"}]}).get_json()

    response = clerk.post(f"/sales-orders/{order['number']}/confirm")

    body = problem(response)
    assert response.status_code == 409
    assert (body["type"], body["rule"]) == ("urn:oms:problem:business-rule", "StockMustBeAvailable")
    assert "16 needed, 15 available" in body["detail"]


def test_what_does_not_exist_gets_404_and_what_exists_already_409(clerk: Caller, manager: Caller) -> None:
    missing = clerk.get("/sales-orders/SO-999999")
    duplicate = manager.post("/customers", json={"code": "ACME", "name": "Acme again"})

    assert (missing.status_code, problem(missing)["type"]) == (404, "urn:oms:problem:not-found")
    assert (duplicate.status_code, problem(duplicate)["type"]) == (409, "urn:oms:problem:already-exists")


def test_unknown_urls_and_methods_get_problem_documents(client: Any, viewer: Caller) -> None:
    unknown = client.get("/api/v1/no-such-things")
    wrong_method = viewer.request("DELETE", "/products")

    assert (unknown.status_code, problem(unknown)["type"]) == (404, "urn:oms:problem:not-found")
    assert (wrong_method.status_code, problem(wrong_method)["type"]) == (405, "urn:oms:problem:method-not-allowed")


@pytest.mark.parametrize(("query", "parameter"), [
    ("?limit=0", "limit"), ("?limit=ten", "limit"), ("?created_from=2026-03-01T00:00:00", "created_from"),
    ("?status=shipped", "status"), ("?colour=red", "colour"), ("?limit=5&limit=6", "limit"),
    ("?cursor=garbage", "cursor"),
])
def test_an_invalid_query_parameter_gets_400_naming_it(viewer: Caller, query: str, parameter: str) -> None:
    response = viewer.get("/sales-orders" + query)

    assert response.status_code == 400
    assert [e["parameter"] for e in problem(response)["errors"]] == [parameter]


def test_an_unexpected_failure_still_answers_a_problem_document(
        clock: oms.FixedClock, client_for: Callable[[Flask, bool], FlaskClient]) -> None:
    class Broken(oms.OrderManagement):
        def answer(self, command: oms.Command[Any], *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("disk on fire")

    healthy = oms.bootstrap(clock=clock)
    app, secrets = app_with_tokens(Broken(bus=healthy.bus, uow_factory=healthy.uow_factory))
    admin = Caller(client_for(app, True), secrets[Role.ADMIN])

    response = admin.post("/branches", json={"code": "X", "name": "X", "currency": "EUR", "tax_jurisdiction": "DE"})

    assert response.status_code == 500
    assert problem(response)["type"] == "urn:oms:problem:internal-error"
    assert "disk on fire" not in response.get_data(as_text=True)


def test_a_jurisdiction_too_long_for_the_database_is_a_422_naming_the_field(admin: Caller) -> None:
    response = admin.post("/branches", json={"code": "FAR", "name": "Far away", "currency": "EUR",
                                             "tax_jurisdiction": "A-VERY-LONG-REGION"})

    assert response.status_code == 422
    assert "tax_jurisdiction" in str(problem(response))


def test_an_unknown_sku_over_http_names_the_closest_existing_one(viewer: Caller) -> None:
    response = viewer.get("/products/DEKS")

    assert response.status_code == 404
    assert problem(response)["detail"] == "product 'DEKS' not found; did you mean DESK?"


def test_an_unknown_customer_in_a_new_order_names_the_closest_existing_ones(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={"customer_code": "ACM", "branch_code": "BER", "lines": [
        {"sku": "DESK", "quantity": "1"}]})

    assert response.status_code == 422
    assert problem(response)["errors"] == [{"pointer": "#/customer_code",
                                            "detail": "no customer 'ACM'; did you mean ACME?"}]
