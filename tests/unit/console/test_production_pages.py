"""Production in the console: a BOM's tree and revisions, a work order's components, outputs and costs, a service
order's hours, their lists, and the forms of the action table that release, report, close and approve."""

from __future__ import annotations

import re

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def released(plant: oms.OrderManagement, quantity: str = "10") -> str:
    """A released work order of TABLE in BER-1: its number."""
    order_id = plant.handle(oms.CreateWorkOrder(sku="TABLE", quantity=quantity, warehouse_code="BER-1",
                                                release=True))
    return plant.read(oms.show_work_order, order_id).number


def rows(page: str, table: str) -> list[list[str]]:
    """The rows of the page's table `#table`, each as the text of its cells."""
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", found, re.S)]
            for found in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def row(page: str, table: str, first_cell: str) -> list[str]:
    """The row of table `#table` whose first cell is `first_cell`."""
    found = [cells for cells in rows(page, table) if cells and cells[0] == first_cell]
    assert found, f"no row {first_cell} in #{table}"
    return found[0]


def follow(client: Browser, path: str, form: dict[str, str]) -> str:
    """Post a form that must succeed: the page it leads to."""
    response = client.post(path, form)
    assert response.status_code == 302, text(response)
    return text(client.get(response.location))


def test_a_released_work_order_shows_85_screws_required_and_the_tops_it_misses(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    number = released(plant)

    page = text(clerk.get(f"/console/work-orders/{number}"))

    # SKU, kind, required, reserved, consumed, transferred, missing
    assert row(page, "components", "SCREW")[2:] == ["85", "85", "0", "0", "0"]
    assert row(page, "components", "TOP")[2:] == ["10", "8", "0", "0", "2"]
    assert re.search(r'<tr class="short"><td>TOP</td>', page)
    assert "some missing" in page
    # released: no second release; cancelling is a manager's
    assert set(re.findall(rf"/work_order/{number}/do/([\w-]+)", page)) == {"reserve", "output", "transfer", "close"}


def test_an_output_reported_in_its_form_shows_the_tables_at_75_85_and_the_order_in_progress(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    number = released(plant)
    form = text(clerk.get(f"/console/work_order/{number}/do/output"))

    page = follow(clerk, f"/console/work_order/{number}/do/output", {"quantity": "6"})

    assert row(form, "components", "TOP") == ["TOP", "10", "0", "8", "2"]  # the form shows what the order holds
    assert "s-in_progress" in page
    assert "6 of 10" in page
    assert row(page, "outputs", f"{number}/1")[3:9] == ["6", "365.10 EUR", "90.00 EUR", "0.00 EUR", "455.10 EUR",
                                                         "75.85 EUR"]
    assert row(page, "components", "SCREW")[2:5] == ["85", "34", "51"]  # required, reserved, consumed
    assert f"/console/accounting/journal-entries?source=stock:{number}/1" in page


def test_closing_short_without_a_reason_is_refused_beside_the_reason_and_with_one_releases_the_rest(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    number = released(plant)
    plant.handle(oms.ReportOutput(order_id=number, quantity="6"))
    clerk.get(f"/console/work_order/{number}/do/close")

    refused = clerk.post(f"/console/work_order/{number}/do/close", {"reason": " "})
    page = follow(clerk, f"/console/work_order/{number}/do/close", {"reason": "no more tops"})

    assert refused.status_code == 422
    assert re.search(r'<em class="error" id="error-reason">closing a work order short needs a reason</em>',
                     text(refused))
    assert "s-closed_short" in page
    assert row(page, "components", "LEG")[2:5] == ["40", "0", "24"]
    assert rows(page, "history")[-1][2:] == ["in progress", "closed short", "no more tops"]


def test_an_output_of_no_tables_is_refused_naming_the_quantity(plant: oms.OrderManagement, clerk: Browser) -> None:
    number = released(plant)
    clerk.get(f"/console/work_order/{number}/do/output")

    refused = clerk.post(f"/console/work_order/{number}/do/output", {"quantity": "0"})

    assert refused.status_code == 422
    assert re.search(r'id="error-quantity">must be greater than zero<', text(refused))
    assert "0 of 10" in text(clerk.get(f"/console/work-orders/{number}"))


def test_a_draft_work_order_made_in_its_form_is_released_by_its_button(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    draft = follow(clerk, "/console/work_order/do/create", {"sku": "TABLE", "quantity": "2",
                                                           "warehouse_code": "BER-1"})
    number = re.search(r"<h1>Work order (WO-\d+)", draft)
    assert number is not None

    page = follow(clerk, f"/console/work_order/{number.group(1)}/do/release", {})

    assert "s-draft" in draft
    assert row(draft, "components", "TOP")[2:] == ["2", "0", "0", "0", "2"]
    assert "s-released" in page
    assert row(page, "components", "TOP")[2:] == ["2", "2", "0", "0", "0"]
    assert "all reserved" in page


def test_the_bom_page_shows_the_kit_exploded_below_it_and_the_revisions_with_the_active_one_marked(
        plant: oms.OrderManagement, app: Flask) -> None:
    plant.handle(oms.CreateProduct(sku="FELT", name="Felt pad", price="0.10", currency="EUR"))
    plant.handle(oms.CreateProduct(sku="KIT", name="Felt kit", price="0.50", currency="EUR",
                                   kind=oms.ProductKind.CONSUMABLE))
    plant.handle(oms.CreateBom(sku="KIT", components=(oms.ComponentInput(sku="FELT", quantity="4"),)))
    plant.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="TOP", quantity="1"), oms.ComponentInput(sku="KIT", quantity="1",
                                                                      kind=oms.ComponentKind.PHANTOM))))
    manager = browser(app, Role.MANAGER)

    page = text(manager.get("/console/boms/TABLE"))
    again = follow(manager, "/console/bom/TABLE/do/activate", {"revision": "1"})

    assert row(page, "tree", "KIT")[1:3] == ["phantom", "1"]
    assert row(page, "tree", "└ FELT")[2] == "4"  # below its kit
    assert row(page, "revisions", "2")[1] == "active"
    assert row(page, "revisions", "1")[1] == ""
    assert row(again, "revisions", "1")[1] == "active"
    assert row(again, "tree", "SCREW")[2:] == ["8", "5 %"]
    assert row(again, "operations", "Assemble") == ["Assemble", "0.5", "30.00 EUR"]


