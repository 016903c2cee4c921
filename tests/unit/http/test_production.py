"""Production over HTTP (peers.md 2d): the TABLE made from its bill of materials, released, produced in partial
outputs, costed into the books, closed short; a sales order's lines made to order and given their service order;
service hours logged and approved. Refusals answer problem documents naming the rule or the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from oms.entrypoints.http.testing import Caller

D = Decimal
WAREHOUSE = "BER-1"


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def done(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def refused(response: Any, status: int = 409) -> dict[str, Any]:
    assert (response.status_code, response.mimetype) == (status, "application/problem+json"), response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def table_bom(manager: Caller, consumption: str = "strict") -> dict[str, Any]:
    """The TABLE of peers.md 2d: 4 LEG, 1 TOP, 8 SCREW (5 % scrap), half an hour of assembly at 30.00."""
    return created(manager.post("/boms", json={
        "sku": "TABLE", "consumption": consumption,
        "components": [{"sku": "LEG", "quantity": "4"}, {"sku": "TOP", "quantity": "1"},
                       {"sku": "SCREW", "quantity": "8", "scrap_percent": "5"}],
        "operations": [{"name": "Assemble", "hours": "0.5", "rate": "30.00"}]}))


@pytest.fixture
def plant(manager: Caller) -> Caller:
    """50 LEG at 5.00, 8 TOP at 40.00 and 1,000 SCREW at 0.10 in BER-1, and the TABLE's BOM; answers the manager."""
    for sku, cost, stock in (("LEG", "5.00", "50"), ("TOP", "40.00", "8"), ("SCREW", "0.10", "1000")):
        created(manager.post("/products", json={"sku": sku, "name": sku.title(), "price": "1.00", "currency": "EUR"}))
        created(manager.post("/stock/receipts", json={"sku": sku, "warehouse_code": WAREHOUSE, "quantity": stock,
                                                      "unit_cost": cost}))
    created(manager.post("/products", json={"sku": "TABLE", "name": "Table", "price": "150.00", "currency": "EUR"}))
    table_bom(manager)
    return manager


def released(clerk: Caller, quantity: str = "10", tolerance: str = "0") -> str:
    order = created(clerk.post("/work-orders", json={"sku": "TABLE", "quantity": quantity,
                                                     "warehouse_code": WAREHOUSE, "overproduction_percent": tolerance,
                                                     "release": True}))
    number: str = order["number"]
    return number


def components(order: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """Per component: (required, reserved, missing)."""
    return {c["sku"]: (c["required"], c["reserved"], c["missing"]) for c in order["components"]}


def on_hand(viewer: Caller, sku: str) -> tuple[D, D]:
    """(on hand, reserved) of a product in BER-1."""
    [level] = [level for level in done(viewer.get(f"/products/{sku}/stock"))["items"]
               if level["warehouse_code"] == WAREHOUSE]
    return D(level["on_hand"]), D(level["reserved"])


@pytest.mark.usefixtures("plant")
def test_releasing_10_tables_reserves_40_legs_85_screws_and_the_8_tops_there_are(clerk: Caller,
                                                                                  viewer: Caller) -> None:
    number = released(clerk)

    order = done(viewer.get(f"/work-orders/{number}"))

    assert (order["status"], order["fully_reserved"]) == ("released", False)
    assert components(order) == {"LEG": ("40", "40", "0"), "TOP": ("10", "8", "2"), "SCREW": ("85", "85", "0")}
    assert on_hand(viewer, "LEG") == (D(50), D(40))  # 10 left for others


@pytest.mark.usefixtures("plant")
def test_6_tables_made_cost_75_85_each_and_the_books_stay_equal_to_the_stock(clerk: Caller, viewer: Caller) -> None:
    number = released(clerk)

    order = created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "6"}))

    [output] = order["outputs"]
    valuation = done(viewer.get("/stock/valuation"))
    books = done(viewer.get("/accounting/trial-balance"))
    inventory = next(row for row in books["accounts"] if row["code"] == "1300")
    assert (order["status"], output["reference"], output["quantity"]) == ("in_progress", f"{number}/1", "6")
    assert (output["unit_cost"]["amount"], output["value"]["amount"]) == ("75.85", "455.10")
    assert components(order) == {"LEG": ("40", "16", "0"), "TOP": ("10", "2", "2"), "SCREW": ("85", "34", "0")}
    assert [on_hand(viewer, sku)[0] for sku in ("TABLE", "LEG", "TOP", "SCREW")] == [D(6), D(26), D(2), D(949)]
    assert valuation["totals"] == [inventory["closing"]]


