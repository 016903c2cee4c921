"""`oms bom|wo|service ...` through Click's runner: the acceptance cases of peers.md 2d at the terminal, on the TABLE
whose BOM the `plant` fixture makes with `oms bom create`."""

from __future__ import annotations

import json
from typing import Any

import pytest

import oms
from oms.entrypoints.json.converter import unstructure

from .conftest import Run


def as_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def components(run: Run, order: str) -> dict[str, list[str]]:
    """Per component of the order as `wo show --json` answers: [required, reserved, consumed, missing]."""
    view = as_json(run, "wo", "show", order)
    return {c["sku"]: [c["required"], c["reserved"], c["consumed"], c["missing"]] for c in view["components"]}


def rows(output: str) -> dict[str, list[str]]:
    """The rows of the tables a command printed, by their first cell."""
    return {cells[0]: cells[1:] for cells in (line.split() for line in output.splitlines()) if cells}


def released(run: Run, quantity: str = "10") -> str:
    created = as_json(run, "wo", "create", "--sku", "TABLE", "--quantity", quantity, "--warehouse", "BER-1")
    assert run("wo", "release", created["number"]).exit_code == 0
    return str(created["number"])


def test_a_bom_made_at_the_terminal_shows_as_a_tree_with_its_kit_exploded_and_its_operations(
        run: Run, plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateProduct(sku="GLUE", name="Glue", price="1.00", currency="EUR"))
    plant.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    assert run("bom", "create", "LEG-KIT", "--component", "LEG=4", "--component", "GLUE=1").exit_code == 0
    made = run("bom", "create", "TABLE", "--component", "LEG-KIT=1:kind=phantom", "--component", "TOP=1",
               "--component", "SCREW=8:scrap=5", "--operation", "Assemble=0.5@30.00", "--overhead", "2.50")

    shown = run("bom", "show", "TABLE")

    assert made.exit_code == 0, made.stderr
    assert made.stdout.startswith("TABLE revision 2 (active): makes 1 from 3 components, 1 operation")
    lines = shown.stdout.splitlines()
    header = lines.index("component  quantity  scrap  kind")
    width = len(lines[header + 1].split()[0])  # the dashes under the first column
    tree = [line[:width].rstrip() for line in lines[header + 2:header + 7]]
    assert tree == ["LEG-KIT", "  LEG", "  GLUE", "TOP", "SCREW"]
    assert rows(shown.stdout)["SCREW"] == ["8", "5%", "normal"]
    assert rows(shown.stdout)["Assemble"] == ["0.5", "30.00", "EUR"]
    assert "overhead 2.5 a unit made" in shown.stdout
    assert as_json(run, "bom", "show", "TABLE") == unstructure(plant.read(oms.show_bom, "TABLE"))


def test_a_work_order_of_10_tables_requires_40_legs_10_tops_and_85_screws_and_its_release_shows_the_tops_missing(
        run: Run, plant: oms.OrderManagement) -> None:
    created = as_json(run, "wo", "create", "--sku", "TABLE", "--quantity", "10", "--warehouse", "BER-1")

    release = run("wo", "release", created["number"])
    shown = run("wo", "show", created["number"])

    assert [(c["sku"], c["required"]) for c in created["components"]] == [("LEG", "40"), ("TOP", "10"),
                                                                          ("SCREW", "85")]
    assert release.stdout.startswith("WO-000001 released: 0 of 10 TABLE made in BER-1, 2 TOP missing")
    assert shown.stdout.splitlines()[3].split() == ["component", "kind", "required", "reserved", "consumed",
                                                    "missing"]
    assert rows(shown.stdout)["TOP"] == ["normal", "10", "8", "0", "2"]
    assert components(run, "WO-000001") == {"LEG": ["40", "40", "0", "0"], "TOP": ["10", "8", "0", "2"],
                                            "SCREW": ["85", "85", "0", "0"]}
    [leg] = as_json(run, "stock", "show", "LEG")["items"]
    assert leg["available"] == "10"


