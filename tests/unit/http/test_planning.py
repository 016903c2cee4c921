"""Purchase planning over HTTP: reorder rules set by managers, what to buy read by viewers, the day's proposal
prepared once."""

from __future__ import annotations

from flask import Flask

from oms.domain.masterdata.suppliers import Supplier
from oms.entrypoints.http.testing import Caller


def test_a_manager_sets_a_rule_and_what_to_buy_proposes_up_to_its_maximum(manager: Caller, viewer: Caller) -> None:
    created = manager.post("/reorder-rules", json={"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10",
                                                   "maximum": "40", "multiple": "6"})
    rule = created.get_json()

    assert created.status_code == 200, rule
    assert (rule["sku"], rule["minimum"], rule["maximum"], rule["multiple"], rule["active"]) == (
        "DESK", "10", "40", "6", True)
    assert viewer.get(f"/reorder-rules/{rule['id']}").get_json() == rule
    assert viewer.get("/reorder-rules").get_json()["items"] == [rule]
    [line] = viewer.get("/what-to-buy").get_json()["lines"]
    assert (line["sku"], line["warehouse_code"], line["available"], line["projected"], line["quantity"],
            line["supplier_code"]) == ("DESK", "BER-1", "5", "5", "36", None)


def test_a_viewer_or_clerk_cannot_set_a_rule_and_a_bad_one_is_refused_naming_the_field(
        manager: Caller, clerk: Caller) -> None:
    body = {"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10", "maximum": "4"}

    assert clerk.post("/reorder-rules", json=body).status_code == 403
    refused = manager.post("/reorder-rules", json=body)
    unknown = manager.post("/reorder-rules", json={**body, "maximum": "40", "warehouse_code": "NOPE"})

    assert refused.status_code == 422
    assert {error["pointer"] for error in refused.get_json()["errors"]} == {"#/maximum", "#/minimum"}
    assert unknown.status_code == 422
    assert "warehouse_code" in unknown.get_data(as_text=True)
    assert manager.get("/reorder-rules").get_json()["items"] == []


def test_the_days_proposal_is_prepared_once_and_read_by_its_day(manager: Caller, viewer: Caller) -> None:
    manager.post("/reorder-rules", json={"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10",
                                         "maximum": "40"})

    first = manager.post("/purchase-proposals", json={})
    manager.post("/reorder-rules", json={"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10",
                                         "maximum": "90"})
    second = manager.post("/purchase-proposals", json={})

    assert first.status_code == second.status_code == 200
    assert first.get_json() == second.get_json()
    assert first.get_json()["day"] == "2026-03-02"
    assert [line["quantity"] for line in first.get_json()["lines"]] == ["35"]
    assert viewer.get("/purchase-proposals/2026-03-02").get_json() == first.get_json()
    assert viewer.get("/purchase-proposals/latest").get_json() == first.get_json()
    assert viewer.get("/purchase-proposals/2026-03-01").status_code == 404
    assert viewer.get("/purchase-proposals/yesterday").status_code == 422
    assert viewer.get("/what-to-buy?day=2026-02-31").status_code == 400


def test_picked_lines_of_the_prepared_proposal_become_draft_purchase_orders(manager: Caller, clerk: Caller) -> None:
    manager.post("/reorder-rules", json={"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10",
                                         "maximum": "40"})
    manager.post("/purchase-proposals", json={})
    picks = {"picks": [{"sku": "DESK", "warehouse_code": "BER-1"}]}

    assert clerk.post("/purchase-proposals/orders", json=picks).status_code == 403
    refused = manager.post("/purchase-proposals/orders", json=picks)  # nobody sells desks here
    unknown = manager.post("/purchase-proposals/orders", json={"picks": [{"sku": "BOOK",
                                                                          "warehouse_code": "BER-1"}]})

    assert refused.status_code == 409
    assert "ProposalLineMustHaveSupplier" in refused.get_data(as_text=True)
    assert unknown.status_code == 422
    assert "/picks/0" in unknown.get_data(as_text=True)
    assert manager.get("/purchase-proposals/latest").get_json()["lines"][0]["purchase_order"] is None


def test_picked_lines_become_a_request_for_quotation_to_the_suppliers_named(manager: Caller, app: Flask) -> None:
    system = app.extensions["oms"].system
    with system.bus.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.commit()
    manager.post("/reorder-rules", json={"sku": "DESK", "warehouse_code": "BER-1", "minimum": "10",
                                         "maximum": "40"})
    manager.post("/purchase-proposals", json={})

    made = manager.post("/purchase-proposals/rfqs", json={"picks": [{"sku": "DESK", "warehouse_code": "BER-1"}],
                                                          "suppliers": ["BOLT"]})
    again = manager.post("/purchase-proposals/rfqs", json={"picks": [{"sku": "DESK", "warehouse_code": "BER-1"}],
                                                           "suppliers": ["BOLT"]})

    assert made.status_code == 201, made.get_json()
    [line] = made.get_json()["lines"]
    assert line["rfq"] is not None
    assert again.status_code == 409
