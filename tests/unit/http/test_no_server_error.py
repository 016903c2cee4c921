"""No input produces a 500: arbitrary JSON bodies and query strings against every operation get a documented 4xx
or a success (each response is also checked against the OpenAPI document by the test client)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oms.entrypoints.http import create_app
from oms.entrypoints.http.testing import Caller

DOCUMENT = create_app().extensions["oms"].openapi
FIELDS = sorted({name for schema in DOCUMENT["components"]["schemas"].values()
                 for name in schema.get("properties", {})})
OPERATIONS = [(method.upper(), path) for path, item in DOCUMENT["paths"].items() for method in item]

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.sampled_from(["DESK", "BER", "BER-1", "ACME", "SO-000001", "Q-000001", "1", "-1", "0.5", "percent"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from([*FIELDS, "x"]), inner, max_size=4), max_leaves=12)
bodies = st.dictionaries(st.sampled_from([*FIELDS, "x"]), json_values, max_size=6) | json_values


def concrete(path: str, ref: str) -> str:
    return re.sub(r"\{\w+\}", ref, path)


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op[0] in ("POST", "PUT", "PATCH")])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, ref=st.sampled_from(["SO-000001", "Q-000001", "DESK", "nope"]))
def test_no_json_body_gets_a_server_error(admin: Caller, draft_order: dict[str, Any], method: str, path: str,
                                          body: object, ref: str) -> None:
    response = admin.client.open(concrete(path, ref), method=method, json=body,
                                 headers={"Authorization": f"Bearer {admin.secret}"})

    assert response.status_code < 500


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op[0] == "GET"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["status", "customer", "limit", "cursor", "created_from", "sku",
                                              "warehouse", "order", "x"]), st.text(max_size=30), max_size=3))
def test_no_query_string_gets_a_server_error(viewer: Caller, draft_order: dict[str, Any], method: str, path: str,
                                            query: dict[str, str]) -> None:
    response = viewer.client.get(concrete(path, "SO-000001"), query_string=query,
                                 headers={"Authorization": f"Bearer {viewer.secret}"})

    assert response.status_code < 500
