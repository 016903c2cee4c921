"""The open endpoints (the index at /api/v1, /healthz, /readyz), and a log line and an id for every request."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import oms
from oms.entrypoints.http import create_app
from oms.entrypoints.http.testing import Caller

MakeClient = Callable[[Flask, bool], FlaskClient]  # True: it may answer 5xx (still checked against the document)


@pytest.mark.parametrize("path", ["/api/v1", "/api/v1/"])
def test_the_api_index_links_to_the_openapi_document_and_the_checks(client: Any, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.get_json() == {"name": "oms", "version": version("oms"), "links": {
        "openapi": "/api/v1/openapi.json", "docs": "/api/v1/docs", "health": "/healthz", "readiness": "/readyz"}}
    for name, link in response.get_json()["links"].items():
        followed = FlaskClient(client.application) if name == "docs" else client  # a page, not the API JSON
        assert followed.get(link).status_code == 200


def test_a_system_in_memory_is_ready(client: Any) -> None:
    response = client.get("/readyz")

    assert (response.status_code, response.get_json()) == (200, {"status": "ready", "database": "memory",
                                                                 "revision": None})


def test_readiness_is_a_503_problem_that_says_what_to_do_when_the_database_is_not_migrated(
        system: oms.OrderManagement, client_for: MakeClient) -> None:
    from oms.entrypoints.readiness import DatabaseState

    app = create_app(system, readiness=lambda: DatabaseState(backend="postgresql", revision=None, head="r0003"))

    response = client_for(app, True).get("/readyz")
    health = client_for(app, False).get("/healthz")

    assert (response.status_code, response.mimetype) == (503, "application/problem+json")
    assert response.get_json()["type"] == "urn:oms:problem:not-ready"
    assert response.get_json()["detail"] == ("the database is not migrated (this oms needs revision r0003): "
                                             "run `oms db upgrade`")
    assert health.status_code == 200


def test_readiness_is_a_503_problem_when_the_database_does_not_answer(system: oms.OrderManagement,
                                                                      client_for: MakeClient) -> None:
    from oms.entrypoints.readiness import DatabaseState

    def unreachable() -> DatabaseState:
        raise ConnectionRefusedError("connection refused")

    response = client_for(create_app(system, readiness=unreachable), True).get("/readyz")

    assert response.status_code == 503
    assert response.get_json()["detail"] == "the database does not answer: ConnectionRefusedError: connection refused"


def test_every_request_is_logged_once_with_method_path_status_duration_and_request_id(
        viewer: Caller, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="oms.requests"):
        response = viewer.get("/products/DESK")

    [record] = [r for r in caplog.records if r.name == "oms.requests"]
    fields = {name: getattr(record, name) for name in ("method", "path", "status", "request_id", "duration_ms")}
    assert fields == {"method": "GET", "path": "/api/v1/products/DESK", "status": 200,
                      "request_id": response.headers["X-Request-Id"], "duration_ms": fields["duration_ms"]}
    assert isinstance(fields["duration_ms"], float)
    assert fields["duration_ms"] >= 0
    assert record.getMessage().startswith("GET /api/v1/products/DESK 200 ")
    assert record.levelno == logging.INFO


def test_a_request_keeps_the_id_its_client_sent(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="oms.requests"):
        response = client.get("/healthz", headers={"X-Request-Id": "shop-7f3a:42"})

    assert response.headers["X-Request-Id"] == "shop-7f3a:42"
    assert [getattr(r, "request_id", None) for r in caplog.records if r.name == "oms.requests"] == ["shop-7f3a:42"]


@pytest.mark.parametrize("sent", [None, "", "x" * 129, "two words", "semi;colon"])
def test_a_request_without_a_usable_id_gets_a_new_one(client: Any, sent: str | None) -> None:
    headers = {} if sent is None else {"X-Request-Id": sent}

    first, second = client.get("/healthz", headers=headers), client.get("/healthz", headers=headers)

    assert len(first.headers["X-Request-Id"]) == 32
    assert first.headers["X-Request-Id"] != second.headers["X-Request-Id"]


def test_an_unknown_url_and_a_refused_call_are_logged_with_their_status(
        anonymous: Caller, client: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="oms.requests"):
        client.get("/nothing-here")
        anonymous.get("/sales-orders")

    assert [(getattr(r, "path", None), getattr(r, "status", None)) for r in caplog.records
            if r.name == "oms.requests"] == [
        ("/nothing-here", 404), ("/api/v1/sales-orders", 401)]
