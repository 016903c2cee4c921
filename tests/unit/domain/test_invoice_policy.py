"""The invoice policy: each product's (its kind's unless given), copied onto the lines made from it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.masterdata.products import Product
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.tax import TaxCategory

from .builders import AT, line, make_order, make_product, make_quotation


@pytest.mark.parametrize(("kind", "policy"), [(ProductKind.STOCKED, InvoicePolicy.DELIVERED),
                                              (ProductKind.CONSUMABLE, InvoicePolicy.DELIVERED),
                                              (ProductKind.SERVICE, InvoicePolicy.ORDERED)])
def test_a_product_made_without_a_policy_is_invoiced_as_its_kind_is(kind: ProductKind,
                                                                    policy: InvoicePolicy) -> None:
    product = make_product("THING", kind=kind)

    assert product.invoice_policy is policy


def test_a_product_keeps_the_policy_it_was_given() -> None:
    product = Product(new_id(), "CABLE", "Cable", ProductKind.STOCKED, "m", Decimal("2.50"), "EUR",
                      TaxCategory.STANDARD, invoice_policy=InvoicePolicy.ORDERED)

    assert product.invoice_policy is InvoicePolicy.ORDERED


def test_updating_a_product_changes_its_policy_only_when_one_is_given() -> None:
    product = make_product("DESK")

    product.update(name="Oak desk")
    unchanged = product.invoice_policy
    product.update(invoice_policy=InvoicePolicy.ORDERED)

    assert unchanged is InvoicePolicy.DELIVERED
    assert product.invoice_policy is InvoicePolicy.ORDERED


def test_a_line_keeps_the_policy_its_product_had_when_the_line_was_made() -> None:
    desk, setup = make_product("DESK"), make_product("SETUP", kind=ProductKind.SERVICE)
    order = make_order(line(desk, 2), line(setup, 1))

    desk.update(invoice_policy=InvoicePolicy.ORDERED)
    setup.update(invoice_policy=InvoicePolicy.DELIVERED)
    order.add_line(line(desk, 1))

    assert [item.invoice_policy for item in order.lines] == [InvoicePolicy.DELIVERED, InvoicePolicy.ORDERED,
                                                             InvoicePolicy.ORDERED]


def test_an_order_converted_from_a_quotation_keeps_the_policies_of_its_lines() -> None:
    desk = make_product("DESK")
    quotation = make_quotation(line(desk, 2))
    desk.update(invoice_policy=InvoicePolicy.ORDERED)

    order = SalesOrder.from_quotation(quotation, order_id=new_id(), number="SO-000001", at=AT)

    assert [item.invoice_policy for item in order.lines] == [InvoicePolicy.DELIVERED]
