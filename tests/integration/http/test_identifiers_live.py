"""Unfit path and query parameters sent to gunicorn and to `oms serve`: 400 naming them, however each server hands
the URL's bytes on (the test client of the unit tests decodes them before the app sees them)."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from .conftest import LiveServer


def get(server: LiveServer, target: bytes) -> tuple[int, dict[str, object]]:
    """GET `target` (a request target, sent byte for byte) with the admin token."""
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    try:
        connection.putrequest("GET", target.decode("latin-1"), skip_accept_encoding=True)
        connection.putheader("Authorization", f"Bearer {server.secret}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


@pytest.mark.parametrize(("target", "parameter", "detail"), [
    (b"/api/v1/quotations/%00", "ref", "must not contain control characters"),
    (b"/api/v1/products/D%7FSK/stock", "sku", "must not contain control characters"),
    (b"/api/v1/customers/%ED%A0%80", "code", "must be UTF-8 text"),
    (b"/api/v1/sales-orders?customer=%01", "customer", "must not contain control characters"),
    (b"/api/v1/sales-orders?customer=%ED%A0%80", "customer", "must be UTF-8 text"),
], ids=["NUL in a path", "DEL in a path", "lone surrogate in a path", "SOH in a query", "lone surrogate in a query"])
def test_an_unfit_parameter_gets_400_naming_it_on_both_servers(
        server: LiveServer, target: bytes, parameter: str, detail: str) -> None:
    status, problem = get(server, target)

    assert (status, problem["type"], problem["errors"]) == (
        400, "urn:oms:problem:malformed-request", [{"detail": detail, "parameter": parameter}])
