"""Every operation has an example request and response, recorded from a real run on the demo data, and each fits
the document's schemas."""

from __future__ import annotations

from typing import Any

from flask import Flask

from oms.entrypoints.http.examples import recorded_examples
from oms.entrypoints.http.record_examples import record

REGENERATE = "run `python -m oms.entrypoints.http.record_examples` (after adding the call to example_scenario.py)"


def _operations(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {op["operationId"]: (path, method, op) for path, item in document["paths"].items()
            for method, op in item.items()}


def test_the_recorded_examples_are_what_the_api_answers_today() -> None:
    assert record() == recorded_examples(), REGENERATE


def test_every_operation_has_an_example_response_and_every_body_an_example_request(app: Flask) -> None:
    document = app.extensions["oms"].openapi

    missing = []
    for name, (_, _, op) in _operations(document).items():
        [success] = [r for status, r in op["responses"].items() if status.startswith("2")]
        if "application/json" not in success["content"]:  # a document (HTML, PDF): its test looks at it
            continue
        if "example" not in success["content"]["application/json"]:
            missing.append(f"{name}: response")
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None and _has_properties(document, body["schema"]) and "example" not in body:
            missing.append(f"{name}: request")

    assert missing == [], REGENERATE


def _has_properties(document: dict[str, Any], schema: dict[str, Any]) -> bool:
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return bool(schema.get("properties", True))


def test_every_example_fits_the_schema_of_its_request_and_response(app: Flask, document_schemas: Any) -> None:
    document = app.extensions["oms"].openapi
    checked, escape = document_schemas

    errors = []
    for name, (path, method, op) in _operations(document).items():
        base = f"/paths/{escape(path)}/{method}"
        [(status, success)] = [(s, r) for s, r in op["responses"].items() if s.startswith("2")]
        if "application/json" not in success["content"]:
            continue
        media = success["content"]["application/json"]
        errors += [f"{name} response: {e}" for e in checked.validate(
            f"{base}/responses/{status}/content/application~1json/schema", media["example"])]
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        if "example" in body:
            errors += [f"{name} request: {e}" for e in checked.validate(
                f"{base}/requestBody/content/application~1json/schema", body["example"])]
        for number, parameter in enumerate(op.get("parameters", [])):
            if "example" in parameter:
                errors += [f"{name} {parameter['name']}: {e}" for e in checked.validate(
                    f"{base}/parameters/{number}/schema", parameter["example"])]

    assert errors == []


def test_a_documented_example_shows_a_real_request_of_the_sales_flow(app: Flask) -> None:
    operation = app.extensions["oms"].openapi["paths"]["/api/v1/sales-orders/{ref}/goods-issues"]["post"]

    request = operation["requestBody"]["content"]["application/json"]["example"]
    [success] = [r for status, r in operation["responses"].items() if status.startswith("2")]
    response = success["content"]["application/json"]["example"]

    assert request["warehouse_code"] == "BER-MAIN"
    assert response["status"] == "partially_issued"
    assert response["goods_issues"][0]["number"].startswith("GI-")
    assert [p["example"] for p in operation["parameters"] if p["name"] == "ref"] == [response["number"]]
