"""The body limit counts the bytes received: a streamed body over it gets 413 and runs nothing, like a sized one.

Streamed is how gunicorn hands a chunked body on: no Content-Length, its end marked by the server. The same over real
HTTP to gunicorn and waitress: tests/integration/http/test_body_limit.py.
"""

from __future__ import annotations

import io
import json

from werkzeug.test import TestResponse

from oms.entrypoints.http.testing import Caller

LIMIT = 64 * 1024  # the test app's
ORDER = {"customer_code": "ACME", "branch_code": "BER", "lines": [{"sku": "DESK", "quantity": "1"}]}


def post_streamed(clerk: Caller, body: bytes) -> TestResponse:
    """POST /sales-orders as a WSGI server hands a chunked body on: decoded, unsized, ended by the server."""
    return clerk.post("/sales-orders", input_stream=io.BytesIO(body),
                      headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                      environ_overrides={"wsgi.input_terminated": True})


def order_count(clerk: Caller) -> int:
    return len(clerk.get("/sales-orders?limit=500").get_json()["items"])


def test_a_streamed_body_of_valid_json_padded_past_the_limit_gets_413_and_creates_nothing(clerk: Caller) -> None:
    before = order_count(clerk)

    response = post_streamed(clerk, json.dumps(ORDER).encode() + b" " * 2 * LIMIT)

    assert (response.status_code, response.get_json()["type"]) == (413, "urn:oms:problem:payload-too-large")
    assert order_count(clerk) == before


def test_a_streamed_body_with_a_string_past_the_limit_gets_413_not_a_complaint_about_its_json(clerk: Caller) -> None:
    response = post_streamed(clerk, json.dumps({**ORDER, "customer_reference": "x" * 2 * LIMIT}).encode())

    assert (response.status_code, response.get_json()["type"]) == (413, "urn:oms:problem:payload-too-large")


def test_a_streamed_body_of_exactly_the_limit_is_read_whole_and_served(clerk: Caller) -> None:
    order = json.dumps({**ORDER, "customer_reference": "streamed"}).encode()
    before = order_count(clerk)

    response = post_streamed(clerk, order + b" " * (LIMIT - len(order)))

    assert (response.status_code, response.get_json()["customer_reference"]) == (201, "streamed")
    assert order_count(clerk) == before + 1


def test_a_streamed_body_one_byte_over_the_limit_gets_413(clerk: Caller) -> None:
    order = json.dumps(ORDER).encode()

    response = post_streamed(clerk, order + b" " * (LIMIT + 1 - len(order)))

    assert response.status_code == 413
