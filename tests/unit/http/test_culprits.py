"""What a refusal names: a URL that names nothing is 404 (a path parameter that cannot name anything, 400), a body
member that names nothing is 422 at that member, and members that contradict each other are all named."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.test import TestResponse

from oms.entrypoints.http.testing import Caller


def problem_of(response: TestResponse, status: int) -> dict[str, Any]:
    body: dict[str, Any] = response.get_json()
    assert (response.status_code, response.mimetype) == (status, "application/problem+json"), body
    return body


def culprits(response: TestResponse) -> list[tuple[str, str]]:
    """The (pointer, detail) of every offending body member of a 422."""
    problem = problem_of(response, 422)
    assert problem["type"] == "urn:oms:problem:invalid-input"
    return [(error["pointer"], error["detail"]) for error in problem["errors"]]


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
@pytest.mark.parametrize("confirm", [False, True], ids=["draft", "confirmed"])
def test_a_line_path_that_names_no_line_of_the_order_is_404_whatever_the_order_status(
        clerk: Caller, draft_order: dict[str, Any], method: str, confirm: bool) -> None:
    number = draft_order["number"]
    if confirm:
        assert clerk.post(f"/sales-orders/{number}/confirm").status_code == 200

    response = clerk.request(method, f"/sales-orders/{number}/lines/nope", json={"quantity": "1"} if method == "PATCH"
                             else None)

    assert problem_of(response, 404)["detail"] == "line 'nope' not found"


def test_a_line_path_of_another_document_is_404(clerk: Caller, draft_order: dict[str, Any]) -> None:
    quotation = clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "BER",
                                                "lines": [{"sku": "DESK", "quantity": "1"}]}).get_json()
    clerk.post(f"/quotations/{quotation['number']}/send")

    response = clerk.patch(f"/quotations/{quotation['number']}/lines/{draft_order['lines'][0]['id']}",
                           json={"quantity": "2"})

    assert problem_of(response, 404)["type"] == "urn:oms:problem:not-found"


def test_confirming_an_order_named_by_a_nul_is_400_naming_the_path_parameter(clerk: Caller) -> None:
    response = clerk.post("/sales-orders/%00/confirm")

    assert problem_of(response, 400)["errors"] == [{"detail": "must not contain control characters",
                                                    "parameter": "ref"}]


def test_an_unknown_sku_in_the_third_line_is_422_at_that_lines_sku(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "lines": [
        {"sku": "DESK", "quantity": "1"}, {"sku": "BOOK", "quantity": "1"}, {"sku": "LAMP", "quantity": "1"}]})

    assert culprits(response) == [("#/lines/2/sku", "no product 'LAMP'")]


def test_an_unknown_sku_in_an_added_line_is_422_at_its_sku(clerk: Caller, draft_order: dict[str, Any]) -> None:
    response = clerk.post(f"/sales-orders/{draft_order['number']}/lines", json={"sku": "LAMP", "quantity": "1"})

    assert culprits(response) == [("#/sku", "no product 'LAMP'")]


@pytest.mark.parametrize(("member", "kind"), [("customer_code", "customer"), ("branch_code", "branch")])
@pytest.mark.parametrize("path", ["/quotations", "/sales-orders"])
def test_an_unknown_customer_or_branch_of_a_new_document_is_422_at_its_member(
        clerk: Caller, path: str, member: str, kind: str) -> None:
    body = {"customer_code": "ACME", "branch_code": "BER", member: "NOPE"}

    response = clerk.post(path, json=body)

    assert culprits(response) == [(f"#/{member}", f"no {kind} 'NOPE'")]


def test_an_unknown_warehouse_of_a_goods_issue_is_422_at_warehouse_code(
        clerk: Caller, draft_order: dict[str, Any]) -> None:
    clerk.post(f"/sales-orders/{draft_order['number']}/confirm")

    response = clerk.post(f"/sales-orders/{draft_order['number']}/goods-issues", json={
        "warehouse_code": "NOPE", "lines": [{"line_id": draft_order["lines"][0]["id"], "quantity": "1"}]})

    assert culprits(response) == [("#/warehouse_code", "no warehouse 'NOPE'")]


def test_an_unknown_branch_of_a_new_warehouse_is_422_at_branch_code(admin: Caller) -> None:
    response = admin.post("/warehouses", json={"code": "HAM-1", "name": "Hamburg", "branch_code": "HAM"})

    assert culprits(response) == [("#/branch_code", "no branch 'HAM'")]


def test_an_order_discount_given_with_the_order_to_clear_it_is_refused_naming_both(clerk: Caller) -> None:
    quotation = clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "BER"}).get_json()

    response = clerk.patch(f"/quotations/{quotation['number']}", json={
        "order_discount": {"kind": "percent", "value": "5"}, "clear_order_discount": True})

    detail = "give an order_discount or clear it, not both"
    assert culprits(response) == [("#/order_discount", detail), ("#/clear_order_discount", detail)]
    assert clerk.get(f"/quotations/{quotation['number']}").get_json()["order_discount"] is None


@pytest.mark.parametrize("path", ["/quotations", "/sales-orders"])
def test_a_line_discount_given_with_the_order_to_clear_it_is_refused_naming_both(clerk: Caller, path: str) -> None:
    document = clerk.post(path, json={"customer_code": "ACME", "branch_code": "BER",
                                      "lines": [{"sku": "DESK", "quantity": "2"}]}).get_json()

    response = clerk.patch(f"{path}/{document['number']}/lines/{document['lines'][0]['id']}", json={
        "discount": {"kind": "amount", "value": "5"}, "clear_discount": True})

    detail = "give a discount or clear it, not both"
    assert culprits(response) == [("#/discount", detail), ("#/clear_discount", detail)]