def test_a_bom_revision_made_in_its_form_becomes_the_active_one_and_a_bad_line_is_named(
        plant: oms.OrderManagement, app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    form = text(manager.get("/console/bom/do/create?sku=TABLE"))

    refused = manager.post("/console/bom/do/create", {
        "sku": "TABLE", "components.0.sku": "LEG", "components.0.quantity": "4",
        "components.1.sku": "SCREW", "components.1.quantity": "6", "components.1.scrap_percent": "100",
        "activate": "true"})
    page = follow(manager, "/console/bom/do/create", {
        "sku": "TABLE", "components.0.sku": "LEG", "components.0.quantity": "3", "activate": "true"})

    assert re.search(r'name="activate" value="true"\s+checked', form)  # active at once unless unticked
    assert refused.status_code == 422
    assert re.search(r'id="error-components.1.scrap_percent">must be at least 0 and below 100<', text(refused))
    assert row(page, "revisions", "2")[1] == "active"
    assert row(page, "tree", "LEG")[2] == "3"


def test_a_service_orders_hours_are_approved_on_its_page_and_a_non_billable_line_is_never_to_invoice(
        system: oms.OrderManagement, app: Flask, clerk: Browser) -> None:
    order_id = system.handle(oms.CreateServiceOrder(sku="FIT", quantity="10", customer_code="ACME"))
    number = system.read(oms.show_service_order, order_id).number
    clerk.get(f"/console/service_order/{number}/do/log")
    follow(clerk, f"/console/service_order/{number}/do/log", {"person": "Ada", "day": "2026-03-02", "hours": "4",
                                                             "billable": "true"})
    follow(clerk, f"/console/service_order/{number}/do/log", {"person": "Ada", "day": "2026-03-02", "hours": "1"})
    manager = browser(app, Role.MANAGER)
    before = text(manager.get(f"/console/service-orders/{number}"))
    line_ids = re.findall(r'/do/approve">\s*<input[^>]*>\s*<input type="hidden" name="line_id" value="(\w+)"', before)

    for line_id in line_ids:
        follow(manager, f"/console/service_order/{number}/do/approve", {"line_id": line_id})
    after = text(manager.get(f"/console/service-orders/{number}"))

    assert len(line_ids) == 2
    assert [cells[2:6] for cells in rows(before, "labour")] == [["4", "yes", "waiting", "no"],
                                                                ["1", "no", "waiting", "no"]]
    assert [cells[2:6] for cells in rows(after, "labour")] == [["4", "yes", "yes", "no"], ["1", "no", "yes", "no"]]
    assert re.search(r"<dt>Delivered</dt><dd>4</dd>", after)  # the approved billable hours
    assert re.search(r'<dd class="grand">200.00 EUR</dd>', after)
    assert "/do/approve" not in after


def test_the_lists_show_the_work_orders_service_orders_and_boms_and_filter_by_status(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    first = released(plant, "2")
    draft_id = plant.handle(oms.CreateWorkOrder(sku="TABLE", quantity="1", warehouse_code="BER-1"))
    draft = plant.read(oms.show_work_order, draft_id).number
    service = plant.read(oms.show_service_order, plant.handle(oms.CreateServiceOrder(sku="FIT", quantity="2"))).number

    orders = text(clerk.get("/console/work-orders"))
    drafts = text(clerk.get("/console/work-orders?status=draft"))
    services = text(clerk.get("/console/service-orders"))
    boms = text(clerk.get("/console/boms"))

    assert orders.index(draft) < orders.index(first)  # newest first
    assert draft in drafts
    assert first not in drafts
    assert service in services
    assert re.search(r'href="/console/boms/TABLE">TABLE</a></td><td>Table</td>', boms)
    assert '<a href="/console/work-orders" aria-current="page">Production</a>' in orders


def test_a_backordered_table_is_made_to_order_from_its_sales_order_line(
        plant: oms.OrderManagement, clerk: Browser) -> None:
    order_id = plant.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                                 confirm=True, lines=(oms.LineInput(sku="TABLE", quantity="3"),)))
    order = plant.sales_order(order_id)
    sales_page = text(clerk.get(f"/console/sales-orders/{order.number}"))

    page = follow(clerk, f"/console/sales_order/{order.number}/do/make", {"line_id": order.lines[0].id})

    assert f'name="line_id" value="{order.lines[0].id}"' in sales_page
    assert "s-released" in page
    assert '<dd id="produced">0 of 3</dd>' in page
    assert row(page, "components", "SCREW")[2] == "26"


def test_a_viewer_reads_a_work_order_without_its_forms(plant: oms.OrderManagement, app: Flask) -> None:
    number = released(plant)

    page = text(browser(app, Role.VIEWER).get(f"/console/work-orders/{number}"))

    assert row(page, "components", "SCREW")[2] == "85"
    assert "/do/" not in page
