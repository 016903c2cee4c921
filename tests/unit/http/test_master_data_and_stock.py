"""Products, customers, branches, warehouses, tax rates and stock over HTTP."""

from __future__ import annotations

from oms.entrypoints.http.testing import Caller


def test_a_manager_creates_a_product_and_changes_its_price(manager: Caller, viewer: Caller) -> None:
    created = manager.post("/products", json={"sku": "LAMP", "name": "Lamp", "price": "19.990", "currency": "EUR",
                                              "uom": "unit", "tax_category": "reduced"})

    changed = manager.patch("/products/LAMP", json={"price": "17.50", "active": False})

    assert created.status_code == 201
    assert created.headers["Location"] == "/api/v1/products/LAMP"
    assert created.get_json()["price"] == {"amount": "19.99", "currency": "EUR"}  # the currency's two decimals
    assert (changed.get_json()["price"]["amount"], changed.get_json()["active"]) == ("17.50", False)
    assert viewer.get("/products/LAMP").get_json() == changed.get_json()
    assert [p["sku"] for p in viewer.get("/products").get_json()["items"]] == ["BOOK", "DESK", "FIT", "LAMP"]


def test_a_customer_is_created_with_its_addresses(manager: Caller, viewer: Caller) -> None:
    response = manager.post("/customers", json={
        "code": "INITECH", "name": "Initech", "email": "buy@initech.example",
        "billing_address": {"line1": "1 Main St", "city": "Austin", "country": "US"}})

    customer = viewer.get("/customers/INITECH").get_json()
    assert response.status_code == 201
    assert customer["billing_address"]["country"] == "US"
    assert customer["shipping_address"] == {"line1": "", "line2": "", "city": "", "postal_code": "", "region": "",
                                            "country": ""}
    assert [c["code"] for c in viewer.get("/customers").get_json()["items"]] == ["ACME", "INITECH", "UNI"]


def test_a_manager_changes_a_customer_and_an_inactive_one_gets_no_new_order(manager: Caller, clerk: Caller) -> None:
    changed = manager.patch("/customers/ACME", json={"email": "orders@acme.example", "active": False,
                                                     "shipping_address": {"city": "Potsdam", "country": "DE"}})

    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER"})
    assert changed.status_code == 200
    assert (changed.get_json()["email"], changed.get_json()["active"]) == ("orders@acme.example", False)
    assert changed.get_json()["shipping_address"]["city"] == "Potsdam"
    assert changed.get_json()["name"] == "Acme GmbH"  # what was not given stays
    assert (order.status_code, order.get_json()["errors"][0]["pointer"]) == (422, "#/customer_code")


def test_a_customer_made_tax_exempt_without_a_reference_is_refused_and_unchanged(manager: Caller,
                                                                                viewer: Caller) -> None:
    refused = manager.patch("/customers/ACME", json={"tax_exempt": True, "name": "Acme AG"})

    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["pointer"] == "#/tax_exemption_reference"
    assert (viewer.get("/customers/ACME").get_json()["name"], viewer.get("/customers/ACME").get_json()["tax_exempt"]
            ) == ("Acme GmbH", False)


def test_an_admin_sets_up_a_branch_a_warehouse_and_a_tax_rate(admin: Caller, viewer: Caller) -> None:
    admin.post("/branches", json={"code": "VIE", "name": "Vienna", "currency": "EUR", "tax_jurisdiction": "AT"})

    warehouse = admin.post("/warehouses", json={"code": "VIE-1", "name": "Vienna main", "branch_code": "VIE"})
    rate = admin.post("/tax-rates", json={"jurisdiction": "AT", "category": "standard", "rate": "0.20"})

    assert warehouse.get_json() == {"code": "VIE-1", "name": "Vienna main", "branch_code": "VIE", "priority": 100,
                                    "active": True}
    assert rate.get_json() == {"jurisdiction": "AT", "category": "standard", "rate": "0.2"}
    assert viewer.get("/branches/VIE").get_json()["tax_jurisdiction"] == "AT"
    assert [w["code"] for w in viewer.get("/warehouses").get_json()["items"]] == ["BER-1", "BER-2", "MUC-1",
                                                                                  "VIE-1"]
    assert ("AT", "standard", "0.2") in [(r["jurisdiction"], r["category"], r["rate"])
                                          for r in viewer.get("/tax-rates").get_json()["items"]]


def test_a_receipt_and_an_adjustment_move_stock_and_are_listed_as_movements(clerk: Caller, manager: Caller) -> None:
    received = clerk.post("/stock/receipts", json={"sku": "DESK", "warehouse_code": "MUC-1", "quantity": "4",
                                                   "reference": "ASN-1", "unit_cost": "55.50"})

    adjusted = manager.post("/stock/adjustments", json={"sku": "DESK", "warehouse_code": "MUC-1", "quantity": "-1",
                                                        "reason": "damaged"})

    assert received.status_code == 201
    assert received.get_json() == {"number": "GR-000003", "level": {
        "sku": "DESK", "warehouse_code": "MUC-1", "on_hand": "4", "reserved": "0", "available": "4",
        "value": {"amount": "222.00", "currency": "EUR"}, "average_cost": {"amount": "55.50", "currency": "EUR"}}}
    assert adjusted.get_json()["level"]["on_hand"] == "3"
    movements = clerk.get("/stock/movements?warehouse=MUC-1").get_json()["items"]
    assert [(m["kind"], m["quantity"], m["reference"], m["actor"]) for m in movements] == [
        ("receipt", "4", "GR-000003 ASN-1", "clerk-user"), ("adjustment", "-1", "ADJ-000001", "manager-user")]
    assert [(s["warehouse_code"], s["on_hand"]) for s in clerk.get("/products/DESK/stock").get_json()["items"]] == [
        ("BER-1", "5"), ("BER-2", "10"), ("MUC-1", "3")]


def test_a_clerk_may_receive_stock_but_not_adjust_it_below_what_is_available(clerk: Caller, manager: Caller) -> None:
    refused = clerk.post("/stock/adjustments", json={"sku": "DESK", "warehouse_code": "BER-1", "quantity": "-1",
                                                     "reason": "count"})

    too_much = manager.post("/stock/adjustments", json={"sku": "DESK", "warehouse_code": "BER-1", "quantity": "-6",
                                                        "reason": "count"})

    assert refused.status_code == 403
    assert (too_much.status_code, too_much.get_json()["rule"]) == (409, "StockMustNotGoNegative")


def test_movements_of_an_unknown_product_get_404(viewer: Caller) -> None:
    response = viewer.get("/stock/movements?sku=NOPE")

    assert response.status_code == 404


def test_an_imported_customer_address_with_a_part_no_address_has_is_refused_by_row(manager: Caller) -> None:
    row = {"row": 2, "code": "NEW-1", "name": "New", "shipping_address": {"city": "Bonn", "street": "Main St 1"}}

    report = manager.post("/customers/import", json={"rows": [row]})

    assert report.status_code == 200
    assert report.get_json()["refused"] == [{"row": 2, "field": "shipping_address",
                                             "reason": "has no part named 'street'"}]
    assert manager.get("/customers/NEW-1").status_code == 404
