"""Production through the Python API on the in-memory adapters: the acceptance cases of peers.md 2d driven as
commands through the message bus, with the books posted in the same transactions."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest

import oms
from oms.domain.shared.errors import BusinessRuleViolation

D = Decimal
INVENTORY = "1300"


@pytest.fixture
def plant(system: oms.OrderManagement) -> oms.OrderManagement:
    """The shared system, with the TABLE of peers.md 2d: 4 LEG, 1 TOP, 8 SCREW (5 % scrap), half an hour at 30.00;
    50 LEG at 5.00, 8 TOP at 40.00 and 1,000 SCREW at 0.10 in BER-1."""
    for sku, cost, stock in (("LEG", "5.00", "50"), ("TOP", "40.00", "8"), ("SCREW", "0.10", "1000")):
        system.handle(oms.CreateProduct(sku=sku, name=sku.title(), price="1.00", currency="EUR"))
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-1", quantity=stock, unit_cost=cost))
    system.handle(oms.CreateProduct(sku="TABLE", name="Table", price="150.00", currency="EUR"))
    table_bom(system)
    return system


def table_bom(system: oms.OrderManagement, mode: oms.ConsumptionMode = oms.ConsumptionMode.STRICT) -> str:
    return system.handle(oms.CreateBom(
        sku="TABLE", consumption=mode,
        components=(oms.ComponentInput(sku="LEG", quantity="4"), oms.ComponentInput(sku="TOP", quantity="1"),
                    oms.ComponentInput(sku="SCREW", quantity="8", scrap_percent="5")),
        operations=(oms.OperationInput(name="Assemble", hours="0.5", rate="30.00"),)))


def released(system: oms.OrderManagement, quantity: str = "10", tolerance: str = "0") -> str:
    return system.handle(oms.CreateWorkOrder(sku="TABLE", quantity=quantity, warehouse_code="BER-1",
                                             overproduction_percent=tolerance, release=True))


def components(system: oms.OrderManagement, order: str) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Per component: (required, reserved, missing)."""
    view = system.read(oms.show_work_order, order)
    return {c.sku: (c.required, c.reserved, c.missing) for c in view.components}


def level(system: oms.OrderManagement, sku: str) -> tuple[Decimal, Decimal]:
    """(on hand, reserved) of a product in BER-1."""
    with system.bus.uow_factory() as uow:
        product = uow.masterdata.products.by_sku(sku)
        warehouse = uow.masterdata.warehouses.by_code("BER-1")
        assert product is not None
        assert warehouse is not None
        found = uow.stock.level(product.id, warehouse.id)
        return found.on_hand, found.reserved


def valuation_and_books(system: oms.OrderManagement) -> tuple[Decimal, Decimal]:
    """The value of all stock, and the balance of the inventory account."""
    with system.bus.uow_factory() as uow:
        stock = sum((b.value for b in uow.stock.balances()), Decimal(0))
        books = sum((line.debit - line.credit for entry in uow.accounting.journal.entries() for line in entry.lines
                     if line.account_code == INVENTORY), Decimal(0))
    return stock, books


def test_releasing_a_work_order_of_10_tables_reserves_legs_screws_and_the_8_tops_there_are(
        plant: oms.OrderManagement) -> None:
    order = released(plant)

    assert components(plant, order) == {"LEG": (D(40), D(40), D(0)), "TOP": (D(10), D(8), D(2)),
                                         "SCREW": (D(85), D(85), D(0))}
    assert plant.read(oms.show_work_order, order).number == "WO-000001"
    assert level(plant, "LEG") == (D(50), D(40))


def test_producing_6_tables_posts_them_at_75_85_and_keeps_the_books_equal_to_the_stock(
        plant: oms.OrderManagement) -> None:
    order = released(plant)

    reference = plant.handle(oms.ReportOutput(order_id=order, quantity="6"))

    view = plant.read(oms.show_work_order, order)
    [output] = view.outputs
    assert (reference, view.status) == ("WO-000001/1", "in_progress")
    assert (output.unit_cost.amount, output.value.amount) == (D("75.85"), D("455.10"))
    assert components(plant, order) == {"LEG": (D(40), D(16), D(0)), "TOP": (D(10), D(2), D(2)),
                                        "SCREW": (D(85), D(34), D(0))}
    assert [level(plant, sku)[0] for sku in ("TABLE", "LEG", "TOP", "SCREW")] == [D(6), D(26), D(2), D(949)]
    stock, books = valuation_and_books(plant)
    assert stock == books


