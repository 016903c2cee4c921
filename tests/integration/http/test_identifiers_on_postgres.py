"""On PostgreSQL, whose text cannot hold a NUL, a NUL in a path or query parameter gets the same 400 as anywhere.

(It used to reach the database and fail there with a 500; the unit tests cover every path on the in-memory app.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from oms.adapters.sql import SqlDatabase
from oms.domain.access.tokens import Role
from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.http.testing import Caller, app_with_tokens

pytestmark = pytest.mark.postgres


@pytest.fixture
def clerk(clean_postgres_url: str) -> Iterator[Caller]:
    """A clerk's client of the API on an empty, migrated PostgreSQL database."""
    database = SqlDatabase.from_url(clean_postgres_url)
    try:
        app, secrets = app_with_tokens(bootstrap(uow_factory=database.unit_of_work), listings=database.listings())
        client: FlaskClient = app.test_client()
        yield Caller(client, secrets[Role.CLERK])
    finally:
        database.dispose()


def culprits(response: Any) -> tuple[int, str, list[dict[str, str]]]:
    problem = response.get_json()
    return response.status_code, problem["type"], problem.get("errors", [])


def test_showing_a_quotation_whose_reference_is_a_nul_gets_400_naming_the_path_parameter(clerk: Caller) -> None:
    response = clerk.get("/quotations/%00")

    assert culprits(response) == (400, "urn:oms:problem:malformed-request",
                                  [{"detail": "must not contain control characters", "parameter": "ref"}])


def test_confirming_an_order_whose_reference_is_a_nul_gets_400_naming_the_path_parameter(clerk: Caller) -> None:
    response = clerk.post("/sales-orders/%00/confirm", json={})

    assert culprits(response) == (400, "urn:oms:problem:malformed-request",
                                  [{"detail": "must not contain control characters", "parameter": "ref"}])


@pytest.mark.parametrize(("path", "parameter"), [("/stock/movements?sku=%00", "sku"),
                                                 ("/products/%01/stock", "sku"),
                                                 ("/sales-orders?customer=%00", "customer")])
def test_other_unfit_parameters_get_the_same_400_on_postgresql(clerk: Caller, path: str, parameter: str) -> None:
    status, kind, errors = culprits(clerk.get(path))

    assert (status, kind, [error["parameter"] for error in errors]) == (
        400, "urn:oms:problem:malformed-request", [parameter])