def test_two_partial_outputs_of_6_then_4_consume_cumulatively_and_cost_75_85_a_table(
        run: Run, plant: oms.OrderManagement) -> None:
    order = released(run)
    plant.handle(oms.ReceiveStock(sku="TOP", warehouse_code="BER-1", quantity="2", unit_cost="40.00"))
    assert run("wo", "reserve", order).exit_code == 0

    six = run("wo", "output", order, "6")
    after_six = components(run, order)
    four = run("wo", "output", order, "4")
    shown = run("wo", "show", order)
    done = run("wo", "close", order)

    assert six.exit_code == 0, six.stderr
    assert six.stdout.splitlines()[0] == "WO-000001/1: 6 TABLE into stock at 75.85 EUR a unit, 455.10 in all"
    assert after_six == {"LEG": ["40", "16", "24", "0"], "TOP": ["10", "4", "6", "0"],
                         "SCREW": ["85", "34", "51", "0"]}
    assert four.exit_code == 0, four.stderr
    assert components(run, order) == {"LEG": ["40", "0", "40", "0"], "TOP": ["10", "0", "10", "0"],
                                      "SCREW": ["85", "0", "85", "0"]}
    assert rows(shown.stdout)["WO-000001/1"][:6] == ["6", "365.10", "90.00", "0.00", "455.10", "75.85"]
    assert rows(shown.stdout)["WO-000001/2"][0] == "4"
    assert done.stdout.startswith("WO-000001 done: 10 of 10 TABLE made")
    assert as_json(run, "stock", "show", "TABLE")["items"][0]["on_hand"] == "10"


@pytest.mark.parametrize(("mode", "exit_code", "deviations"), [("strict", 1, 0), ("warning", 0, 1),
                                                               ("flexible", 0, 0)])
def test_26_legs_for_6_tables_are_refused_by_a_strict_bom_with_exit_1_naming_the_rule(
        run: Run, plant: oms.OrderManagement, mode: str, exit_code: int, deviations: int) -> None:
    assert run("bom", "create", "TABLE", "--component", "LEG=4", "--component", "TOP=1", "--component",
               "SCREW=8:scrap=5", "--consumption", mode).exit_code == 0
    order = released(run)

    reported = run("wo", "output", order, "6", "--consumed", "LEG=26", "--consumed", "TOP=6", "--consumed",
                   "SCREW=51")

    view = as_json(run, "wo", "show", order)
    assert reported.exit_code == exit_code
    assert len(view["deviations"]) == deviations
    if exit_code:
        assert reported.stderr == ("Error: refused (ConsumptionMustMatchBom): WO-000001 consumes by a strict BOM: "
                                   "LEG: 24 expected, 26 reported\n")
        assert (view["produced"], view["outputs"]) == ("0", [])
    if deviations:
        assert rows(run("wo", "show", order).stdout)["WO-000001/1"][:3] == ["LEG", "24", "26"]


def test_closing_short_releases_the_reservations_and_cancelling_after_production_is_refused(
        run: Run, plant: oms.OrderManagement) -> None:
    order = released(run)
    assert run("wo", "output", order, "6").exit_code == 0

    cancel = run("wo", "cancel", order)
    close = run("wo", "close", order, "--reason", "tops late")

    assert (cancel.exit_code, cancel.stderr) == (1, "Error: refused (WorkOrderHasProduction): WO-000001 has outputs "
                                                    "or consumption; close it instead\n")
    assert close.stdout.startswith("WO-000001 closed_short: 6 of 10 TABLE made in BER-1  (id ")
    assert [c[1] for c in components(run, order).values()] == ["0", "0", "0"]
    assert [as_json(run, "stock", "show", sku)["items"][0]["reserved"] for sku in ("LEG", "TOP", "SCREW")] == [
        "0", "0", "0"]
    assert as_json(run, "stock", "show", "TABLE")["items"][0]["on_hand"] == "6"