def test_closing_short_after_6_releases_the_reservations_and_cancelling_is_refused(
        plant: oms.OrderManagement) -> None:
    order = released(plant)
    plant.handle(oms.ReportOutput(order_id=order, quantity="6"))

    with pytest.raises(BusinessRuleViolation) as refused:
        plant.handle(oms.CancelWorkOrder(order_id=order))
    plant.handle(oms.CloseWorkOrder(order_id=order, reason="tops late"))

    assert refused.value.rule == "WorkOrderHasProduction"
    assert plant.read(oms.show_work_order, order).status == "closed_short"
    assert [level(plant, sku)[1] for sku in ("LEG", "TOP", "SCREW")] == [0, 0, 0]
    assert level(plant, "TABLE") == (D(6), D(0))


@pytest.mark.parametrize(("mode", "outcome"), [(oms.ConsumptionMode.STRICT, "ConsumptionMustMatchBom"),
                                               (oms.ConsumptionMode.WARNING, "deviation"),
                                               (oms.ConsumptionMode.FLEXIBLE, "accepted")])
def test_26_legs_for_6_tables_are_refused_recorded_or_accepted_by_the_boms_consumption_mode(
        plant: oms.OrderManagement, mode: oms.ConsumptionMode, outcome: str) -> None:
    table_bom(plant, mode)
    order = released(plant)
    consumed = (oms.ConsumedInput(sku="LEG", quantity="26"), oms.ConsumedInput(sku="TOP", quantity="6"),
                oms.ConsumedInput(sku="SCREW", quantity="51"))

    try:
        plant.handle(oms.ReportOutput(order_id=order, quantity="6", consumed=consumed))
    except BusinessRuleViolation as refused:
        result = refused.rule
    else:
        deviations = plant.read(oms.show_work_order, order).deviations
        result = "deviation" if deviations else "accepted"

    assert result == outcome


def test_over_production_of_10_percent_accepts_11_and_refuses_a_twelfth(plant: oms.OrderManagement) -> None:
    plant.handle(oms.ReceiveStock(sku="TOP", warehouse_code="BER-1", quantity="4", unit_cost="40.00"))
    order = released(plant, tolerance="10")
    plant.handle(oms.ReportOutput(order_id=order, quantity="11"))

    with pytest.raises(BusinessRuleViolation) as refused:
        plant.handle(oms.ReportOutput(order_id=order, quantity="1"))

    assert refused.value.rule == "CannotProduceMoreThanTolerated"


def test_two_operators_reporting_the_last_4_at_once_never_exceed_the_tolerance(plant: oms.OrderManagement) -> None:
    plant.handle(oms.ReceiveStock(sku="TOP", warehouse_code="BER-1", quantity="4", unit_cost="40.00"))
    order = released(plant, tolerance="10")
    plant.handle(oms.ReportOutput(order_id=order, quantity="7"))
    outcomes: list[str] = []

    def report() -> None:
        try:
            outcomes.append(plant.handle(oms.ReportOutput(order_id=order, quantity="4")))
        except BusinessRuleViolation as refused:
            outcomes.append(refused.rule)

    threads = [threading.Thread(target=report) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["CannotProduceMoreThanTolerated", "WO-000001/2"]
    assert plant.read(oms.show_work_order, order).produced == D(11)


def test_no_table_is_made_while_there_is_no_top(plant: oms.OrderManagement) -> None:
    plant.handle(oms.AdjustStock(sku="TOP", warehouse_code="BER-1", quantity="-8", reason="broken"))
    order = released(plant)

    with pytest.raises(BusinessRuleViolation) as refused:
        plant.handle(oms.ReportOutput(order_id=order, quantity="1"))

    assert refused.value.rule == "ComponentsMustBeAvailable"
    assert level(plant, "TABLE") == (D(0), D(0))


def test_a_stocked_subassembly_gets_a_child_order_whose_output_the_parent_reserves(
        plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    plant.handle(oms.CreateBom(sku="LEG-KIT", components=(oms.ComponentInput(sku="LEG", quantity="4"),)))
    plant.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="LEG-KIT", quantity="1", kind=oms.ComponentKind.SUBASSEMBLY),
        oms.ComponentInput(sku="TOP", quantity="1"))))
    parent = released(plant, "2")
    [child] = plant.read(oms.show_work_order, parent).children

    plant.handle(oms.ReleaseWorkOrder(order_id=child))
    plant.handle(oms.ReportOutput(order_id=child, quantity="2"))

    assert components(plant, parent)["LEG-KIT"] == (D(2), D(2), D(0))
    assert plant.read(oms.show_work_order, child).parent_number == "WO-000001"