@pytest.mark.usefixtures("plant")
def test_two_partial_outputs_consume_the_screws_cumulatively_51_then_34(clerk: Caller, viewer: Caller) -> None:
    created(clerk.post("/stock/receipts", json={"sku": "TOP", "warehouse_code": WAREHOUSE, "quantity": "2",
                                                "unit_cost": "40.00"}))
    number = released(clerk)

    first = created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "6"}))
    order = created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "4"}))

    def consumed(view: dict[str, Any]) -> dict[str, str]:
        return {c["sku"]: c["consumed"] for c in view["components"]}

    assert (order["status"], order["produced"]) == ("to_close", "10")
    assert consumed(first) == {"LEG": "24", "TOP": "6", "SCREW": "51"}
    assert consumed(order) == {"LEG": "40", "TOP": "10", "SCREW": "85"}  # + 16, 4 and 34: never more than required
    assert on_hand(viewer, "SCREW") == (D(1000) - 85, D(0))


def test_110_transferred_for_100_are_backflushed_99_then_11_never_111(manager: Caller, clerk: Caller) -> None:
    for sku in ("RM", "X"):
        created(manager.post("/products", json={"sku": sku, "name": sku, "price": "1.00", "currency": "EUR"}))
    created(manager.post("/stock/receipts", json={"sku": "RM", "warehouse_code": WAREHOUSE, "quantity": "120",
                                                  "unit_cost": "1.00"}))
    created(manager.post("/boms", json={"sku": "X", "components": [{"sku": "RM", "quantity": "1"}]}))
    number = created(clerk.post("/work-orders", json={"sku": "X", "quantity": "100", "warehouse_code": WAREHOUSE,
                                                      "backflush": "transferred", "release": True}))["number"]
    created(clerk.post(f"/work-orders/{number}/transfers", json={"lines": [{"sku": "RM", "quantity": "110"}]}))

    after_90 = created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "90"}))["components"][0]
    after_100 = created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "10"}))["components"][0]

    assert (after_90["consumed"], after_100["consumed"], after_100["transferred"]) == ("99", "110", "110")


@pytest.mark.parametrize(("consumption", "status", "deviations"), [("strict", 409, None), ("warning", 201, 1),
                                                                    ("flexible", 201, 0)])
@pytest.mark.usefixtures("plant")
def test_26_legs_for_6_tables_are_refused_recorded_or_accepted_by_the_consumption_mode(
        manager: Caller, clerk: Caller, consumption: str, status: int, deviations: int | None) -> None:
    table_bom(manager, consumption)
    number = released(clerk)

    response = clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "6", "consumed": [
        {"sku": "LEG", "quantity": "26"}, {"sku": "TOP", "quantity": "6"}, {"sku": "SCREW", "quantity": "51"}]})

    assert response.status_code == status, response.get_json()
    if deviations is None:
        assert refused(response)["rule"] == "ConsumptionMustMatchBom"
    else:
        assert len(response.get_json()["deviations"]) == deviations


@pytest.mark.usefixtures("plant")
def test_a_tolerance_of_10_percent_accepts_an_eleventh_table_and_refuses_a_twelfth(clerk: Caller) -> None:
    created(clerk.post("/stock/receipts", json={"sku": "TOP", "warehouse_code": WAREHOUSE, "quantity": "4",
                                                "unit_cost": "40.00"}))
    number = released(clerk, tolerance="10")
    created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "11"}))

    twelfth = refused(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "1"}))

    assert (twelfth["type"], twelfth["rule"]) == ("urn:oms:problem:business-rule", "CannotProduceMoreThanTolerated")


