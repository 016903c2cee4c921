"""Path and query parameters with control characters, or bytes that are not UTF-8, are refused with 400 naming them.

They never reach the application, so every backend answers alike (PostgreSQL used to fail on a NUL with a 500:
tests/integration/http/test_identifiers_on_postgres.py). Identifier fields of bodies refuse control characters too;
free-text fields keep taking what they took.
"""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.test import TestResponse

from oms.entrypoints.http.testing import Caller

# (path with {} where the parameter goes, the parameter's name)
GET_PATHS = [
    ("/quotations/{}", "ref"),
    ("/quotations/{}/events", "ref"),
    ("/sales-orders/{}", "ref"),
    ("/sales-orders/{}/events", "ref"),
    ("/products/{}", "sku"),
    ("/products/{}/stock", "sku"),
    ("/customers/{}", "code"),
    ("/branches/{}", "code"),
    ("/warehouses/{}", "code"),
]
# percent-encoded: NUL, SOH, DEL, a C1 control (U+009F), a lone surrogate (U+D800 as UTF-8 would spell it)
UNFIT = {"NUL": "%00", "SOH": "%01", "DEL": "%7F", "APC": "%C2%9F", "lone surrogate": "%ED%A0%80"}


def refused_parameter(response: TestResponse) -> dict[str, Any]:
    """The one offending parameter named by a 400 malformed-request problem."""
    problem: dict[str, Any] = response.get_json()
    assert (response.status_code, response.mimetype) == (400, "application/problem+json"), problem
    assert problem["type"] == "urn:oms:problem:malformed-request"
    [culprit] = problem["errors"]
    return dict(culprit)


@pytest.mark.parametrize("unfit", UNFIT.values(), ids=UNFIT.keys())
@pytest.mark.parametrize(("path", "parameter"), GET_PATHS, ids=[path for path, _ in GET_PATHS])
def test_a_path_parameter_with_a_control_character_or_not_utf8_gets_400_naming_it(
        viewer: Caller, path: str, parameter: str, unfit: str) -> None:
    response = viewer.get(path.format(f"X{unfit}Y"))

    assert refused_parameter(response)["parameter"] == parameter


def test_confirming_an_order_whose_reference_has_a_nul_gets_400_naming_the_path_parameter(clerk: Caller) -> None:
    response = clerk.post("/sales-orders/%00/confirm", json={})

    assert refused_parameter(response) == {"detail": "must not contain control characters", "parameter": "ref"}


def test_a_second_path_parameter_is_named_when_it_is_the_unfit_one(
        clerk: Caller, draft_order: dict[str, Any]) -> None:
    response = clerk.patch(f"/sales-orders/{draft_order['number']}/lines/line%7F1", json={"quantity": "2"})

    assert refused_parameter(response) == {"detail": "must not contain control characters", "parameter": "line_id"}


def test_a_path_parameter_that_is_not_utf8_is_refused_as_such(viewer: Caller) -> None:
    response = viewer.get("/products/%ED%A0%80")

    assert refused_parameter(response) == {"detail": "must be UTF-8 text", "parameter": "sku"}


def test_a_printable_identifier_beyond_ascii_still_reaches_the_lookup(viewer: Caller) -> None:
    response = viewer.get("/products/%C3%9C%EF%BF%BD")  # "Ü" and U+FFFD itself, sent as valid UTF-8

    assert response.status_code == 404


@pytest.mark.parametrize(("path", "parameter"), [
    ("/sales-orders?customer=AC%00ME", "customer"),
    ("/quotations?branch=%01", "branch"),
    ("/stock/movements?sku=DESK%7F", "sku"),
    ("/stock/movements?warehouse=%C2%85", "warehouse"),
    ("/sales-orders?customer=%ED%A0%80", "customer"),
])
def test_a_query_parameter_with_a_control_character_or_not_utf8_gets_400_naming_it(
        viewer: Caller, path: str, parameter: str) -> None:
    response = viewer.get(path)

    assert refused_parameter(response)["parameter"] == parameter


def test_an_identifier_field_of_a_body_refuses_control_characters_wherever_it_is(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={"customer_code": "AC\u0001ME", "branch_code": "BER",
                                                 "lines": [{"sku": "DE\u007fSK", "quantity": "1"}]})

    problem = response.get_json()
    assert (response.status_code, problem["type"]) == (422, "urn:oms:problem:invalid-input")
    assert problem["errors"] == [
        {"pointer": "#/customer_code", "detail": "must not contain control characters"},
        {"pointer": "#/lines/0/sku", "detail": "must not contain control characters"}]


def test_free_text_fields_of_a_body_still_take_tabs_newlines_and_other_controls(clerk: Caller) -> None:
    response = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER",
                                                 "customer_reference": "PO 7\tline 1\nline 2\u0085"})

    assert response.status_code == 201
    assert response.get_json()["customer_reference"] == "PO 7\tline 1\nline 2\u0085"