def test_a_service_orders_hours_logged_and_approved_are_to_invoice_and_a_removed_line_lowers_them(
        run: Run, system: oms.OrderManagement) -> None:
    created = as_json(run, "service", "create", "--sku", "FIT", "--quantity", "10", "--customer", "ACME")
    number = created["number"]
    scheduled = run("service", "schedule", number, "--technician", "Ada", "--slot-start", "2026-03-03T09:00:00Z",
                    "--slot-end", "2026-03-03T13:00:00Z")
    assert run("service", "start", number).exit_code == 0
    logged = run("service", "log", number, "--person", "Ada", "--hours", "4", "--day", "2026-03-03")
    assert run("service", "log", number, "--person", "Ada", "--hours", "2").exit_code == 0
    assert run("service", "approve", number, "1").exit_code == 0
    assert run("service", "approve", number, "2").exit_code == 0

    removed = run("service", "remove-labour", number, "2")
    shown = run("service", "show", number)

    assert scheduled.exit_code == 0, scheduled.stderr
    assert logged.stdout.startswith("labour line 1 logged: 4 h by Ada on 2026-03-03  (id ")
    assert removed.exit_code == 0, removed.stderr
    assert "technician Ada, 2026-03-03 09:00 to 2026-03-03 13:00" in shown.stdout
    assert rows(shown.stdout)["1"][:5] == ["Ada", "2026-03-03", "4", "yes", "yes"]
    assert "2" not in rows(shown.stdout)
    assert "delivered 4, invoiced 0, to invoice 4 (200.00 EUR)" in shown.stdout
    view = as_json(run, "service", "show", number)
    assert (view["to_invoice"], view["amount_to_invoice"]) == ("4", {"amount": "200.00", "currency": "EUR"})
    assert view == unstructure(system.read(oms.show_service_order, number))


def test_a_labour_line_or_hours_that_do_not_exist_are_refused_naming_them(run: Run) -> None:
    number = as_json(run, "service", "create", "--sku", "FIT")["number"]

    too_many = run("service", "log", number, "--person", "Ada", "--hours", "25")
    no_line = run("service", "approve", number, "7")

    assert (too_many.exit_code, too_many.stderr) == (2, "Error: invalid hours: at most 24 hours a day\n")
    assert (no_line.exit_code, no_line.stderr) == (1, "Error: labour line '7' not found\n")


def test_a_backordered_line_made_to_order_at_the_terminal_is_reserved_as_the_tables_are_made(
        run: Run, plant: oms.OrderManagement) -> None:
    assert run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "TABLE:6", "--allow-backorder",
               "--confirm").exit_code == 0

    made = run("order", "make", "SO-000001", "TABLE")
    assert run("wo", "output", "WO-000001", "4").exit_code == 0

    order = as_json(run, "order", "show", "SO-000001")
    assert made.stdout.startswith("WO-000001 released: 0 of 6 TABLE made in BER-1")
    assert [(r["sku"], r["open"]) for r in order["reservations"]] == [("TABLE", "4")]


def test_a_service_line_of_a_confirmed_order_gets_one_service_order_at_the_terminal(
        run: Run, confirmed_order: str) -> None:
    made = as_json(run, "order", "service-order", confirmed_order, "2")

    again = run("order", "service-order", confirmed_order, "FIT")

    assert (made["sku"], made["quantity"], made["unit_price"]["amount"]) == ("FIT", "2", "50.00")
    assert again.exit_code == 1
    assert "ServiceOrderExistsForLine" in again.stderr


def test_a_work_orders_events_show_its_creation_reservations_output_and_close(
        run: Run, plant: oms.OrderManagement) -> None:
    order = released(run)
    run("wo", "output", order, "6")
    run("wo", "close", order, "--reason", "tops late")

    events = as_json(run, "wo", "events", order)["items"]
    feed = run("events", "--type", "OutputReported")

    assert [e["type"] for e in events] == ["DocumentCreated", "StatusChanged", *["StockReserved"] * 3,
                                           "OutputReported", "StatusChanged", "StatusChanged",
                                           *["ReservationReleased"] * 3]
    assert events[5]["data"]["unit_cost"] == "75.85"
    assert "OutputReported" in feed.stdout