@pytest.mark.usefixtures("plant")
def test_no_table_is_made_while_there_is_no_top(clerk: Caller, manager: Caller, viewer: Caller) -> None:
    created(manager.post("/stock/adjustments", json={"sku": "TOP", "warehouse_code": WAREHOUSE, "quantity": "-8",
                                                     "reason": "broken"}))
    number = released(clerk)

    short = refused(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "1"}))

    assert short["rule"] == "ComponentsMustBeAvailable"
    assert on_hand(viewer, "TABLE") == (D(0), D(0))


@pytest.mark.usefixtures("plant")
def test_a_work_order_that_produced_cannot_be_cancelled_and_closing_it_short_releases_its_reservations(
        clerk: Caller, manager: Caller, viewer: Caller) -> None:
    number = released(clerk)
    created(clerk.post(f"/work-orders/{number}/outputs", json={"quantity": "6"}))

    cancel = refused(manager.post(f"/work-orders/{number}/cancel", json={}))
    no_reason = refused(clerk.post(f"/work-orders/{number}/close", json={}), 422)
    closed = done(clerk.post(f"/work-orders/{number}/close", json={"reason": "tops late"}))

    assert cancel["rule"] == "WorkOrderHasProduction"
    assert [e["pointer"] for e in no_reason["errors"]] == ["#/reason"]
    assert (closed["status"], closed["history"][-1]["reason"]) == ("closed_short", "tops late")
    assert [on_hand(viewer, sku)[1] for sku in ("LEG", "TOP", "SCREW")] == [0, 0, 0]
    assert on_hand(viewer, "TABLE") == (D(6), D(0))


@pytest.mark.usefixtures("plant")
def test_a_bom_is_shown_as_a_tree_with_its_kit_exploded_and_its_revisions_listed(manager: Caller,
                                                                                 viewer: Caller) -> None:
    created(manager.post("/products", json={"sku": "LEG-KIT", "name": "Leg kit", "price": "1.00",
                                            "currency": "EUR"}))
    created(manager.post("/boms", json={"sku": "LEG-KIT", "components": [{"sku": "LEG", "quantity": "4"}]}))
    created(manager.post("/boms", json={"sku": "TABLE", "components": [
        {"sku": "LEG-KIT", "quantity": "1", "kind": "phantom"}, {"sku": "TOP", "quantity": "1"}]}))

    tree = done(viewer.get("/boms/TABLE"))
    revisions = done(viewer.get("/boms/TABLE/revisions"))["items"]
    activated = done(manager.post("/boms/TABLE/activate", json={"revision": 1}))
    listed = done(viewer.get("/boms", query_string={"search": "table"}))["items"]

    assert [(n["sku"], n["kind"], [c["sku"] for c in n["components"]]) for n in tree["components"]] == [
        ("LEG-KIT", "phantom", ["LEG"]), ("TOP", "normal", [])]
    assert [(r["revision"], r["active"], r["components"]) for r in revisions] == [(1, False, 3), (2, True, 2)]
    assert (activated["revision"], [c["sku"] for c in activated["components"]]) == (1, ["LEG", "TOP", "SCREW"])
    assert [(row["sku"], row["revision"], row["revisions"]) for row in listed] == [("TABLE", 1, 2)]


@pytest.mark.usefixtures("plant")
def test_a_stocked_subassembly_gets_a_child_work_order_whose_output_the_parent_reserves(
        manager: Caller, clerk: Caller, viewer: Caller) -> None:
    created(manager.post("/products", json={"sku": "LEG-SET", "name": "Leg set", "price": "20.00",
                                            "currency": "EUR"}))
    created(manager.post("/boms", json={"sku": "LEG-SET", "components": [{"sku": "LEG", "quantity": "4"}]}))
    created(manager.post("/boms", json={"sku": "TABLE", "components": [
        {"sku": "LEG-SET", "quantity": "1", "kind": "subassembly"}, {"sku": "TOP", "quantity": "1"}]}))
    parent = released(clerk, "2")

    [child] = done(viewer.get(f"/work-orders/{parent}"))["children"]
    waiting = components(done(viewer.get(f"/work-orders/{parent}")))["LEG-SET"]
    done(clerk.post(f"/work-orders/{child}/release"))
    created(clerk.post(f"/work-orders/{child}/outputs", json={"quantity": "2"}))

    assert waiting == ("2", "0", "2")
    assert components(done(viewer.get(f"/work-orders/{parent}")))["LEG-SET"] == ("2", "2", "0")
    assert done(viewer.get(f"/work-orders/{child}"))["parent_number"] == parent