def test_a_phantom_kit_shows_in_the_bom_tree_and_its_legs_in_the_work_order(plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    plant.handle(oms.CreateBom(sku="LEG-KIT", components=(oms.ComponentInput(sku="LEG", quantity="4"),)))
    plant.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="LEG-KIT", quantity="1", kind=oms.ComponentKind.PHANTOM),
        oms.ComponentInput(sku="TOP", quantity="1"))))

    order = released(plant, "2")

    tree = plant.read(oms.show_bom, "TABLE")
    assert [(n.sku, [c.sku for c in n.components]) for n in tree.components] == [("LEG-KIT", ["LEG"]), ("TOP", [])]
    assert set(components(plant, order)) == {"LEG", "TOP"}


def test_a_bom_leading_back_to_its_product_is_refused(plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateProduct(sku="LEG-KIT", name="Leg kit", price="1.00", currency="EUR"))
    plant.handle(oms.CreateBom(sku="LEG-KIT", components=(oms.ComponentInput(sku="TABLE", quantity="1"),)))

    with pytest.raises(BusinessRuleViolation) as refused:
        plant.handle(oms.CreateBom(sku="TABLE", components=(oms.ComponentInput(sku="LEG-KIT", quantity="1"),)))

    assert (refused.value.rule, refused.value.detail) == ("BomMustNotBeCyclic", "TABLE -> LEG-KIT -> TABLE")


def test_activating_an_earlier_revision_makes_it_the_one_work_orders_use(plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateBom(sku="TABLE", components=(oms.ComponentInput(sku="LEG", quantity="3"),)))

    plant.handle(oms.ActivateBomVersion(sku="TABLE", revision=1))

    assert plant.read(oms.show_bom, "TABLE").revision == 1


def test_service_hours_approved_are_to_invoice_and_deleting_a_line_lowers_them(system: oms.OrderManagement) -> None:
    order = system.handle(oms.CreateServiceOrder(sku="FIT", quantity="10", customer_code="ACME"))
    start = system.bus.clock.now() + timedelta(days=1)
    system.handle(oms.ScheduleServiceOrder(order_id=order, technician="Ada", slot_start=start,
                                           slot_end=start + timedelta(hours=4)))
    system.handle(oms.StartServiceOrder(order_id=order))
    four = system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, 3), hours="4"))
    two = system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, 4), hours="2"))
    system.handle(oms.ApproveLabour(order_id=order, line_id=four))
    system.handle(oms.ApproveLabour(order_id=order, line_id=two))

    system.handle(oms.RemoveLabour(order_id=order, line_id=two))

    view = system.read(oms.show_service_order, order)
    assert (view.status, view.delivered, view.to_invoice, view.amount_to_invoice.amount) == (
        "in_progress", D(4), D(4), D("200.00"))


def test_an_output_posts_finished_goods_against_components_and_labour_absorbed(plant: oms.OrderManagement) -> None:
    order = released(plant)

    plant.handle(oms.ReportOutput(order_id=order, quantity="6"))

    with plant.bus.uow_factory() as uow:
        [entry] = [e for e in uow.accounting.journal.entries() if e.description == "Production WO-000001/1"]
    assert [(line.account_code, line.debit, line.credit) for line in entry.lines] == [
        ("1300", D("455.10"), D(0)), ("1300", D(0), D("365.10")), ("5300", D(0), D("90.00"))]


def test_every_production_command_is_declared_once_in_the_action_table() -> None:
    from oms.application.production import actions, boms, service_orders, work_orders

    declared = [action.command for action in actions.ACTIONS]
    handled = [*boms.HANDLERS, *work_orders.HANDLERS, *service_orders.HANDLERS]

    assert sorted(c.__name__ for c in declared) == sorted(c.__name__ for c in handled)


def test_a_service_line_of_a_confirmed_order_gets_one_service_order_with_its_hours_and_rate(
        system: oms.OrderManagement) -> None:
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                               lines=(oms.LineInput(sku="FIT", quantity="10"),)))
    line = system.sales_order(order).lines[0].id

    service = system.handle(oms.CreateServiceOrderForLine(order_id=order, line_id=line))
    with pytest.raises(BusinessRuleViolation) as refused:
        system.handle(oms.CreateServiceOrderForLine(order_id=order, line_id=line))

    view = system.read(oms.show_service_order, service)
    assert (view.sku, view.quantity, view.unit_price.amount, view.policy) == ("FIT", D(10), D("50.00"),
                                                                              "delivered_hours")
    assert refused.value.rule == "ServiceOrderExistsForLine"


