"""Suppliers and exchange rates in the console: a supplier created and priced from its page, its prices on the
product's page too, a price removed, and the rates listed."""

from __future__ import annotations

from flask import Flask

from oms.domain.access.tokens import Role
from tests.unit.console.conftest import browser, text


def test_a_supplier_is_created_priced_and_shown_on_its_and_the_products_page(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)

    created = manager.post("/console/supplier/do/create", {"code": "BOLT", "name": "Bolt AG", "currency": "EUR",
                                                           "lead_time_days": "4"})
    manager.post("/console/supplier/BOLT/do/set-price", {"sku": "BOOK", "price": "90", "purchase_unit": "box of 10",
                                                         "unit_factor": "10"})
    supplier_page = text(manager.get("/console/suppliers/BOLT"))
    product_page = text(manager.get("/console/products/BOOK"))

    assert created.location == "/console/suppliers/BOLT"
    assert "box of 10" in supplier_page
    assert "9.00 EUR" in supplier_page  # per stock unit
    assert "Remove…" in supplier_page
    assert "BOLT" in product_page
    assert "BOLT" in text(manager.get("/console/suppliers?search=bol"))


def test_a_rate_is_set_from_the_console_and_listed(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)

    manager.post("/console/exchange_rate/do/set", {"from_currency": "EUR", "to_currency": "USD", "day": "2026-03-01",
                                                   "rate": "1.0842"})

    assert "1.0842" in text(manager.get("/console/exchange-rates"))