@pytest.mark.usefixtures("plant")
def test_a_revision_created_inactive_answers_itself_and_leaves_the_active_one_in_use(manager: Caller,
                                                                                    viewer: Caller) -> None:
    created(manager.post("/products", json={"sku": "STOOL", "name": "Stool", "price": "40.00", "currency": "EUR"}))

    first = created(manager.post("/boms", json={"sku": "STOOL", "activate": False,
                                                "components": [{"sku": "LEG", "quantity": "3"}]}))
    second = created(manager.post("/boms", json={"sku": "TABLE", "activate": False,
                                                 "components": [{"sku": "LEG", "quantity": "6"}]}))

    assert (first["sku"], first["revision"], first["active"]) == ("STOOL", 1, False)
    assert (second["revision"], second["active"], [c["quantity"] for c in second["components"]]) == (2, False, ["6"])
    assert done(viewer.get("/boms/TABLE"))["revision"] == 1
    assert refused(viewer.get("/boms/STOOL"), 404)["status"] == 404


@pytest.mark.usefixtures("plant")
def test_an_operation_with_more_decimals_of_hours_than_are_kept_is_refused_naming_it(manager: Caller) -> None:
    problem = refused(manager.post("/boms", json={
        "sku": "TABLE", "components": [{"sku": "LEG", "quantity": "4"}],
        "operations": [{"name": "Assemble", "hours": "0.5", "rate": "30"},
                       {"name": "Sand", "hours": "0.0000001", "rate": "30"}]}), 422)

    assert [error["pointer"] for error in problem["errors"]] == ["#/operations/1/hours"]


@pytest.mark.usefixtures("plant")
def test_a_bom_leading_back_to_its_product_is_refused_naming_the_cycle(manager: Caller) -> None:
    created(manager.post("/products", json={"sku": "LEG-KIT", "name": "Leg kit", "price": "1.00",
                                            "currency": "EUR"}))
    created(manager.post("/boms", json={"sku": "LEG-KIT", "components": [{"sku": "TABLE", "quantity": "1"}]}))

    cycle = refused(manager.post("/boms", json={"sku": "TABLE", "components": [{"sku": "LEG-KIT",
                                                                                "quantity": "1"}]}))

    assert (cycle["rule"], cycle["detail"]) == ("BomMustNotBeCyclic", "TABLE -> LEG-KIT -> TABLE")


@pytest.mark.usefixtures("plant")
def test_a_component_named_by_an_unknown_sku_or_a_scrap_of_100_percent_is_refused_naming_the_field(
        manager: Caller) -> None:
    unknown = refused(manager.post("/boms", json={"sku": "TABLE", "components": [
        {"sku": "LEG", "quantity": "4"}, {"sku": "NOPE", "quantity": "1"}]}), 422)
    scrap = refused(manager.post("/boms", json={"sku": "TABLE", "components": [
        {"sku": "LEG", "quantity": "4", "scrap_percent": "100"}]}), 422)

    assert [e["pointer"] for e in unknown["errors"]] == ["#/components/1/sku"]
    assert [e["pointer"] for e in scrap["errors"]] == ["#/components/0/scrap_percent"]


@pytest.mark.usefixtures("plant")
def test_a_backordered_sales_order_line_made_to_order_reserves_the_tables_as_they_are_made(
        clerk: Caller, viewer: Caller) -> None:
    order = created(clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER",
                                                      "allow_backorder": True, "confirm": True,
                                                      "lines": [{"sku": "TABLE", "quantity": "6"}]}))
    line = order["lines"][0]["id"]

    made = created(clerk.post(f"/sales-orders/{order['number']}/work-orders", json={"line_id": line}))
    created(clerk.post(f"/work-orders/{made['number']}/outputs", json={"quantity": "4"}))

    listed = done(viewer.get("/work-orders", query_string={"sales_order": order["number"]}))["items"]
    assert (made["status"], made["quantity"]) == ("released", "6")
    assert [(row["number"], row["sales_order_number"], row["produced"]) for row in listed] == [
        (made["number"], order["number"], "4")]
    assert on_hand(viewer, "TABLE") == (D(4), D(4))  # the sales order took them as they were made