def test_a_backordered_line_made_to_order_reserves_the_tables_as_they_are_made(plant: oms.OrderManagement) -> None:
    order = plant.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                              confirm=True, lines=(oms.LineInput(sku="TABLE", quantity="6"),)))
    line = plant.sales_order(order).lines[0].id
    work_order = plant.handle(oms.MakeToOrder(order_id=order, line_id=line))

    plant.handle(oms.ReportOutput(order_id=work_order, quantity="4"))

    sales_order = plant.sales_order(order)
    assert (sales_order.open_reserved(line), sales_order.backordered(sales_order.lines[0])) == (D(4), D(2))
    assert level(plant, "TABLE") == (D(4), D(4))
    assert plant.read(oms.show_work_order, work_order).quantity == D(6)


def test_a_line_being_made_is_not_made_twice_but_what_a_closed_order_left_short_is(
        plant: oms.OrderManagement) -> None:
    order = plant.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                              confirm=True, lines=(oms.LineInput(sku="TABLE", quantity="6"),)))
    line = plant.sales_order(order).lines[0].id
    first = plant.handle(oms.MakeToOrder(order_id=order, line_id=line))
    plant.handle(oms.ReportOutput(order_id=first, quantity="4"))

    with pytest.raises(BusinessRuleViolation) as refused:
        plant.handle(oms.MakeToOrder(order_id=order, line_id=line))
    plant.handle(oms.CloseWorkOrder(order_id=first, reason="two tops cracked"))
    second = plant.handle(oms.MakeToOrder(order_id=order, line_id=line))

    assert refused.value.rule == "LineIsBeingMade"
    assert plant.read(oms.show_work_order, second).quantity == D(2)


@pytest.mark.parametrize(("backflush", "taken"), [(oms.BackflushBasis.TRANSFERRED, [D(99), D(11)]),
                                                  (oms.BackflushBasis.BOM, [D(90), D(10)])])
def test_110_transferred_for_100_are_consumed_by_the_configured_basis_never_111(
        system: oms.OrderManagement, backflush: oms.BackflushBasis, taken: list[Decimal]) -> None:
    system.handle(oms.CreateProduct(sku="RM", name="Raw", price="1.00", currency="EUR"))
    system.handle(oms.CreateProduct(sku="X", name="X", price="9.00", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="RM", warehouse_code="BER-1", quantity="120", unit_cost="1.00"))
    system.handle(oms.CreateBom(sku="X", components=(oms.ComponentInput(sku="RM", quantity="1"),)))
    order = system.handle(oms.CreateWorkOrder(sku="X", quantity="100", warehouse_code="BER-1", backflush=backflush,
                                              release=True))
    system.handle(oms.TransferMaterial(order_id=order, lines=(oms.ConsumedInput(sku="RM", quantity="110"),)))

    system.handle(oms.ReportOutput(order_id=order, quantity="90"))
    after_90 = system.read(oms.show_work_order, order).components[0].consumed
    system.handle(oms.ReportOutput(order_id=order, quantity="10"))

    [rm] = system.read(oms.show_work_order, order).components
    assert [after_90, rm.consumed - after_90] == taken
    assert rm.consumed <= rm.transferred


def test_work_orders_make_and_use_stocked_products_but_a_kit_need_not_be_stocked(
        plant: oms.OrderManagement) -> None:
    plant.handle(oms.CreateProduct(sku="KIT", name="Kit", price="1.00", currency="EUR",
                                   kind=oms.ProductKind.CONSUMABLE))
    plant.handle(oms.CreateBom(sku="KIT", components=(oms.ComponentInput(sku="LEG", quantity="4"),)))

    plant.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="KIT", quantity="1", kind=oms.ComponentKind.PHANTOM),)))
    with pytest.raises(BusinessRuleViolation) as service:
        plant.handle(oms.CreateBom(sku="FIT", components=(oms.ComponentInput(sku="LEG", quantity="1"),)))
    with pytest.raises(BusinessRuleViolation) as used:
        plant.handle(oms.CreateBom(sku="TABLE", components=(oms.ComponentInput(sku="KIT", quantity="1"),)))
    with pytest.raises(BusinessRuleViolation) as made:
        plant.handle(oms.CreateWorkOrder(sku="KIT", quantity="1", warehouse_code="BER-1"))

    assert (service.value.rule, used.value.rule, made.value.rule) == (
        "ProductMustBeGoods", "ComponentMustBeStocked", "ProductMustBeStocked")
