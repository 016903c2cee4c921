"""Every pointer of a 4xx names the member at fault in the body actually sent: resolved with a JSON Pointer library
(RFC 6901) against that body, never a field by a line's id, nor `line` for `lines/2`, nor the first mention of a line
given twice. A member the body lacks (one that is required) is named where it belongs: its parent resolves."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest
from attrs import frozen
from jsonpointer import JsonPointer, JsonPointerException

from oms.entrypoints.http.testing import Caller

OK_LINE = {"sku": "DESK", "quantity": "1"}
OVER_DISCOUNT = {"kind": "amount", "value": "5000"}


@frozen
class Bad:
    """A bad request: `method path` (with {quotation}, {qline}, {order}, {line}, {confirmed}, {desk}, {desk2} filled
    in the path and in the body's strings), the pointers its answer must give, and the status; `absent` lists the
    pointers of required members the body does not have."""

    method: str
    path: str
    body: Any
    pointers: tuple[str, ...]
    status: int = 422
    absent: tuple[str, ...] = ()


def _lines(*lines: dict[str, Any]) -> dict[str, Any]:
    return {"customer_code": "ACME", "branch_code": "BER", "lines": list(lines)}


def _creates(label: str, body: dict[str, Any], pointers: tuple[str, ...], status: int = 422,
             absent: tuple[str, ...] = ()) -> list[Any]:
    """The same bad body sent to create a quotation and an order."""
    return [pytest.param(Bad("POST", path, body, pointers, status, absent), id=f"{label} ({path})")
            for path in ("/quotations", "/sales-orders")]


def _line_edits(label: str, line: dict[str, Any], pointers: tuple[str, ...], status: int = 422) -> list[Any]:
    """The same bad line added to a draft quotation and a draft order."""
    return [pytest.param(Bad("POST", f"{path}/lines", line, pointers, status), id=f"{label} ({path})")
            for path in ("/quotations/{quotation}", "/sales-orders/{order}")]


def _issue(label: str, *lines: dict[str, Any], pointers: tuple[str, ...], warehouse: str = "BER-1") -> Any:
    body = {"warehouse_code": warehouse, "lines": list(lines)}
    return pytest.param(Bad("POST", "/sales-orders/{confirmed}/goods-issues", body, pointers), id=label)


CASES = [
    *_creates("3rd line's zero quantity", _lines(OK_LINE, OK_LINE, {"sku": "DESK", "quantity": "0"}),
              ("#/lines/2/quantity",)),
    *_creates("2nd line's negative quantity", _lines(OK_LINE, {"sku": "DESK", "quantity": "-2"}, OK_LINE),
              ("#/lines/1/quantity",)),
    *_creates("3rd line's quantity as a JSON number", _lines(OK_LINE, OK_LINE, {"sku": "DESK", "quantity": 2}),
              ("#/lines/2/quantity",)),
    *_creates("3rd line's negative unit price",
              _lines(OK_LINE, OK_LINE, {"sku": "DESK", "quantity": "1", "unit_price": "-1"}),
              ("#/lines/2/unit_price",)),
    *_creates("2nd line's unit price with 7 decimals",
              _lines(OK_LINE, {"sku": "DESK", "quantity": "1", "unit_price": "1.1234567"}, OK_LINE),
              ("#/lines/1/unit_price",)),
    *_creates("2nd line's discount larger than the line",
              _lines(OK_LINE, {"sku": "DESK", "quantity": "1", "discount": OVER_DISCOUNT}, OK_LINE),
              ("#/lines/1/discount",)),
    *_creates("3rd line's discount over 100 percent",
              _lines(OK_LINE, OK_LINE, {"sku": "DESK", "quantity": "1", "discount": {"kind": "percent",
                                                                                      "value": "120"}}),
              ("#/lines/2/discount/value",)),
    *_creates("3rd line's kilograms with 4 decimals", _lines(OK_LINE, OK_LINE, {"sku": "FLOUR", "quantity": "1.2345"}),
              ("#/lines/2/quantity",)),
    *_creates("2nd line's pieces with decimals", _lines(OK_LINE, {"sku": "DESK", "quantity": "1.5"}, OK_LINE),
              ("#/lines/1/quantity",)),
    *_creates("3rd line's hours with 3 decimals", _lines(OK_LINE, OK_LINE, {"sku": "SETUP", "quantity": "0.125"}),
              ("#/lines/2/quantity",)),
    *_creates("3rd line's unknown SKU", _lines(OK_LINE, OK_LINE, {"sku": "NOPE", "quantity": "1"}),
              ("#/lines/2/sku",)),
    *_creates("2nd line's SKU with a control character", _lines(OK_LINE, {"sku": "DE\tSK", "quantity": "1"}),
              ("#/lines/1/sku",)),
    *_creates("3rd line's product priced in another currency and no unit price",
              _lines(OK_LINE, OK_LINE, {"sku": "USB", "quantity": "1"}), ("#/lines/2/unit_price",),
              absent=("#/lines/2/unit_price",)),
    *_creates("3rd line's inactive product: a business rule, no pointer",
              _lines(OK_LINE, OK_LINE, {"sku": "OLD", "quantity": "1"}), (), status=409),
    *_creates("unknown customer", {"customer_code": "NOPE", "branch_code": "BER", "lines": [OK_LINE]},
              ("#/customer_code",)),
    *_creates("unknown branch", {"customer_code": "ACME", "branch_code": "NOPE", "lines": [OK_LINE]},
              ("#/branch_code",)),
    *_creates("order discount over 100 percent",
              {**_lines(OK_LINE), "order_discount": {"kind": "percent", "value": "101"}},
              ("#/order_discount/value",)),
    pytest.param(Bad("POST", "/quotations", {**_lines(OK_LINE), "valid_until": "2020-01-01"}, ("#/valid_until",)),
                 id="validity before the quotation's date"),
    pytest.param(Bad("POST", "/sales-orders", {**_lines(OK_LINE), "over_delivery_percent": "101"},
                     ("#/over_delivery_percent",)), id="over-delivery over 100 percent"),
    pytest.param(Bad("POST", "/sales-orders", {**_lines(OK_LINE, OK_LINE), "confirm": True,
                                               "customer_reference": 5}, ("#/customer_reference",)),
                 id="a reference that is not a string"),
    *_line_edits("zero quantity", {"sku": "DESK", "quantity": "0"}, ("#/quantity",)),
    *_line_edits("negative unit price", {"sku": "DESK", "quantity": "1", "unit_price": "-1"}, ("#/unit_price",)),
    *_line_edits("discount larger than the line", {"sku": "DESK", "quantity": "1", "discount": OVER_DISCOUNT},
                 ("#/discount",)),
    *_line_edits("kilograms with 4 decimals", {"sku": "FLOUR", "quantity": "1.2345"}, ("#/quantity",)),
    *_line_edits("unknown SKU", {"sku": "NOPE", "quantity": "1"}, ("#/sku",)),
    *_line_edits("inactive product: a business rule, no pointer", {"sku": "OLD", "quantity": "1"}, (),
                 status=409),
    pytest.param(Bad("PATCH", "/quotations/{quotation}/lines/{qline}", {"quantity": "0"}, ("#/quantity",)),
                 id="update-line: zero quantity"),
    pytest.param(Bad("PATCH", "/sales-orders/{order}/lines/{line}", {"quantity": "2.5"}, ("#/quantity",)),
                 id="update-line: pieces with decimals"),
    pytest.param(Bad("PATCH", "/sales-orders/{order}/lines/{line}", {"unit_price": "-0.01"}, ("#/unit_price",)),
                 id="update-line: negative unit price"),
    pytest.param(Bad("PATCH", "/quotations/{quotation}/lines/{qline}", {"discount": OVER_DISCOUNT},
                     ("#/discount",)), id="update-line: discount larger than the line"),
    pytest.param(Bad("PATCH", "/sales-orders/{order}/lines/{line}",
                     {"discount": {"kind": "percent", "value": "5"}, "clear_discount": True},
                     ("#/discount", "#/clear_discount")), id="update-line: a discount and clear_discount"),
    pytest.param(Bad("PUT", "/sales-orders/{order}/discount", {"discount": {"kind": "percent", "value": "101"}},
                     ("#/discount/value",)),
                 id="set-discount: over 100 percent"),
    pytest.param(Bad("PUT", "/sales-orders/{order}/discount", {"discount": {"kind": "share", "value": "1"}},
                     ("#/discount/kind",)),
                 id="set-discount: unknown kind"),
    pytest.param(Bad("PATCH", "/quotations/{quotation}",
                     {"order_discount": {"kind": "percent", "value": "5"}, "clear_order_discount": True},
                     ("#/order_discount", "#/clear_order_discount")),
                 id="set-terms: an order discount and clear_order_discount"),
    pytest.param(Bad("PATCH", "/quotations/{quotation}", {"valid_until": "2026-03-01"}, ("#/valid_until",)),
                 id="set-terms: validity before the quotation's date"),
    pytest.param(Bad("PATCH", "/quotations/{quotation}", {"order_discount": {"kind": "amount", "value": "-1"}},
                     ("#/order_discount/value",)), id="set-terms: negative order discount"),
    _issue("goods issue: unknown line_id in the 2nd entry", {"line_id": "{desk}", "quantity": "1"},
           {"line_id": "nope", "quantity": "1"}, pointers=("#/lines/1/line_id",)),
    _issue("goods issue: zero quantity", {"line_id": "{desk}", "quantity": "0"}, pointers=("#/lines/0/quantity",)),
    _issue("goods issue: zero quantity in the 2nd entry", {"line_id": "{desk2}", "quantity": "1"},
           {"line_id": "{desk}", "quantity": "0"}, pointers=("#/lines/1/quantity",)),
    _issue("goods issue: pieces with decimals in the 2nd entry", {"line_id": "{desk2}", "quantity": "1"},
           {"line_id": "{desk}", "quantity": "1.5"}, pointers=("#/lines/1/quantity",)),
    _issue("goods issue: a line given twice, its 2nd entry with decimals", {"line_id": "{desk}", "quantity": "1"},
           {"line_id": "{desk}", "quantity": "0.5"}, pointers=("#/lines/1/quantity",)),
    _issue("goods issue: a line given twice, its 2nd entry zero", {"line_id": "{desk}", "quantity": "1"},
           {"line_id": "{desk}", "quantity": "0"}, pointers=("#/lines/1/quantity",)),
    _issue("goods issue: unknown warehouse", {"line_id": "{desk}", "quantity": "1"}, warehouse="NOPE",
           pointers=("#/warehouse_code",)),
    _issue("goods issue: no line", pointers=("#/lines",)),
    pytest.param(Bad("POST", "/sales-orders/{confirmed}/goods-issues",
                     {"warehouse_code": "BER-1", "lines": [{"line_id": "{desk}", "quantity": "4"},
                                                           {"line_id": "{desk}", "quantity": "4"}]}, (), status=409),
                 id="goods issue: a line given twice, more than ordered: a business rule, no pointer"),
    pytest.param(Bad("POST", "/products", {"sku": "A B", "name": "Lamp", "price": "1", "currency": "EUR"}, ("#/sku",)),
                 id="product: SKU with a space"),
    pytest.param(Bad("POST", "/products", {"sku": "LAMP", "name": " ", "price": "1", "currency": "EUR"}, ("#/name",)),
                 id="product: blank name"),
    pytest.param(Bad("POST", "/products", {"sku": "LAMP", "name": "Lamp", "price": "-1", "currency": "EUR"},
                     ("#/price",)), id="product: negative price"),
    pytest.param(Bad("POST", "/products", {"sku": "LAMP", "name": "Lamp", "price": "1", "currency": "EUR",
                                           "uom": "furlong"}, ("#/uom",)), id="product: unknown unit of measure"),
    pytest.param(Bad("POST", "/products", {"sku": "LAMP", "name": "Lamp", "price": "1", "currency": "XXX"},
                     ("#/currency",)), id="product: unknown currency"),
    pytest.param(Bad("PATCH", "/products/DESK", {"price": "1.1234567"}, ("#/price",)),
                 id="product update: price with 7 decimals"),
    pytest.param(Bad("POST", "/customers", {"code": "ZED", "name": "Zed", "billing_address": {"country": "Germany"}},
                     ("#/billing_address/country",)), id="customer: country that is not a code"),
    pytest.param(Bad("POST", "/customers", {"code": "ZED", "name": "Zed", "tax_exempt": True,
                                            "tax_exemption_reference": " "}, ("#/tax_exemption_reference",)),
                 id="customer: exempt with a blank reference"),
    pytest.param(Bad("POST", "/customers", {"code": "ZED", "name": "Zed", "tax_exempt": True},
                     ("#/tax_exemption_reference",), absent=("#/tax_exemption_reference",)),
                 id="customer: exempt without a reference"),
    pytest.param(Bad("POST", "/branches", {"code": "HAM", "name": "Hamburg", "currency": "XXX",
                                           "tax_jurisdiction": "DE"}, ("#/currency",)), id="branch: unknown currency"),
    pytest.param(Bad("POST", "/branches", {"code": "HAM", "name": "Hamburg", "currency": "EUR",
                                           "tax_jurisdiction": "de"}, ("#/tax_jurisdiction",)),
                 id="branch: jurisdiction in lower case"),
    pytest.param(Bad("POST", "/warehouses", {"code": "HAM-1", "name": "Hamburg", "branch_code": "NOPE"},
                     ("#/branch_code",)), id="warehouse: unknown branch"),
    pytest.param(Bad("POST", "/warehouses", {"code": "BER-3", "name": "Berlin 3", "branch_code": "BER",
                                             "priority": -1}, ("#/priority",)), id="warehouse: negative priority"),
    pytest.param(Bad("POST", "/tax-rates", {"jurisdiction": "DE", "category": "zero", "rate": "0.1"}, ("#/rate",)),
                 id="tax rate: a rate for the zero category"),
    pytest.param(Bad("POST", "/tax-rates", {"jurisdiction": "DE", "category": "standard", "rate": "1"}, ("#/rate",)),
                 id="tax rate: 100 percent"),
]


@pytest.fixture
def world(clerk: Caller, manager: Caller) -> dict[str, str]:
    """What the bad requests refer to: FLOUR (kg), SETUP (hours), OLD (inactive), USB (priced in USD), a draft
    quotation and a
    draft order of one DESK line each, and a confirmed order of two DESK lines (4 and 3) and a FIT line."""
    for sku, extra in (("FLOUR", {"uom": "kg"}), ("SETUP", {"uom": "hour", "kind": "service"}), ("OLD", {}),
                       ("USB", {"currency": "USD"})):
        created = manager.post("/products", json={"sku": sku, "name": sku.title(), "price": "2.00", "currency": "EUR",
                                                  **extra})
        assert created.status_code == 201, created.get_json()
    assert manager.patch("/products/OLD", json={"active": False}).status_code == 200
    quotation = clerk.post("/quotations", json=_lines(OK_LINE)).get_json()
    order = clerk.post("/sales-orders", json=_lines(OK_LINE)).get_json()
    confirmed = clerk.post("/sales-orders", json={**_lines({"sku": "DESK", "quantity": "4"},
                                                           {"sku": "DESK", "quantity": "3"},
                                                           {"sku": "FIT", "quantity": "1"}), "confirm": True})
    assert confirmed.status_code == 201, confirmed.get_json()
    lines = confirmed.get_json()["lines"]
    return {"quotation": quotation["number"], "qline": quotation["lines"][0]["id"], "order": order["number"],
            "line": order["lines"][0]["id"],
            "confirmed": confirmed.get_json()["number"], "desk": lines[0]["id"], "desk2": lines[1]["id"]}


def filled(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**names) if "{" in value else value
    if isinstance(value, dict):
        return {key: filled(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [filled(item, names) for item in value]
    return value


def resolve(pointer: str, document: Any) -> Any:
    """What a problem's pointer (a URI fragment: `#/lines/2/quantity`) names in `document`."""
    assert pointer.startswith("#"), pointer
    return JsonPointer(unquote(pointer[1:])).resolve(document)


@pytest.mark.parametrize("bad", CASES)
def test_every_pointer_of_a_refusal_resolves_to_the_member_at_fault_in_the_body_sent(
        admin: Caller, world: dict[str, str], bad: Bad) -> None:
    body = filled(bad.body, world)

    response = admin.request(bad.method, bad.path.format(**world), json=body)

    problem = response.get_json()
    assert response.status_code == bad.status, problem
    pointers = [culprit["pointer"] for culprit in problem.get("errors", []) if "pointer" in culprit]
    assert sorted(pointers) == sorted(bad.pointers), problem
    for pointer in pointers:
        if pointer in bad.absent:  # a required member the body lacks: named where it belongs
            parent, _, name = pointer.rpartition("/")
            assert name not in resolve(parent, body)
            continue
        try:
            resolve(pointer, body)
        except JsonPointerException as error:
            pytest.fail(f"{pointer} names nothing in the body sent ({error}): {problem}")
