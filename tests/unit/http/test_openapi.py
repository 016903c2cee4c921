"""The OpenAPI document: valid OpenAPI 3.1, open to all, and describing exactly the routes the app serves."""

from __future__ import annotations

from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from oms.domain.event_types import EVENT_TYPES
from oms.entrypoints.http.testing import Caller


def test_the_document_is_valid_openapi_3_1_and_served_without_a_token(anonymous: Caller, app: Flask) -> None:
    response = anonymous.get("/openapi.json")

    document = response.get_json()
    assert response.status_code == 200
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert document == app.extensions["oms"].openapi


def test_every_route_of_the_app_is_documented_and_every_documented_operation_is_served(app: Flask) -> None:
    document: dict[str, Any] = app.extensions["oms"].openapi
    served = {(rule.rule.replace("<", "{").replace(">", "}"), method.lower())
              for rule in app.url_map.iter_rules()
              if rule.endpoint not in ("static", "root")
              and not rule.endpoint.startswith(("docs.", "console.", "shop."))  # pages for people, not the API
              for method in rule.methods or () if method not in ("HEAD", "OPTIONS")}

    documented = {(path, method) for path, item in document["paths"].items() for method in item}

    assert served == documented
    # 50; the imports and the two jobs that had no route; the index (twice) and /readyz; a customer's update;
    # low stock and the overview
    assert len(documented) == 234  # + invoices: create, post, credit, delete, show, and an order's billing;
    # + the invoices listed, and an invoice as a document in HTML and in PDF
    # + payments: record, allocate, unallocate, show, list; statement; ageing
    # + returns (authorise, receive) and the stock valuation
    # + the books: 7 reads (chart, lock date, an account, its ledger, trial balance, entries, an entry) and 6
    # actions (account create, update, delete; map, lock, post); + crediting an order's returned goods
    # + webhooks: 5 reads (list, show, a webhook's deliveries, all deliveries, resend) and 5 actions
    # + the global event feed
    # + suppliers: 7 reads (list, show, a product's prices, a purchase price, the preferred supplier, the rates, the
    # rate of a day) and 6 actions (supplier create, update, deactivate, set and remove a price; set a rate)
    # + purchase orders: 4 reads (list, show, events, a branch's procurement settings) and 13 actions
    # + vendor bills: 5 reads (bills, a bill, supplier payments, a payment, an order's billing) and 10 actions
    # + the imports of suppliers, supplier prices and exchange rates
    # + requests for quotation: 3 reads (list, show, comparison) and 7 actions
    # + purchase planning: 4 reads (reorder rules, a rule, what to buy, a day's proposal) and 4 actions (set, prepare,
    # order, request)
    # + production: 7 reads (BOMs, a BOM, its revisions, work orders, a work order, service orders, a service order)
    # and 22 actions (BOM create, activate; work order create, release, reserve, transfer, output, close, cancel;
    # service order create, schedule, start, finish, cancel, log, approve, update and remove labour, add and reach a
    # milestone; a sales order line made to order, and given its service order); + a service order invoiced
    # + subscriptions: 4 reads (plans, a plan, subscriptions, a subscription) and 9 actions (plan create; subscribe,
    # quantity, plan, pause, resume, cancel, resolve, renew) and 3 of charging them (payment method, dun, a charge's
    # outcome); + their measures (MRR, ARR and a month's movements)
    # + carts: 4 reads (the follow-up, the recovery rate, a cart, a branch's cart policy) and 8 actions (open, add,
    # change, remove, contact, sign-in, checkout; set the cart policy)
    # + reports: the catalogue, a report as JSON, as CSV and its chart as SVG and as PNG


def test_every_operation_but_the_open_ones_names_its_role_and_documents_401_and_403(app: Flask) -> None:
    document: dict[str, Any] = app.extensions["oms"].openapi
    operations = [(path, op) for path, item in document["paths"].items() for op in item.values()]

    unprotected = sorted(path for path, op in operations if op.get("security") == [])

    assert unprotected == ["/api/v1", "/api/v1/", "/api/v1/openapi.json", "/healthz", "/readyz"]
    for _, op in operations:
        if op.get("security") != []:
            assert op["x-required-role"] in ("viewer", "clerk", "manager", "admin")
            assert {"401", "403"} <= set(op["responses"])


def test_request_bodies_are_generated_from_the_commands_without_the_fields_the_server_fills(app: Flask) -> None:
    schemas = app.extensions["oms"].openapi["components"]["schemas"]

    confirm, issue = schemas["ConfirmSalesOrderRequest"], schemas["IssueGoodsRequest"]

    assert confirm == {"type": "object", "properties": {}, "additionalProperties": False}
    assert set(issue["properties"]) == {"warehouse_code", "lines"}
    assert issue["required"] == ["warehouse_code", "lines"]
    assert schemas["IssueLineInput"]["properties"]["quantity"]["pattern"] == "^-?[0-9]{1,16}(\\.[0-9]{1,12})?$"


def test_the_health_check_is_open(anonymous: Caller, client: Any) -> None:
    response = client.get("/healthz")

    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


def test_every_event_type_is_a_webhook_with_its_versioned_payload_schema_and_signature_headers(
        anonymous: Caller, clerk: Caller, viewer: Caller) -> None:
    created = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                                "lines": [{"sku": "DESK", "quantity": "2"}]})
    assert created.status_code == 201, created.get_json()
    document = anonymous.get("/openapi.json").get_json()
    items = viewer.get("/events?limit=500").get_json()["items"]

    assert set(document["webhooks"]) == set(EVENT_TYPES)
    for name, cls in EVENT_TYPES.items():
        post = document["webhooks"][name]["post"]
        body = post["requestBody"]["content"]["application/json"]["schema"]
        data = document["components"]["schemas"][f"{name}.v{cls.schema_version}"]
        assert body["properties"]["data"]["$ref"] == f"#/components/schemas/{name}.v{cls.schema_version}"
        assert data["title"] == f"{name}.v{cls.schema_version}"
        assert body["properties"]["version"]["const"] == cls.schema_version
        assert {p["name"] for p in post["parameters"] if p["in"] == "header"} >= {"Oms-Signature", "Oms-Timestamp"}
        assert list(post["responses"]) == ["2XX"]
    for item in items:  # what is published fits the webhook's body, as a receiver gets it
        webhook = document["webhooks"][item["type"]]["post"]["requestBody"]["content"]["application/json"]["schema"]
        envelope = {**webhook, "properties": {**webhook["properties"], "data": document["components"]["schemas"][
            f"{item['type']}.v{item['version']}"]}}
        received = {"id": item["id"], "type": item["type"], "version": item["version"],
                    "occurred_at": item["occurred_at"], "aggregate_id": item["aggregate_id"], "data": item["payload"]}
        Draft202012Validator(envelope, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(received)
    assert {"DocumentCreated", "StatusChanged", "StockReserved"} <= {item["type"] for item in items}
