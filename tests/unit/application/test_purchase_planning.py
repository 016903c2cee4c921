"""Purchase planning through the Python API: reorder rules, what to buy, and the day's proposal prepared once."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest

import oms
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.procurement.planning_events import PurchaseProposalPrepared, ReorderRuleSet
from oms.domain.shared.errors import InvalidValue, NotFound

D = Decimal


def add_suppliers(system: oms.OrderManagement) -> None:
    """BOLT sells DESK at 50.00 EUR from 1; CHEAP at 40.00 EUR but only from 60."""
    with system.bus.uow_factory() as uow:
        desk = uow.masterdata.products.by_sku("DESK")
        assert desk is not None
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT", "Bolt AG", "EUR"))
        uow.masterdata.suppliers.add(Supplier("s-cheap", "CHEAP", "Cheap Ltd", "EUR"))
        uow.masterdata.supplier_prices.add(SupplierPrice(id="p1", supplier_id="s-bolt", product_id=desk.id,
                                                         price=D("50.00"), currency="EUR"))
        uow.masterdata.supplier_prices.add(SupplierPrice(id="p2", supplier_id="s-cheap", product_id=desk.id,
                                                         price=D("40.00"), currency="EUR", min_quantity=D(60)))
        uow.commit()


def backorder(system: oms.OrderManagement, quantity: str) -> str:
    return system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                              confirm=True, lines=(oms.LineInput(sku="DESK", quantity=quantity),)))


def test_what_to_buy_counts_unreserved_demand_against_the_branchs_first_warehouse(
        system: oms.OrderManagement) -> None:
    add_suppliers(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40", multiple="5"))
    backorder(system, "20")  # 5 reserved in BER-1, 10 in BER-2, 5 backordered

    proposal = system.read(oms.what_to_buy, date(2026, 3, 2))

    [line] = proposal.lines
    assert (line.sku, line.warehouse_code, line.available.value, line.demand.value, line.projected.value) == (
        "DESK", "BER-1", D(0), D(5), D(-5))
    assert (line.quantity.value, line.supplier_code, line.unit_price) == (D(45), "BOLT", D("50.000000"))
    assert proposal.prepared_at is None


def test_a_larger_need_goes_to_the_supplier_whose_minimum_it_reaches(system: oms.OrderManagement) -> None:
    add_suppliers(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-2", minimum="50", maximum="70"))

    [line] = system.read(oms.what_to_buy, date(2026, 3, 2)).lines

    assert (line.quantity.value, line.supplier_code) == (D(60), "CHEAP")


def test_nothing_is_to_be_bought_while_stock_is_at_or_above_the_minimum(system: oms.OrderManagement) -> None:
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-2", minimum="10", maximum="40"))

    assert system.read(oms.what_to_buy, date(2026, 3, 2)).lines == []


def test_setting_a_rule_again_changes_it_and_records_each_setting(system: oms.OrderManagement) -> None:
    first = system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    second = system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="2", maximum="8",
                                              multiple="2", active=False))

    rule = system.bus.uow_factory().planning.rules.get(first)
    assert second == first
    assert (rule.minimum, rule.maximum, rule.multiple, rule.active) == (D(2), D(8), D(2), False)
    assert [type(e) for e in system.events(first)] == [ReorderRuleSet, ReorderRuleSet]


@pytest.mark.parametrize(("changes", "field"), [
    ({"sku": "NOPE"}, "sku"), ({"warehouse_code": "NOPE"}, "warehouse_code"), ({"minimum": "-1"}, "minimum"),
    ({"multiple": "0"}, "multiple"), ({"maximum": "1.5"}, "maximum"), ({"minimum": 1.5}, "minimum")])
def test_a_bad_rule_is_refused_naming_the_field_and_nothing_is_kept(
        system: oms.OrderManagement, changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"sku": "DESK", "warehouse_code": "BER-1", "minimum": "1", "maximum": "5", **changes}

    with pytest.raises((InvalidValue, NotFound)) as refused:
        system.handle(oms.SetReorderRule(**values))  # type: ignore[arg-type]

    assert getattr(refused.value, "field", None) == field
    assert system.bus.uow_factory().planning.rules.list() == []


def test_preparing_twice_on_one_day_keeps_the_first_proposal(system: oms.OrderManagement) -> None:
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))

    day = system.handle(oms.PreparePurchaseProposal(actor="scheduler"))
    backorder(system, "20")
    again = system.handle(oms.PreparePurchaseProposal(actor="scheduler"))

    prepared = system.read(oms.prepared_proposal, day)
    assert again == day == date(2026, 3, 2)
    assert [(line.quantity.value, line.demand.value) for line in prepared.lines] == [(D(35), D(0))]
    assert prepared.prepared_at is not None
    assert [type(e) for e in system.events(day.isoformat())] == [PurchaseProposalPrepared]


def test_two_threads_preparing_the_same_day_make_one_proposal(system: oms.OrderManagement) -> None:
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    start = threading.Barrier(4)
    results: list[date] = []

    def prepare() -> None:
        start.wait()
        results.append(system.handle(oms.PreparePurchaseProposal(actor="scheduler")))

    threads = [threading.Thread(target=prepare) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [date(2026, 3, 2)] * 4
    assert len([e for e in system.events("2026-03-02") if isinstance(e, PurchaseProposalPrepared)]) == 1


def test_no_proposal_prepared_is_not_found_naming_the_day(system: oms.OrderManagement) -> None:
    with pytest.raises(NotFound) as missing:
        system.read(oms.prepared_proposal, date(2026, 3, 1))

    assert (missing.value.kind, missing.value.key) == ("purchase_proposal", "2026-03-01")


def test_open_purchase_lines_count_as_incoming_and_received_or_cancelled_ones_do_not(
        system: oms.OrderManagement) -> None:
    add_suppliers(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    ordered = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT", branch_code="BER", warehouse_code="BER-1",
                                                    lines=(oms.LineInput(sku="DESK", quantity="4",
                                                                         unit_price="50"),)))
    dropped = system.handle(oms.CreatePurchaseOrder(supplier_code="BOLT", branch_code="BER", warehouse_code="BER-1",
                                                    lines=(oms.LineInput(sku="DESK", quantity="7",
                                                                         unit_price="50"),)))
    system.handle(oms.CancelPurchaseOrder(order_id=dropped, reason="twice"))

    [line] = system.read(oms.what_to_buy, date(2026, 3, 2)).lines

    assert (line.incoming.value, line.projected.value, line.quantity.value) == (D(4), D(9), D(31))
    assert ordered


def test_picked_lines_become_one_draft_purchase_order_per_supplier_and_are_ordered_once(
        system: oms.OrderManagement) -> None:
    add_suppliers(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-2", minimum="50", maximum="70"))
    system.handle(oms.SetReorderRule(sku="BOOK", warehouse_code="BER-1", minimum="1", maximum="3"))
    system.handle(oms.PreparePurchaseProposal())
    picks = (oms.ProposalPick(sku="DESK", warehouse_code="BER-1"), oms.ProposalPick(sku="DESK", warehouse_code="BER-2"))

    numbers = system.handle(oms.CreateProposedPurchaseOrders(picks=picks))

    orders = [system.bus.uow_factory().procurement.orders.by_number(number) for number in numbers]
    assert [(o.supplier_id, [(line.quantity, line.unit_price) for line in o.lines]) for o in orders if o] == [
        ("s-bolt", [(D(35), D("50.000000"))]), ("s-cheap", [(D(60), D("40.000000"))])]
    prepared = system.read(oms.prepared_proposal)
    assert [(line.sku, line.warehouse_code, line.purchase_order) for line in prepared.lines] == [
        ("BOOK", "BER-1", None), ("DESK", "BER-1", numbers[0]), ("DESK", "BER-2", numbers[1])]
    with pytest.raises(oms.BusinessRuleViolation) as again:
        system.handle(oms.CreateProposedPurchaseOrders(picks=picks[:1]))
    with pytest.raises(oms.BusinessRuleViolation) as nobody:
        system.handle(oms.CreateProposedPurchaseOrders(picks=(oms.ProposalPick(sku="BOOK", warehouse_code="BER-1"),)))
    with pytest.raises(NotFound) as unknown:
        system.handle(oms.CreateProposedPurchaseOrders(picks=(oms.ProposalPick(sku="FIT", warehouse_code="BER-1"),)))
    assert (again.value.rule, nobody.value.rule, unknown.value.field) == (
        "ProposalLineMustNotBeOrdered", "ProposalLineMustHaveSupplier", "picks.0")
    assert len(system.bus.uow_factory().procurement.orders.list()) == 2
    assert [line.sku for line in system.read(oms.what_to_buy, date(2026, 3, 2)).lines] == ["BOOK"]  # DESK comes


def test_picked_lines_become_one_request_for_quotation_per_branch_to_the_suppliers_with_a_price(
        system: oms.OrderManagement) -> None:
    add_suppliers(system)
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-1", minimum="10", maximum="40"))
    system.handle(oms.SetReorderRule(sku="DESK", warehouse_code="BER-2", minimum="50", maximum="70"))
    system.handle(oms.SetReorderRule(sku="BOOK", warehouse_code="MUC-1", minimum="1", maximum="3"))
    system.handle(oms.PreparePurchaseProposal())
    picks = (oms.ProposalPick(sku="DESK", warehouse_code="BER-1"), oms.ProposalPick(sku="DESK", warehouse_code="BER-2"),
             oms.ProposalPick(sku="BOOK", warehouse_code="MUC-1"))

    numbers = system.handle(oms.CreateProposedRfqs(picks=picks))

    rfqs = [system.bus.uow_factory().procurement.rfqs.by_number(number) for number in numbers]
    assert [(len(r.lines), sorted(s.supplier_id for s in r.suppliers)) for r in rfqs if r] == [
        (2, ["s-bolt", "s-cheap"]), (1, ["s-bolt", "s-cheap"])]
    assert [line.rfq for line in system.read(oms.prepared_proposal).lines] == [numbers[1], numbers[0], numbers[0]]
    with pytest.raises(oms.BusinessRuleViolation) as again:
        system.handle(oms.CreateProposedPurchaseOrders(picks=picks[:1]))
    assert again.value.rule == "ProposalLineMustNotBeOrdered"
