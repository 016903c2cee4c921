"""The API served by gunicorn on SQLite, over real HTTP: the sales flow, idempotent retries, and schemathesis."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from typing import Any

import pytest

from .conftest import BIN, LiveServer

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
          "response_schema_conformance,negative_data_rejection")


def call(server: LiveServer, method: str, path: str, body: object = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{server.url}/api/v1{path}", data=data, method=method, headers={
        "Authorization": f"Bearer {server.secret}", "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_a_retried_order_over_the_wire_is_created_once_and_confirmed(live_server: LiveServer) -> None:
    body = {"customer_code": "CUST-001", "branch_code": "BER", "lines": [{"sku": "DESK-OAK", "quantity": "1"}]}
    key = {"Idempotency-Key": "live-order-1"}
    status, headers, order = call(live_server, "POST", "/sales-orders", body, key)

    retry = call(live_server, "POST", "/sales-orders", body, key)
    confirmed = call(live_server, "POST", f"/sales-orders/{order['number']}/confirm")

    assert status == 201
    assert headers["Location"] == f"/api/v1/sales-orders/{order['number']}"
    assert (retry[0], retry[1]["Idempotent-Replayed"], retry[2]) == (201, "true", order)
    assert (confirmed[0], confirmed[2]["status"]) == (200, "confirmed")


def test_a_request_without_a_token_gets_a_problem_document(live_server: LiveServer) -> None:
    request = urllib.request.Request(f"{live_server.url}/api/v1/sales-orders")

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)

    assert (refused.value.code, refused.value.headers["Content-Type"]) == (401, "application/problem+json")


def test_the_index_and_the_readiness_check_answer_over_the_wire_with_the_request_id(
        live_server: LiveServer) -> None:
    from oms.adapters.sql import head_revision

    request = urllib.request.Request(f"{live_server.url}/readyz", headers={"X-Request-Id": "live-ready"})
    with urllib.request.urlopen(request, timeout=10) as response:
        ready = (response.status, response.headers["X-Request-Id"], json.loads(response.read()))
    with urllib.request.urlopen(f"{live_server.url}/api/v1", timeout=10) as response:
        index = json.loads(response.read())

    assert ready == (200, "live-ready", {"status": "ready", "database": "sqlite", "revision": head_revision()})
    assert index["links"]["openapi"] == "/api/v1/openapi.json"


def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server: LiveServer) -> None:
    result = subprocess.run(
        [str(BIN / "schemathesis"), "run", f"{live_server.url}/api/v1/openapi.json", "--url", live_server.url,
         "-H", f"Authorization: Bearer {live_server.secret}", "--checks", CHECKS, "--max-examples", "10",
         "--seed", "1", "--phases", "examples,coverage,fuzzing", "--workers", "1", "--no-shrink"],
        capture_output=True, text=True, timeout=400)

    summary = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    first_failure = max(result.stdout.find("____"), 0)  # each failure's curl comes before the long summary
    assert result.returncode == 0, result.stdout[first_failure:first_failure + 6000]
    assert summary is not None, result.stdout[-3000:]
    assert summary.group(1) == summary.group(2)
    assert int(summary.group(1)) > 1000