def test_a_service_line_of_a_confirmed_order_gets_one_service_order_with_its_hours_and_rate(
        clerk: Caller, viewer: Caller) -> None:
    order = created(clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER",
                                                      "confirm": True, "lines": [{"sku": "FIT", "quantity": "10"}]}))
    line = order["lines"][0]["id"]

    service = created(clerk.post(f"/sales-orders/{order['number']}/service-orders", json={"line_id": line}))
    twice = refused(clerk.post(f"/sales-orders/{order['number']}/service-orders", json={"line_id": line}))

    listed = done(viewer.get("/service-orders", query_string={"customer": "ACME"}))["items"]
    assert (service["sku"], service["quantity"], service["unit_price"]["amount"], service["policy"]) == (
        "FIT", "10", "50.00", "delivered_hours")
    assert twice["rule"] == "ServiceOrderExistsForLine"
    assert [(row["number"], row["sales_order_number"], row["customer_code"]) for row in listed] == [
        (service["number"], order["number"], "ACME")]


def test_approved_service_hours_are_to_invoice_an_unbillable_line_is_not_and_deleting_one_lowers_them(
        clerk: Caller, manager: Caller, viewer: Caller) -> None:
    number = created(clerk.post("/service-orders", json={"sku": "FIT", "quantity": "10",
                                                        "customer_code": "ACME"}))["number"]
    done(clerk.post(f"/service-orders/{number}/schedule", json={
        "technician": "Ada", "slot_start": "2026-03-03T08:00:00Z", "slot_end": "2026-03-03T12:00:00Z"}))
    done(clerk.post(f"/service-orders/{number}/start"))
    lines = []
    for day, hours in (("2026-03-03", "4"), ("2026-03-04", "20"), ("2026-03-05", "5")):
        logged = created(clerk.post(f"/service-orders/{number}/labour", json={"person": "Ada", "day": day,
                                                                            "hours": hours}))
        lines.append(logged["labour"][-1]["id"])
        done(manager.post(f"/service-orders/{number}/labour/{lines[-1]}/approve"))

    before = done(viewer.get(f"/service-orders/{number}"))
    done(clerk.patch(f"/service-orders/{number}/labour/{lines[2]}", json={"billable": False}))
    after = done(clerk.delete(f"/service-orders/{number}/labour/{lines[0]}"))
    listed = done(viewer.get("/service-orders", query_string={"technician": "ada"}))["items"]

    assert (before["delivered"], before["invoiced"], before["to_invoice"]) == ("29", "0", "29")
    assert before["amount_to_invoice"]["amount"] == "1450.00"
    assert (after["delivered"], after["to_invoice"], after["amount_to_invoice"]["amount"]) == ("20", "20", "1000.00")
    assert [(row["technician"], row["slot_start"], row["to_invoice"]) for row in listed] == [
        ("Ada", "2026-03-03T08:00:00Z", "20")]


