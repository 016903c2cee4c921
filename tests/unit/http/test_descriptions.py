"""Every field and parameter of the OpenAPI document says what it means, and the table holds nothing unused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask

from oms.entrypoints.http.descriptions import BY_SCHEMA, FIELDS, PARAMETERS


def _properties(node: Any, where: str = "#") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, name, schema) of every property of every object schema anywhere in the document."""
    if isinstance(node, dict):
        for name, schema in node.get("properties", {}).items():
            yield where, name, schema
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


def _parameters(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                yield f"{method.upper()} {path}", parameter


def test_every_property_of_every_schema_has_a_description(app: Flask) -> None:
    document = app.extensions["oms"].openapi

    undescribed = [f"{where}: {name}" for where, name, schema in _properties(document)
                   if not schema.get("description")]

    assert undescribed == [], "describe them in oms/entrypoints/http/descriptions.py"


def test_every_path_query_and_header_parameter_has_a_description(app: Flask) -> None:
    document = app.extensions["oms"].openapi

    undescribed = [f"{where}: {p['name']}" for where, p in _parameters(document) if not p.get("description")]

    assert undescribed == [], "describe them in PARAMETERS of oms/entrypoints/http/descriptions.py"


def test_the_description_of_a_field_comes_before_what_its_type_says(app: Flask) -> None:
    schemas = app.extensions["oms"].openapi["components"]["schemas"]

    quantity = schemas["AdjustStockRequest"]["properties"]["quantity"]["description"]

    assert quantity.startswith("The correction, signed")
    assert "JSON numbers are refused" in quantity


def test_every_entry_of_the_descriptions_table_is_used(app: Flask) -> None:
    document = app.extensions["oms"].openapi
    properties = {(where.rsplit("/", 1)[-1], name) for where, name, _ in _properties(document)}
    parameters = {p["name"] for _, p in _parameters(document)}

    unused_fields = sorted(set(FIELDS) - {name for _, name in properties})
    unused_by_schema = sorted(key for key in BY_SCHEMA if key not in properties)
    unused_parameters = sorted(set(PARAMETERS) - parameters)

    assert (unused_fields, unused_by_schema, unused_parameters) == ([], [], [])
