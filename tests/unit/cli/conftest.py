"""The `oms` command driven through Click's runner against an in-memory system with a small catalogue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner, Result

import oms
from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext

Run = Callable[..., Result]


@pytest.fixture
def system() -> oms.OrderManagement:
    """Branch BER with warehouses BER-1 (priority 10) and BER-2; DESK (100.00, 19%; bought at 60.00) and BOOK
    (20.00, 7%; bought at 12.00) in stock; the service FIT; customer ACME."""
    system = oms.bootstrap(clock=oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-1", name="Berlin main", branch_code="BER", priority=10))
    handle(oms.CreateWarehouse(code="BER-2", name="Berlin overflow", branch_code="BER", priority=20))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    handle(oms.CreateProduct(sku="DESK", name="Desk", price="100.00", currency="EUR"))
    handle(oms.CreateProduct(sku="BOOK", name="Book", price="20.00", currency="EUR",
                             tax_category=oms.TaxCategory.REDUCED))
    handle(oms.CreateProduct(sku="FIT", name="Fitting", price="50.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH"))
    handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="5", unit_cost="60.00"))
    handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-2", quantity="10", unit_cost="60.00"))
    handle(oms.ReceiveStock(sku="BOOK", warehouse_code="BER-1", quantity="50", unit_cost="12.00"))
    return system


@pytest.fixture
def run(system: oms.OrderManagement) -> Run:
    """Invoke `oms ARGS...` on the fixture's system; stderr is kept apart from stdout."""
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), obj=CliContext.of(system))

    return invoke


@pytest.fixture
def confirmed_order(run: Run) -> str:
    """SO-000001: 7 DESK and 2 FIT for ACME, confirmed (5 reserved in BER-1, 2 in BER-2)."""
    assert run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:7",
               "--line", "FIT:2").exit_code == 0
    assert run("order", "confirm", "SO-000001").exit_code == 0
    return "SO-000001"


@pytest.fixture
def plant(system: oms.OrderManagement, run: Run) -> oms.OrderManagement:
    """The TABLE of peers.md 2d, its BOM made at the terminal: 4 LEG, 1 TOP, 8 SCREW (5 % scrap), half an hour at
    30.00; 50 LEG at 5.00, 8 TOP at 40.00 and 1,000 SCREW at 0.10 in BER-1."""
    for sku, cost, stock in (("LEG", "5.00", "50"), ("TOP", "40.00", "8"), ("SCREW", "0.10", "1000")):
        system.handle(oms.CreateProduct(sku=sku, name=sku.title(), price="1.00", currency="EUR"))
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-1", quantity=stock, unit_cost=cost))
    system.handle(oms.CreateProduct(sku="TABLE", name="Table", price="150.00", currency="EUR"))
    made = run("bom", "create", "TABLE", "--component", "LEG=4", "--component", "TOP=1", "--component",
               "SCREW=8:scrap=5", "--operation", "Assemble=0.5@30.00")
    assert made.exit_code == 0, made.stderr
    return system
