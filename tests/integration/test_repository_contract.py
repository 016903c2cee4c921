"""The repositories' contract, on memory, SQLite and PostgreSQL: every aggregate comes back as it was stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.application.masterdata.queries import show_product
from oms.domain.masterdata.parties import Address, Branch, Customer, Warehouse
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.documents import LineDraft
from oms.domain.shared.ids import DocumentType
from oms.domain.shared.tax import TaxRate
from oms.domain.stock.reservations import Inventory

from .integration_helpers import Backend, check_ledger, seed_master_data, snapshot

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def test_master_data_round_trips_with_addresses_and_exact_decimals(backend: Backend) -> None:
    branch = Branch("b1", "BER", "Berlin", "EUR", "DE")
    warehouse = Warehouse("w1", "BER-A", "Berlin A", "b1", priority=5, active=False)
    rate = TaxRate("t1", "DE", oms.TaxCategory.REDUCED, Decimal("0.070"))
    product = oms.Product("p1", "SKU-1", "Thing", oms.ProductKind.CONSUMABLE, "kg", Decimal("0.123456"), "EUR",
                          oms.TaxCategory.REDUCED, invoice_policy=oms.InvoicePolicy.ORDERED,
                          category="hardware/fasteners")
    customer = Customer("c1", "ACME", "Acme", "a@acme.example",
                        Address(line1="Hauptstr. 1", line2="2. OG", city="Berlin", postal_code="10115",
                                region="BE", country="DE"),
                        Address(city="Potsdam", country="DE"), True, "EXEMPT-1", active=False)
    uow = backend.uow_factory()
    with uow:
        uow.masterdata.branches.add(branch)
        uow.masterdata.warehouses.add(warehouse)
        uow.masterdata.tax_rates.add(rate)
        uow.masterdata.products.add(product)
        uow.masterdata.customers.add(customer)
        uow.commit()

    with uow:
        loaded_product = uow.masterdata.products.by_sku("SKU-1")
        loaded = [uow.masterdata.branches.get("b1"), uow.masterdata.warehouses.get("w1"),
                  uow.masterdata.tax_rates.for_jurisdiction("DE")[0],
                  loaded_product, uow.masterdata.customers.by_code("ACME")]

    assert [snapshot(obj) for obj in loaded] == [snapshot(obj) for obj in (branch, warehouse, rate, product,
                                                                            customer)]
    assert loaded_product is not None
    assert str(loaded_product.price) == "0.123456"
    assert loaded_product.version == 1
    assert loaded_product.invoice_policy is oms.InvoicePolicy.ORDERED  # not its kind's
    assert loaded_product.category == "hardware/fasteners"


def test_a_product_category_is_kept_changed_and_removed(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    system.handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="0.20", currency="EUR", category=" hardware "))
    system.handle(oms.CreateProduct(sku="NUT", name="Nut", price="0.10", currency="EUR"))

    created = [system.read(show_product, sku).category for sku in ("BOLT", "NUT")]
    system.handle(oms.UpdateProduct(sku="BOLT", category="hardware/fasteners"))
    changed = system.read(show_product, "BOLT").category
    system.handle(oms.UpdateProduct(sku="BOLT", price="0.25"))
    kept = system.read(show_product, "BOLT").category
    system.handle(oms.UpdateProduct(sku="BOLT", category=""))
    removed = system.read(show_product, "BOLT").category

    assert created == ["hardware", None]
    assert (changed, kept, removed) == ("hardware/fasteners", "hardware/fasteners", None)


def _documents(system: oms.OrderManagement) -> tuple[str, str]:
    """A quotation with every collection filled, and a sales order with lines, reservations, two goods issues
    (one with two lines) and an audit trail, both with line and order discounts."""
    quotation_id = system.handle(oms.CreateQuotation(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.percent("2.5"), notes="Rush",
        valid_until=date.today() + timedelta(days=10),
        lines=(oms.LineInput(sku="WIDGET", quantity="3", discount=oms.Discount.amount("1.50")),
               oms.LineInput(sku="GADGET", quantity="1", unit_price="89.123456"),
               oms.LineInput(sku="SETUP", quantity="2", description="On site"))))
    system.handle(oms.SendQuotation(quotation_id=quotation_id, actor="alice"))
    order_id = system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.amount("5"),
        over_delivery_percent="10", customer_reference="PO-77",
        lines=(oms.LineInput(sku="WIDGET", quantity="12", discount=oms.Discount.percent("10")),
               oms.LineInput(sku="GADGET", quantity="1"), oms.LineInput(sku="SETUP", quantity="1"))))
    system.handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-A", quantity="5"))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id, actor="bob"))
    order = system.sales_order(order_id)
    widget, gadget = order.lines[0], order.lines[1]
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=widget.id, quantity="5"),
                                        oms.IssueLine(line_id=gadget.id, quantity="1"))))
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-B",
                                 lines=(oms.IssueLine(line_id=widget.id, quantity="2"),)))
    return quotation_id, order_id


def test_documents_round_trip_with_lines_reservations_issues_and_audit_trail(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 10, "BER-B": 4})
    system.handle(oms.UpdateProduct(sku="GADGET", invoice_policy=oms.InvoicePolicy.ORDERED))  # not its kind's
    quotation_id, order_id = _documents(system)

    quotation, order = system.quotation(quotation_id), system.sales_order(order_id)
    again_quotation, again_order = system.quotation(quotation.number), system.sales_order(order.number)

    assert snapshot(again_quotation) == snapshot(quotation)
    assert snapshot(again_order) == snapshot(order)
    assert len(quotation.lines) == 3
    assert [line.invoice_policy for line in (*quotation.lines, *order.lines)] == 2 * [
        oms.InvoicePolicy.DELIVERED, oms.InvoicePolicy.ORDERED, oms.InvoicePolicy.ORDERED]
    assert quotation.order_discount == oms.Discount.percent("2.5")
    assert [(c.from_status, c.to_status, c.actor) for c in quotation.history] == [("draft", "sent", "alice")]
    assert [(int(r.quantity), int(r.issued)) for r in order.reservations] == [(10, 5), (2, 2), (1, 1)]  # A/B split
    assert [len(issue.lines) for issue in order.goods_issues] == [2, 1]
    assert [c.to_status for c in order.history] == ["confirmed", "partially_issued"]
    assert order.status is oms.SalesOrderStatus.PARTIALLY_ISSUED
    assert order.history[0].at.tzinfo is not None
    check_ledger(backend.uow_factory())


def test_a_document_changed_in_place_keeps_its_collections_in_order(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=tuple(
        oms.LineInput(sku="SETUP", quantity=str(n)) for n in range(1, 6))))
    lines = system.sales_order(order_id).lines

    system.handle(oms.RemoveOrderLine(order_id=order_id, line_id=lines[1].id))
    system.handle(oms.UpdateOrderLine(order_id=order_id, line_id=lines[3].id, quantity="40",
                                      discount=oms.Discount.percent("50")))
    system.handle(oms.SetOrderDiscount(order_id=order_id, discount=None))
    order = system.sales_order(order_id)

    assert [line.quantity for line in order.lines] == [1, 3, 40, 5]
    assert order.lines[2].discount == oms.Discount.percent("50")
    assert order.order_discount is None
    assert order.version == 3  # created, then two changes: clearing an absent discount changes nothing


def test_queries_find_what_they_promise(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-B": 3})
    old = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER",
                                            valid_until=date.today(), lines=(oms.LineInput(sku="SETUP",
                                                                                           quantity="1"),)))
    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))
    uow = backend.uow_factory()

    with uow:
        branch = uow.masterdata.branches.by_code("BER")
        assert branch is not None
        by_priority = [w.code for w in uow.masterdata.warehouses.for_branch(branch.id)]
        widget = uow.masterdata.products.by_sku("WIDGET")
        assert widget is not None
        levels = uow.stock.levels([widget.id], [w.id for w in uow.masterdata.warehouses.list()])
        past_validity = uow.sales.quotations.open_past_validity(date.today() + timedelta(days=1))
        missing = (uow.masterdata.products.by_sku("NOPE"), uow.masterdata.customers.by_code("NOPE"),
                   uow.sales.orders.by_number("NOPE"))
        with pytest.raises(oms.NotFound):
            uow.sales.orders.get("nope")

    assert by_priority == ["BER-A", "BER-B"]
    assert sorted(int(level.on_hand) for level in levels) == [0, 3]
    assert past_validity == [old]
    assert missing == (None, None, None)
    assert [m.quantity for m in system.movements("WIDGET")] == [3]


def test_master_data_found_by_ids_are_those_that_exist_by_id_held_or_read(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    uow = backend.uow_factory()

    with uow:
        held = uow.masterdata.customers.by_code("ACME")
        assert held is not None
        customers = uow.masterdata.customers.by_ids([held.id, "nope"])
        products = {product.id: product for product in uow.masterdata.products.list()}
        found = uow.masterdata.products.by_ids([*products, "nope"])
        branches = uow.masterdata.branches.by_ids([])

    assert customers == {held.id: held}
    assert customers[held.id] is held  # the one this unit of work holds, not a copy
    assert {key: snapshot(product) for key, product in found.items()} == {
        key: snapshot(product) for key, product in products.items()}
    assert branches == {}


def test_stock_levels_are_returned_in_product_then_warehouse_order_and_created_at_zero(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    uow = backend.uow_factory()
    with uow:
        products = sorted(p.id for p in uow.masterdata.products.list())
        warehouses = sorted(w.id for w in uow.masterdata.warehouses.list())

        levels = uow.stock.levels(list(reversed(products)), list(reversed(warehouses)) * 2)
        uow.commit()

    assert [(level.product_id, level.warehouse_id) for level in levels] == [
        (p, w) for p in products for w in warehouses]
    assert all(level.on_hand == 0 and level.reserved == 0 for level in levels)
    with uow:
        assert len(uow.stock.for_product(products[0])) == len(warehouses)


def test_sequences_count_up_from_one_per_document_type(backend: Backend) -> None:
    uow = backend.uow_factory()

    with uow:
        first = [uow.sequences.next_value(DocumentType.SALES_ORDER) for _ in range(3)]
        other = uow.sequences.next_value(DocumentType.INVOICE)
        uow.commit()
    with uow:
        later = uow.sequences.next_value(DocumentType.SALES_ORDER)
        uow.commit()

    assert first == [1, 2, 3]
    assert other == 1
    assert later == 4


def test_an_aggregate_built_by_hand_round_trips_with_every_field(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system, stock={"BER-A": 2, "BER-B": 9})
    uow = backend.uow_factory()
    with uow:
        branch, customer = uow.masterdata.branches.by_code("BER"), uow.masterdata.customers.by_code("ACME")
        widget = uow.masterdata.products.by_sku("WIDGET")
        assert branch is not None
        assert customer is not None
        assert widget is not None
        order = SalesOrder(id="so-1", number="SO-900001", customer_id=customer.id, branch_id=branch.id,
                           currency="EUR", created_at=AT, prices_include_tax=True,
                           tax_rounding=oms.TaxRounding.GLOBAL, allow_backorder=True, quotation_id="q-x")
        order.add_line(LineDraft(product=widget, quantity=Decimal("20"), tax_rate=Decimal("0.19"),
                                 discount=oms.Discount.amount("0.01")))
        warehouses = [w.id for w in uow.masterdata.warehouses.for_branch(branch.id)]
        inventory = Inventory({(lv.product_id, lv.warehouse_id): lv
                               for lv in uow.stock.levels([widget.id], warehouses)}, warehouses)
        order.confirm(inventory, AT, "carol")
        order.hold(AT + timedelta(hours=1), "carol", "credit check")
        uow.sales.orders.add(order)
        quotation = Quotation(id="q-1", number="Q-900001", customer_id=customer.id, branch_id=branch.id,
                              currency="EUR", valid_until=AT.date(), created_at=AT, revision=2, revision_of="q-0")
        uow.sales.quotations.add(quotation)
        uow.commit()

    with uow:
        loaded_order, loaded_quotation = uow.sales.orders.get("so-1"), uow.sales.quotations.get("q-1")

    assert snapshot(loaded_order) == snapshot(order)
    assert snapshot(loaded_quotation) == snapshot(quotation)
    assert loaded_order.held_from is oms.SalesOrderStatus.CONFIRMED
    assert sum(r.quantity for r in loaded_order.reservations) == 11  # backordered: 9 of 20 missing
    assert loaded_order.created_at == AT
