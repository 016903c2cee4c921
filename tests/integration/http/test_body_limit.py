"""Bodies over the size limit, chunked or sized, sent to gunicorn and to `oms serve`: 413, and nothing is done.

Over real HTTP to both servers; the answer is a problem document, on a connection that stays usable.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from .conftest import LiveServer

LIMIT = 1024 * 1024  # OMS_HTTP_MAX_BODY_BYTES is not set for either server: the default, 1 MiB
ORDER = {"customer_code": "CUST-001", "branch_code": "BER", "lines": [{"sku": "DESK-OAK", "quantity": "1"}]}
BODIES = {
    "valid JSON then 3 MB of spaces": json.dumps(ORDER).encode() + b" " * 3_000_000,
    "a 2 MB string": json.dumps({**ORDER, "customer_reference": "x" * 2_000_000}).encode(),
}
TOO_LARGE = "urn:oms:problem:payload-too-large"


@pytest.fixture
def connection(server: LiveServer) -> Iterator[http.client.HTTPConnection]:
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


def post_order(connection: http.client.HTTPConnection, server: LiveServer, body: bytes,
               chunked: bool) -> tuple[int, str, Any]:
    """POST /sales-orders with `body`, in chunks of 64 KiB or with its Content-Length; the answer's status, media
    type and JSON."""
    headers = {"Authorization": f"Bearer {server.secret}", "Content-Type": "application/json"}
    if chunked:
        pieces = (body[start:start + 65536] for start in range(0, len(body), 65536))
        connection.request("POST", "/api/v1/sales-orders", body=pieces, encode_chunked=True,
                           headers={**headers, "Transfer-Encoding": "chunked"})
    else:
        connection.request("POST", "/api/v1/sales-orders", body=body, headers=headers)
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type", ""), json.loads(response.read())


def order_count(connection: http.client.HTTPConnection, server: LiveServer) -> int:
    """How many sales orders the server lists, every page of them."""
    count, cursor = 0, None
    while True:
        query = urlencode({"limit": 500, **({"cursor": cursor} if cursor else {})})
        connection.request("GET", f"/api/v1/sales-orders?{query}",
                           headers={"Authorization": f"Bearer {server.secret}"})
        response = connection.getresponse()
        page = json.loads(response.read())
        assert response.status == 200, page
        count += len(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return count


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "content-length"])
def test_a_body_over_the_limit_gets_413_and_creates_nothing_whatever_its_framing(
        server: LiveServer, connection: http.client.HTTPConnection, body: bytes, chunked: bool) -> None:
    before = order_count(connection, server)

    status, media_type, problem = post_order(connection, server, body, chunked)

    assert (status, media_type, problem["type"]) == (413, "application/problem+json", TOO_LARGE)
    assert order_count(connection, server) == before


def test_after_a_413_for_a_chunked_body_the_same_connection_serves_the_next_request(
        server: LiveServer, connection: http.client.HTTPConnection) -> None:
    status, _, _ = post_order(connection, server, BODIES["valid JSON then 3 MB of spaces"], chunked=True)
    refused_on = connection.sock

    order_count(connection, server)

    assert status == 413
    assert connection.sock is refused_on  # not closed, let alone reset: the body was read to its end


def test_a_chunked_body_within_the_limit_is_read_whole_and_served(
        server: LiveServer, connection: http.client.HTTPConnection) -> None:
    body = json.dumps({**ORDER, "customer_reference": "chunked"}).encode() + b" " * (LIMIT - 1000)
    before = order_count(connection, server)

    status, _, order = post_order(connection, server, body, chunked=True)

    assert (status, order["customer_reference"]) == (201, "chunked")
    assert order_count(connection, server) == before + 1