def test_a_malformed_component_or_quantity_is_a_usage_error_naming_the_field(
        run: Run, plant: oms.OrderManagement) -> None:
    order = released(run)

    malformed = run("bom", "create", "TABLE", "--component", "LEG")
    not_a_number = run("bom", "create", "TABLE", "--component", "LEG=4", "--component", "TOP=lots")
    scrap = run("bom", "create", "TABLE", "--component", "LEG=4:scrap=100")
    output = run("wo", "output", order, "six")
    consumed = run("wo", "output", order, "6", "--consumed", "LEG=x")

    assert [r.exit_code for r in (malformed, not_a_number, scrap, output, consumed)] == [2] * 5
    assert "write SKU=QTY[:scrap=PCT][:kind=phantom|subassembly]" in malformed.stderr
    assert "invalid components[1].quantity" in not_a_number.stderr
    assert "invalid components[0].scrap_percent" in scrap.stderr
    assert "invalid quantity" in output.stderr
    assert "invalid consumed[0].quantity" in consumed.stderr


@pytest.mark.parametrize("group", ["bom", "wo", "service"])
def test_the_help_of_each_production_group_and_of_its_commands_is_readable(run: Run, group: str) -> None:
    helped = run(group, "--help")
    commands = [line.split()[0] for line in helped.stdout.split("Commands:\n")[1].splitlines() if line[2:3] != " "]

    answers = [run(group, command, "--help") for command in commands]

    assert helped.exit_code == 0
    assert {"create", "show"} <= set(commands)
    assert [(command, a.exit_code) for command, a in zip(commands, answers, strict=True) if a.exit_code] == []
    assert all("Traceback" not in a.output and a.output.startswith("Usage: ") for a in answers)


def test_boms_work_orders_and_service_orders_are_listed_a_page_at_a_time_with_their_filters(
        run: Run, plant: oms.OrderManagement) -> None:
    released(run)
    released(run, "2")
    assert run("wo", "close", "WO-000002", "--reason", "not needed").exit_code == 0
    assert run("service", "create", "--sku", "FIT", "--customer", "ACME").exit_code == 0

    boms = run("bom", "list")
    open_orders = run("wo", "list", "--status", "released")
    first_page = as_json(run, "wo", "list", "--limit", "1")
    second_page = as_json(run, "wo", "list", "--limit", "1", "--cursor", first_page["next_cursor"])
    services = run("service", "list", "--customer", "ACME")

    assert rows(boms.stdout)["TABLE"][-7:] == ["1", "yes", "1", "1", "3", "1", "strict"]
    assert [row[0] for row in (line.split() for line in open_orders.stdout.splitlines()[2:])] == ["WO-000001"]
    assert [i["number"] for i in first_page["items"] + second_page["items"]] == ["WO-000002", "WO-000001"]
    assert rows(services.stdout)["WO-000003"][:5] == ["draft", "FIT", "delivered_hours", "-", "ACME"]
    assert run("bom", "revisions", "TABLE").stdout.splitlines()[2].split()[:2] == ["1", "yes"]


def test_a_milestone_named_by_its_number_is_reached_and_a_finished_order_has_it_to_invoice(run: Run) -> None:
    number = as_json(run, "service", "create", "--sku", "FIT", "--policy", "milestones", "--quantity", "2",
                     "--price", "300.00")["number"]
    assert run("service", "schedule", number, "--technician", "Ada", "--slot-start", "2026-03-03",
               "--slot-end", "2026-03-04").exit_code == 0
    assert run("service", "start", number).exit_code == 0
    assert run("service", "add-milestone", number, "--name", "Plans", "--quantity", "1").exit_code == 0
    assert run("service", "add-milestone", number, "--name", "Fitting", "--quantity", "1").exit_code == 0

    reached = run("service", "reach-milestone", number, "2")
    finished = as_json(run, "service", "finish", number)

    assert reached.exit_code == 0, reached.stderr
    assert [(m["name"], m["reached"]) for m in finished["milestones"]] == [("Plans", False), ("Fitting", True)]
    assert (finished["status"], finished["to_invoice"], finished["amount_to_invoice"]["amount"]) == (
        "done", "1", "300.00")
