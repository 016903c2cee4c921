"""`oms reorder-rule ...` and `oms proposal ...` through Click's runner: rules set, what to buy as a table, the day's
proposal prepared once and its picked lines turned into draft purchase orders."""

from __future__ import annotations

import json
from decimal import Decimal

import oms
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier

from .conftest import Run


def test_a_rule_set_at_the_terminal_shows_in_what_to_buy_as_a_table(run: Run) -> None:
    set_rule = run("reorder-rule", "set", "--sku", "DESK", "--warehouse", "BER-1", "--minimum", "10", "--maximum",
                   "40", "--multiple", "5")

    listed = run("reorder-rule", "list")
    table = run("proposal", "what-to-buy")
    as_json = json.loads(run("proposal", "what-to-buy", "--json").output)

    assert set_rule.exit_code == 0, set_rule.output
    assert "DESK" in listed.output
    assert table.output.splitlines()[0].split() == ["sku", "warehouse", "available", "incoming", "demand",
                                                    "projected", "minimum", "maximum", "buy", "supplier",
                                                    "unit_price"]
    assert table.output.splitlines()[2].split()[:9] == ["DESK", "BER-1", "5", "0", "0", "5", "10", "40", "35"]
    assert [line["quantity"] for line in as_json["lines"]] == ["35"]


def test_a_bad_rule_is_refused_in_one_line_naming_the_field(run: Run) -> None:
    refused = run("reorder-rule", "set", "--sku", "DESK", "--warehouse", "BER-1", "--minimum", "10", "--maximum",
                  "5")

    assert refused.exit_code == 2
    assert "maximum" in refused.output
    assert "Traceback" not in refused.output


def test_the_prepared_proposal_is_shown_with_its_day_and_picked_lines_become_a_draft_order(
        run: Run, system: oms.OrderManagement) -> None:
    with system.bus.uow_factory() as uow:
        desk = uow.masterdata.products.by_sku("DESK")
        assert desk is not None
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.masterdata.supplier_prices.add(SupplierPrice(id="p1", supplier_id="s1", product_id=desk.id,
                                                         price=Decimal("55.00"), currency="EUR"))
        uow.commit()
    run("reorder-rule", "set", "--sku", "DESK", "--warehouse", "BER-1", "--minimum", "10", "--maximum", "40")

    prepared = run("proposal", "prepare")
    shown = run("proposal", "show")
    ordered = run("proposal", "order", "--pick", "DESK@BER-1")
    bad = run("proposal", "order", "--pick", "DESK")

    assert prepared.exit_code == 0, prepared.output
    assert shown.output.startswith("prepared on 2026-03-02")
    assert "BOLT" in shown.output
    assert ordered.exit_code == 0, ordered.output
    [order] = system.bus.uow_factory().procurement.orders.list()
    assert (order.status, order.lines[0].quantity) == (oms.PurchaseOrderStatus.DRAFT, Decimal(35))
    assert bad.exit_code == 2
    assert "SKU@WAREHOUSE" in bad.output


def test_picked_lines_become_a_request_for_quotation_at_the_terminal(run: Run, system: oms.OrderManagement) -> None:
    with system.bus.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.commit()
    run("reorder-rule", "set", "--sku", "DESK", "--warehouse", "BER-1", "--minimum", "10", "--maximum", "40")
    run("proposal", "prepare")

    requested = run("proposal", "request", "--pick", "DESK@BER-1", "--supplier", "BOLT")

    assert requested.exit_code == 0, requested.output
    [rfq] = system.bus.uow_factory().procurement.rfqs.list()
    assert [line.quantity for line in rfq.lines] == [Decimal(35)]
