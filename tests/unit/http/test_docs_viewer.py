"""The documentation a person browses at /api/v1/docs: Swagger UI from the installed package, nothing from the net."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from oms.entrypoints.http import create_app


@pytest.fixture
def browser() -> FlaskClient:
    """A plain client: these pages are HTML and JavaScript, not the API's JSON the checking client expects."""
    app: Flask = create_app()
    return app.test_client()


def _references(text: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', text)


def test_the_docs_page_runs_swagger_ui_on_this_apis_document_without_a_token(browser: FlaskClient) -> None:
    page = browser.get("/api/v1/docs")
    start = browser.get("/api/v1/docs/start.js")

    assert (page.status_code, page.mimetype) == (200, "text/html")
    assert "/api/v1/docs/start.js" in _references(page.get_data(as_text=True))
    assert 'url: "/api/v1/openapi.json"' in start.get_data(as_text=True)
    assert "validatorUrl: null" in start.get_data(as_text=True)  # else Swagger UI sends the document away


def test_the_docs_page_names_no_other_host_and_every_file_it_references_is_served(browser: FlaskClient) -> None:
    page = browser.get("/api/v1/docs").get_data(as_text=True)
    start = browser.get("/api/v1/docs/start.js").get_data(as_text=True)

    references = _references(page)

    assert "//" not in page.replace("<!DOCTYPE", "")
    assert "//" not in start.replace("// Swagger UI", "")
    assert len(references) == 5
    for reference in references:
        assert reference.startswith("/api/v1/docs/"), reference
        assert browser.get(reference).status_code == 200, reference


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_usual_guesses_lead_to_the_docs(browser: FlaskClient, path: str) -> None:
    response = browser.get(path)

    assert (response.status_code, response.headers["Location"]) == (302, "/api/v1/docs")


def test_a_missing_file_of_the_viewer_is_a_plain_404_and_nothing_outside_its_directory_is_served(
        browser: FlaskClient) -> None:
    missing = browser.get("/api/v1/docs/static/nothing.js")
    outside = browser.get("/api/v1/docs/static/../../app.py")

    assert (missing.status_code, missing.mimetype) == (404, "text/plain")
    assert outside.status_code == 404


def test_the_docs_page_is_logged_and_gets_a_request_id_like_any_request(browser: FlaskClient) -> None:
    response = browser.get("/api/v1/docs", headers={"X-Request-Id": "docs-1"})

    assert response.headers["X-Request-Id"] == "docs-1"