def test_hours_of_a_service_line_invoiced_credited_and_logged_again_leave_29_less_13_to_invoice(
        clerk: Caller, manager: Caller, viewer: Caller) -> None:
    order = created(clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER",
                                                      "confirm": True, "lines": [{"sku": "FIT", "quantity": "10"}]}))
    service = created(clerk.post(f"/sales-orders/{order['number']}/service-orders",
                                 json={"line_id": order["lines"][0]["id"]}))["number"]

    def worked(*hours: str) -> list[str]:
        lines = []
        for day, each in enumerate(hours, start=3):
            logged = created(clerk.post(f"/service-orders/{service}/labour",
                                        json={"person": "Ada", "day": f"2026-03-{day:02}", "hours": each}))
            lines.append(logged["labour"][-1]["id"])
            done(manager.post(f"/service-orders/{service}/labour/{lines[-1]}/approve"))
        return lines

    def invoiced() -> dict[str, Any]:
        draft = created(clerk.post(f"/service-orders/{service}/invoices", json={}))
        return done(manager.post(f"/invoices/{draft['id']}/post"))

    [first_line] = worked("4")
    first = invoiced()
    worked("8", "12")
    second = invoiced()
    note = created(manager.post(f"/invoices/{second['number']}/credit-notes",
                                json={"lines": [{"line": "1", "quantity": "11"}]}))
    done(manager.post(f"/invoices/{note['id']}/post"))
    worked("5")

    view = done(viewer.get(f"/service-orders/{service}"))
    edited = refused(clerk.patch(f"/service-orders/{service}/labour/{first_line}", json={"hours": "3"}))
    again = refused(clerk.post("/invoices", json={"orders": [order["number"]], "lines": [
        {"order": order["number"], "line": "1", "quantity": "1"}]}))

    assert (first["lines"][0]["quantity"], first["lines"][0]["net"]["amount"]) == ("4", "200.00")
    assert second["lines"][0]["quantity"] == "20"
    assert (view["delivered"], view["invoiced"], view["to_invoice"]) == ("29", "13", "16")
    assert view["amount_to_invoice"]["amount"] == "800.00"
    assert edited["rule"] == "InvoicedLabourIsReadOnly"
    assert again["rule"] == "BilledByItsServiceOrder"


def test_a_slot_that_ends_before_it_starts_and_hours_beyond_a_day_are_refused_naming_the_field(
        clerk: Caller) -> None:
    number = created(clerk.post("/service-orders", json={"sku": "FIT", "quantity": "10"}))["number"]

    slot = refused(clerk.post(f"/service-orders/{number}/schedule", json={
        "technician": "Ada", "slot_start": "2026-03-03T12:00:00Z", "slot_end": "2026-03-03T08:00:00Z"}), 422)
    hours = refused(clerk.post(f"/service-orders/{number}/labour", json={"person": "Ada", "day": "2026-03-03",
                                                                         "hours": "25"}), 422)

    assert [e["pointer"] for e in slot["errors"]] == ["#/slot_end"]
    assert [e["pointer"] for e in hours["errors"]] == ["#/hours"]


@pytest.mark.usefixtures("plant")
def test_work_orders_are_listed_newest_first_filtered_by_status_and_warehouse(clerk: Caller, manager: Caller,
                                                                              viewer: Caller) -> None:
    first = released(clerk)
    draft = created(clerk.post("/work-orders", json={"sku": "TABLE", "quantity": "2",
                                                     "warehouse_code": "BER-2"}))["number"]
    dropped = created(clerk.post("/work-orders", json={"sku": "TABLE", "quantity": "1",
                                                       "warehouse_code": WAREHOUSE}))["number"]
    done(manager.post(f"/work-orders/{dropped}/cancel", json={"reason": "twice"}))

    everything = done(viewer.get("/work-orders"))["items"]
    in_ber_2 = done(viewer.get("/work-orders", query_string={"warehouse": "BER-2"}))["items"]
    open_ones = done(viewer.get("/work-orders", query_string=[("status", "released"), ("status", "draft")]))
    bad = refused(viewer.get("/work-orders", query_string={"status": "sleeping"}), 400)

    assert [row["number"] for row in everything] == [dropped, draft, first]
    assert [(row["number"], row["warehouse_code"], row["status"]) for row in in_ber_2] == [(draft, "BER-2", "draft")]
    assert [row["number"] for row in open_ones["items"]] == [draft, first]
    assert [e["parameter"] for e in bad["errors"]] == ["status"]


def test_an_unknown_work_order_or_bom_is_not_found(viewer: Caller) -> None:
    order = refused(viewer.get("/work-orders/WO-999999"), 404)
    bom = refused(viewer.get("/boms/DESK"), 404)

    assert (order["type"], bom["type"]) == ("urn:oms:problem:not-found", "urn:oms:problem:not-found")

