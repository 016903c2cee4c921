"""Listings on memory, SQLite and PostgreSQL: the same filters, the same order, keyset pages that add up, and
cursors that only the listing that made them takes."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from attrs import evolve

import oms
from oms.application.procurement.queries import show_purchase_order
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id
from oms.ports.invoicing.bill_listings import SUPPLIER_PAYMENTS, VENDOR_BILLS
from oms.ports.masterdata.listings import CUSTOMERS, PRODUCTS
from oms.ports.procurement.listings import PURCHASE_ORDERS, RFQS
from oms.ports.production.listings import BOMS, SERVICE_ORDERS, WORK_ORDERS
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.shared.listings import NO_MATCH, Listing, ListingQuery
from oms.ports.stock.listings import LOW_STOCK, MOVEMENTS
from oms.ports.subscriptions.listings import PLANS, SUBSCRIPTIONS

from .integration_helpers import Backend, seed_master_data
from .production_helpers import NOW as START_OF_PLANT
from .production_helpers import plant, released

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
T = TypeVar("T")


def _all_pages(backend: Backend, listing: Listing[T], query: ListingQuery) -> list[list[T]]:
    """Follow the cursors from the first page to the last."""
    pages: list[list[T]] = []
    while True:
        page = backend.listings.page(listing, query)
        pages.append(list(page.items))
        if page.next_cursor is None:
            return pages
        query = evolve(query, cursor=page.next_cursor)


def orders(backend: Backend, **filters: Any) -> tuple[DocumentSummary, ...]:
    return backend.listings.page(SALES_ORDERS, ListingQuery(filters=filters, limit=100)).items


@pytest.fixture
def documents(backend: Backend) -> oms.OrderManagement:
    """Eleven orders an hour apart (every third confirmed, two for a second customer), three at the same instant,
    and two quotations."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateCustomer(code="OTHER", name="Other AG"))
    for n in range(11):
        customer = "OTHER" if n in (4, 7) else "ACME"
        order_id = system.handle(oms.CreateSalesOrder(customer_code=customer, branch_code="BER",
                                                      lines=(oms.LineInput(sku="SETUP", quantity="1"),)))
        if n % 3 == 0:
            system.handle(oms.ConfirmSalesOrder(order_id=order_id))
        if n < 8:
            clock.advance(timedelta(hours=1))
    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))
    system.handle(oms.CreateQuotation(customer_code="OTHER", branch_code="BER"))
    return system


def test_pages_follow_each_other_without_gaps_or_repeats(backend: Backend, documents: oms.OrderManagement) -> None:
    pages = _all_pages(backend, SALES_ORDERS, ListingQuery(limit=4))

    numbers = [item.number for page in pages for item in page]
    assert [len(page) for page in pages] == [4, 4, 3]
    assert numbers[:8] == [f"SO-{n:06d}" for n in range(1, 9)]
    assert sorted(numbers[8:]) == ["SO-000009", "SO-000010", "SO-000011"]  # same instant: in id order
    keys = [(item.created_at, item.id) for page in pages for item in page]
    assert keys == sorted(keys)


def test_newest_first_is_the_same_listing_backwards(backend: Backend, documents: oms.OrderManagement) -> None:
    forwards = [i for page in _all_pages(backend, SALES_ORDERS, ListingQuery(limit=3)) for i in page]

    backwards = [i for page in _all_pages(backend, SALES_ORDERS, ListingQuery(limit=3, newest_first=True))
                 for i in page]

    assert backwards == list(reversed(forwards))


def test_filters_combine_status_customer_branch_and_time(backend: Backend, documents: oms.OrderManagement) -> None:
    everything = orders(backend)
    other = next(i.customer_id for i in everything if i.number == "SO-000005")
    branch = everything[0].branch_id

    confirmed = orders(backend, status=("confirmed",))
    others = orders(backend, customer_id=other, branch_id=branch)
    window = orders(backend, **{"from": START + timedelta(hours=2), "until": START + timedelta(hours=5)})
    drafts_of_acme = orders(backend, status=("draft", "on_hold"), customer_id=everything[0].customer_id)
    nothing = orders(backend, branch_id="elsewhere")

    assert [i.number for i in confirmed] == ["SO-000001", "SO-000004", "SO-000007", "SO-000010"]
    assert {i.status for i in confirmed} == {"confirmed"}
    assert [i.number for i in others] == ["SO-000005", "SO-000008"]
    assert [i.number for i in window] == ["SO-000003", "SO-000004", "SO-000005"]
    assert len(drafts_of_acme) == 11 - 4 - 2  # neither the confirmed ones nor OTHER's drafts
    assert nothing == ()


def test_quotations_are_listed_the_same_way(backend: Backend, documents: oms.OrderManagement) -> None:
    page = backend.listings.page(QUOTATIONS, ListingQuery(filters={"status": ("draft",)}, limit=1))
    rest = backend.listings.page(QUOTATIONS, ListingQuery(filters={"status": ("draft",)}, limit=1,
                                                          cursor=page.next_cursor))

    assert sorted(i.number for i in page.items + rest.items) == ["Q-000001", "Q-000002"]  # same instant
    assert rest.next_cursor is None
    assert page.items[0].currency == "EUR"
    assert page.items[0].created_at.tzinfo is not None


def test_a_foreign_cursor_filter_or_status_is_refused_with_the_field_named(backend: Backend,
                                                                           documents: oms.OrderManagement) -> None:
    page = backend.listings.page(SALES_ORDERS, ListingQuery(limit=2))
    quotations = backend.listings.page(QUOTATIONS, ListingQuery(limit=1))

    refusals = []
    for listing, query in [(SALES_ORDERS, ListingQuery(cursor="not-a-cursor")),
                           (SALES_ORDERS, ListingQuery(cursor=page.next_cursor, newest_first=True)),
                           (SALES_ORDERS, ListingQuery(cursor=quotations.next_cursor)),
                           (SALES_ORDERS, ListingQuery(filters={"status": ("shipped",)})),
                           (SALES_ORDERS, ListingQuery(filters={"colour": "red"}))]:
        with pytest.raises(oms.InvalidValue) as refused:
            backend.listings.page(listing, query)
        refusals.append(refused.value.field)

    assert refusals == ["cursor", "cursor", "cursor", "status", "colour"]


def _forged(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    _forged("sales_orders", False, "9999-12-31T23:59:59-14:00", "x"),
    _forged("sales_orders", False, "0001-01-01T00:00:00+14:00", "x"),
    _forged("sales_orders", False, "2026-01-01T00:00:00+00:00", "\ud800"),
    _forged("sales_orders", False, "2026-01-01T00:00:00+00:00", "a\x00b"),
    _forged("sales_orders", False, "2026-01-01T00:00:00+00:00", None),
    _forged("sales_orders", False, "2026-01-01T00:00:00+00:00", ["x"]),
    _forged("sales_orders", False, "2026-01-01T00:00:00+00:00", 7),
    _forged("sales_orders", False, "2026-01-01T00:00:00", "x"),
    _forged("sales_orders", False),
    _forged(["a"] * 1000),
    "x" * 5000,
    "%%%",
])
def test_a_tampered_cursor_is_refused_naming_the_cursor(backend: Backend, cursor: str) -> None:
    with pytest.raises(oms.InvalidValue) as refused:
        backend.listings.page(SALES_ORDERS, ListingQuery(cursor=cursor))

    assert refused.value.field == "cursor"


def test_a_query_refuses_naive_times_and_absurd_limits() -> None:
    with pytest.raises(oms.InvalidValue):
        ListingQuery(filters={"from": datetime(2026, 1, 1)})
    with pytest.raises(oms.InvalidValue):
        ListingQuery(limit=0)
    with pytest.raises(oms.InvalidValue):
        ListingQuery(filters={"from": START, "until": START - timedelta(days=1)})


def test_each_row_carries_its_customer_and_branch_codes(backend: Backend, documents: oms.OrderManagement) -> None:
    listed = orders(backend)
    quotations = backend.listings.page(QUOTATIONS, ListingQuery(limit=500)).items

    assert sorted({(row.customer_code, row.branch_code) for row in listed}) == [("ACME", "BER"), ("OTHER", "BER")]
    assert [row.customer_code for row in listed].count("OTHER") == 2
    assert sorted(row.customer_code for row in quotations) == ["ACME", "OTHER"]


def test_products_and_customers_are_listed_by_code_filtered_by_activity_and_search(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    seed_master_data(system)
    for n in range(7):
        system.handle(oms.CreateProduct(sku=f"LAMP-{n}", name=f"Lamp model {n}", price="10.00", currency="EUR"))
    system.handle(oms.UpdateProduct(sku="LAMP-3", active=False))
    system.handle(oms.CreateCustomer(code="ZED", name="Zed & Söhne"))

    lamps = [p.sku for page in _all_pages(backend, PRODUCTS, ListingQuery(filters={"search": "lamp"}, limit=3))
             for p in page]
    inactive = backend.listings.page(PRODUCTS, ListingQuery(filters={"active": False})).items
    by_name = backend.listings.page(CUSTOMERS, ListingQuery(filters={"search": "SÖHNE"})).items
    backwards = backend.listings.page(PRODUCTS, ListingQuery(newest_first=True, limit=2)).items

    assert lamps == [f"LAMP-{n}" for n in range(7)]
    assert [p.sku for p in inactive] == ["LAMP-3"]
    assert [c.code for c in by_name] == ["ZED"]
    assert [p.sku for p in backwards] == sorted((p.sku for p in backwards), reverse=True)


def test_products_are_filtered_by_their_exact_category_page_after_page(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    for n in range(5):
        system.handle(oms.CreateProduct(sku=f"BOLT-{n}", name=f"Bolt {n}", price="0.20", currency="EUR",
                                        category="hardware/fasteners"))
    system.handle(oms.CreateProduct(sku="HAMMER", name="Hammer", price="9.00", currency="EUR", category="tools"))
    system.handle(oms.CreateProduct(sku="BOLT-X", name="Bolt kit", price="5.00", currency="EUR",
                                    category="hardware"))
    system.handle(oms.CreateProduct(sku="BOLT-Y", name="Loose bolt", price="0.10", currency="EUR"))

    fasteners = [p.sku for page in _all_pages(backend, PRODUCTS, ListingQuery(
        filters={"category": "hardware/fasteners"}, limit=2)) for p in page]
    tools = backend.listings.page(PRODUCTS, ListingQuery(filters={"category": "tools", "search": "ham"})).items
    none = backend.listings.page(PRODUCTS, ListingQuery(filters={"category": "Hardware"})).items

    assert fasteners == [f"BOLT-{n}" for n in range(5)]  # not the kit of "hardware", nor the bolt without one
    assert [(p.sku, p.category) for p in tools] == [("HAMMER", "tools")]
    assert list(none) == []  # exactly: a category is not matched in another case


def test_movements_are_listed_in_order_by_product_warehouse_and_document(backend: Backend) -> None:
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system, stock={"BER-A": 5, "BER-B": 3})
    receipt = system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="2", reference="note"))
    clock.advance(timedelta(hours=1))
    adjustment = system.handle(oms.AdjustStock(sku="WIDGET", warehouse_code="BER-B", quantity="-1", reason="count"))

    every = [row for page in _all_pages(backend, MOVEMENTS, ListingQuery(limit=2)) for row in page]
    by_document = backend.listings.page(MOVEMENTS, ListingQuery(filters={"document": receipt})).items
    adjusted = backend.listings.page(MOVEMENTS, ListingQuery(filters={"document": adjustment})).items
    later = backend.listings.page(MOVEMENTS, ListingQuery(filters={"from": START + timedelta(minutes=30)})).items

    assert [row.movement.quantity for row in every][-2:] == [2, -1]
    assert {row.sku for row in every} == {"WIDGET"}
    assert [(row.warehouse_code, row.movement.reference) for row in by_document] == [("BER-A", f"{receipt} note")]
    assert [row.movement.quantity for row in adjusted] == [-1]
    assert [row.movement.reference for row in later] == [adjustment]


def _numbers(backend: Backend, listing: Listing[DocumentSummary], **filters: Any) -> list[str]:
    return sorted(row.number for row in backend.listings.page(listing, ListingQuery(filters=filters)).items)


def test_a_search_finds_a_part_of_the_number_the_customer_or_the_reference_in_any_case(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(START))
    seed_master_data(system)
    system.handle(oms.CreateCustomer(code="ZED", name="Zed & Söhne"))
    for customer, reference in (("ACME", "PO 100%_off"), ("ACME", "po-4711"), ("ZED", "")):
        system.handle(oms.CreateSalesOrder(customer_code=customer, branch_code="BER", customer_reference=reference,
                                           lines=(oms.LineInput(sku="SETUP", quantity="1"),)))
    system.handle(oms.CreateQuotation(customer_code="ZED", branch_code="BER"))

    assert _numbers(backend, SALES_ORDERS, search="PO-47") == ["SO-000002"]
    assert _numbers(backend, SALES_ORDERS, search="so-000003") == ["SO-000003"]
    assert _numbers(backend, SALES_ORDERS, search="acme") == ["SO-000001", "SO-000002"]
    assert _numbers(backend, SALES_ORDERS, search="söhne") == ["SO-000003"]
    assert _numbers(backend, SALES_ORDERS, search="%_") == ["SO-000001"]  # taken literally, not as wildcards
    assert _numbers(backend, SALES_ORDERS, search="_", customer_id="-") == []
    assert _numbers(backend, QUOTATIONS, search="Zed") == ["Q-000001"]
    assert _numbers(backend, QUOTATIONS, search="po") == []  # a quotation has no customer reference


def test_expiring_quotations_are_the_open_ones_valid_until_the_day_or_earlier(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(START))
    seed_master_data(system)
    valid = {}
    for day in (10, 12, 20, 8):
        valid[day] = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER",
                                                       valid_until=date(2026, 1, day),
                                                       lines=(oms.LineInput(sku="SETUP", quantity="1"),)))
    system.handle(oms.SendQuotation(quotation_id=valid[12]))
    system.handle(oms.CancelQuotation(quotation_id=valid[8]))

    assert _numbers(backend, QUOTATIONS, valid_until_before=date(2026, 1, 12)) == ["Q-000001", "Q-000002"]
    assert _numbers(backend, QUOTATIONS, valid_until_before=date(2026, 1, 11)) == ["Q-000001"]
    assert _numbers(backend, QUOTATIONS, valid_until_before=date(2026, 1, 12), status=("sent",)) == ["Q-000002"]
    with pytest.raises(oms.InvalidValue) as refused:
        _numbers(backend, SALES_ORDERS, valid_until_before=date(2026, 1, 12))
    assert refused.value.field == "valid_until_before"


def test_backorders_are_the_open_orders_with_stock_neither_reserved_nor_issued(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(START))
    seed_master_data(system, stock={"BER-A": 5})

    def order(quantity: str, *, confirm: bool = True) -> str:
        return system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                                  confirm=confirm, lines=(oms.LineInput(sku="WIDGET",
                                                                                        quantity=quantity),)))

    order("3")  # SO-000001: reserved in full
    short = order("4")  # SO-000002: 2 reserved, 2 waiting
    order("2", confirm=False)  # SO-000003: a draft reserves nothing yet, and waits for no stock
    held = order("1")  # SO-000004: nothing left to reserve, then held
    system.handle(oms.HoldSalesOrder(order_id=held))
    waiting = _numbers(backend, SALES_ORDERS, backordered=True)
    system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-B", quantity="2", reference="late"))
    system.handle(oms.ReserveBackorders(order_id=short))

    assert waiting == ["SO-000002", "SO-000004"]
    assert _numbers(backend, SALES_ORDERS, backordered=True) == ["SO-000004"]
    assert _numbers(backend, SALES_ORDERS, backordered=False) == ["SO-000001", "SO-000002", "SO-000003"]


def test_low_stock_is_the_least_available_first_at_or_below_the_threshold(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(START))
    seed_master_data(system, stock={"BER-A": 5, "BER-B": 3})
    system.handle(oms.CreateProduct(sku="FLOUR", name="Flour", price="2", currency="EUR", uom="kg"))
    for sku, warehouse, quantity in (("GADGET", "BER-A", "10"), ("GADGET", "BER-B", "1"), ("FLOUR", "BER-A", "0.7")):
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code=warehouse, quantity=quantity, reference="opening"))
    system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                       lines=(oms.LineInput(sku="WIDGET", quantity="4"),
                                              oms.LineInput(sku="FLOUR", quantity="0.1"))))
    with backend.uow_factory() as uow:
        berlin_b = uow.masterdata.warehouses.by_code("BER-B")
    assert berlin_b is not None

    def low(threshold: str, **filters: Any) -> list[tuple[str, str, object]]:
        page = backend.listings.page(LOW_STOCK, ListingQuery(filters={"available_at_most": Decimal(threshold),
                                                                      **filters}))
        assert page.next_cursor is None
        return [(row.sku, row.warehouse_code, row.level.available) for row in page.items]

    assert low("3") == [("FLOUR", "BER-B", 0), ("FLOUR", "BER-A", Decimal("0.6")), ("GADGET", "BER-B", 1),
                        ("WIDGET", "BER-A", 1), ("WIDGET", "BER-B", 3)]  # the order made FLOUR's empty BER-B level
    assert low("0.6") == [("FLOUR", "BER-B", 0), ("FLOUR", "BER-A", Decimal("0.6"))]  # 0.7 - 0.1 is 0.6 exactly
    assert low("0.599") == [("FLOUR", "BER-B", 0)]
    assert low("3", warehouse_id=berlin_b.id) == [("FLOUR", "BER-B", 0), ("GADGET", "BER-B", 1), ("WIDGET", "BER-B", 3)]
    assert [row.sku for row in backend.listings.page(LOW_STOCK, ListingQuery(limit=1)).items] == ["FLOUR"]
    with pytest.raises(oms.InvalidValue) as refused:
        backend.listings.page(LOW_STOCK, ListingQuery(cursor="anything"))
    assert refused.value.field == "cursor"


# -- the supplier side: purchase orders, RFQs, vendor bills, payments to suppliers ---------------------------------
def _suppliers(system: oms.OrderManagement) -> None:
    seed_master_data(system)
    uow = system.uow_factory()
    with uow:
        uow.masterdata.suppliers.add(Supplier(new_id(), "WOOD", "Wood GmbH", "EUR"))
        uow.masterdata.suppliers.add(Supplier(new_id(), "STEEL", "Steel Inc", "EUR"))
        uow.commit()


def _order(system: oms.OrderManagement, supplier: str, *lines: tuple[str, str], place: bool = True) -> str:
    order_id: str = system.handle(oms.CreatePurchaseOrder(
        supplier_code=supplier, branch_code="BER",
        lines=tuple(oms.LineInput(sku=sku, quantity=quantity, unit_price="10.00") for sku, quantity in lines)))
    if place:
        system.handle(oms.PlacePurchaseOrder(order_id=order_id))
    return order_id


def _receive(system: oms.OrderManagement, order_id: str, *quantities: str) -> None:
    lines = system.read(show_purchase_order, order_id).lines
    system.handle(oms.ReceiveGoods(order_id=order_id, lines=tuple(
        oms.ReceiptLine(line_id=line.id, quantity=quantity) for line, quantity in zip(lines, quantities, strict=False)
        if quantity != "0")))


@pytest.fixture
def purchasing(backend: Backend) -> oms.OrderManagement:
    """Purchase orders an hour apart, one in each receipt status (PO-000001 to PO-000007), three RFQs, three bills
    (one cancelled) and three payments to suppliers."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    _suppliers(system)

    def tick() -> None:
        clock.advance(timedelta(hours=1))

    _order(system, "WOOD", ("WIDGET", "10"))  # nothing received yet
    tick()
    partial = _order(system, "STEEL", ("WIDGET", "10"))
    _receive(system, partial, "4")
    tick()
    received = _order(system, "WOOD", ("WIDGET", "10"), ("SETUP", "1"))  # the service line is never received
    _receive(system, received, "10")
    tick()
    short = _order(system, "WOOD", ("WIDGET", "10"), ("GADGET", "5"))
    _receive(system, short, "10", "2")
    system.handle(oms.ClosePurchaseOrder(order_id=short, reason="the rest is not coming"))
    tick()
    returned = _order(system, "WOOD", ("WIDGET", "10"))
    _receive(system, returned, "10")
    line = system.read(show_purchase_order, returned).lines[0].id
    system.handle(oms.ReturnToSupplier(order_id=returned, line_id=line, quantity="3", reason="damaged"))
    tick()
    _order(system, "STEEL", ("SETUP", "2"))  # nothing to receive
    tick()
    _order(system, "WOOD", ("WIDGET", "1"), ("GADGET", "1"), place=False)  # a draft
    tick()
    for number, invoice in enumerate(("INV-A", "inv-b", "C-77"), start=1):
        bill = system.handle(oms.BillPurchaseOrder(order_id=received if number != 2 else partial,
                                                   supplier_invoice_number=invoice))
        if number == 3:
            system.handle(oms.CancelVendorBill(bill_id=bill))
        system.handle(oms.PaySupplier(supplier_code="WOOD" if number != 2 else "STEEL", amount=f"{number}0.00",
                                      currency="EUR"))
        system.handle(oms.CreateRfq(branch_code="BER", lines=(oms.RfqLineInput(sku="WIDGET", quantity="5"),),
                                    suppliers=("WOOD", "STEEL")[:number]))
        tick()
    return system


def _rows(backend: Backend, listing: Listing[T], **filters: Any) -> tuple[T, ...]:
    return backend.listings.page(listing, ListingQuery(filters=filters, limit=100)).items


def test_purchase_orders_page_newest_first_without_gaps_or_repeats_with_their_receipt_status(
        backend: Backend, purchasing: oms.OrderManagement) -> None:
    pages = _all_pages(backend, PURCHASE_ORDERS, ListingQuery(limit=3, newest_first=True))

    rows = [row for page in pages for row in page]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [row.number for row in rows] == [f"PO-{n:06d}" for n in range(7, 0, -1)]
    assert [row.receipt_status for row in reversed(rows)] == [
        "nothing", "partial", "received", "closed_short", "partial", "nothing", "nothing"]
    assert [(row.supplier_code, row.supplier_name, row.branch_code) for row in rows[-2:]] == [
        ("STEEL", "Steel Inc", "BER"), ("WOOD", "Wood GmbH", "BER")]
    assert (rows[-1].grand_total, rows[-1].currency) == (Decimal("119.00"), "EUR")


def test_purchase_orders_are_filtered_by_status_supplier_branch_time_and_search(
        backend: Backend, purchasing: oms.OrderManagement) -> None:
    everything = _rows(backend, PURCHASE_ORDERS)
    steel = next(row.supplier_id for row in everything if row.supplier_code == "STEEL")

    def numbers(**filters: Any) -> list[str]:
        return [row.number[-1] for row in _rows(backend, PURCHASE_ORDERS, **filters)]

    assert numbers(status=("draft", "closed")) == ["4", "7"]
    assert numbers(supplier_id=steel) == ["2", "6"]
    assert numbers(branch_id=everything[0].branch_id) == numbers()
    assert numbers(branch_id=NO_MATCH) == []
    assert numbers(**{"from": START + timedelta(hours=1), "until": START + timedelta(hours=3)}) == ["2", "3"]
    assert numbers(search="steel") == ["2", "6"]
    assert numbers(search="00000") == numbers()
    assert numbers(search="wood gmbh", status=("ordered",)) == ["1"]


def test_rfqs_count_their_lines_and_suppliers_and_are_filtered(backend: Backend,
                                                               purchasing: oms.OrderManagement) -> None:
    pages = _all_pages(backend, RFQS, ListingQuery(limit=2))
    rows = [row for page in pages for row in page]

    assert [row.number for row in rows] == ["RFQ-000001", "RFQ-000002", "RFQ-000003"]
    assert [(row.lines, row.suppliers, row.answered, row.status) for row in rows] == [
        (1, 1, 0, "draft"), (1, 2, 0, "draft"), (1, 2, 0, "draft")]
    assert [row.number for row in _rows(backend, RFQS, search="02")] == ["RFQ-000002"]
    assert _rows(backend, RFQS, status=("sent",)) == ()
    assert len(_rows(backend, RFQS, branch_id=rows[0].branch_id, **{"from": rows[1].created_at})) == 2


def test_vendor_bills_are_paged_oldest_first_and_filtered(backend: Backend, purchasing: oms.OrderManagement) -> None:
    pages = _all_pages(backend, VENDOR_BILLS, ListingQuery(limit=2))
    rows = [row for page in pages for row in page]
    steel = next(row.supplier_id for row in rows if row.supplier_code == "STEEL")

    assert [row.supplier_invoice_number for row in rows] == ["INV-A", "inv-b", "C-77"]
    assert [(row.kind, row.status, row.match_status) for row in rows] == [
        ("bill", "draft", "pending"), ("bill", "draft", "pending"), ("bill", "cancelled", "pending")]
    assert rows[0].grand_total == Decimal("130.90")  # 10 widgets and the set-up, 10.00 each, + 19%
    assert [r.supplier_invoice_number for r in _rows(backend, VENDOR_BILLS, search="INV")] == ["INV-A", "inv-b"]
    assert [r.supplier_invoice_number for r in _rows(backend, VENDOR_BILLS, search="steel")] == ["inv-b"]
    assert [r.supplier_invoice_number for r in _rows(backend, VENDOR_BILLS, supplier_id=steel)] == ["inv-b"]
    assert [r.supplier_invoice_number for r in _rows(backend, VENDOR_BILLS, status=("cancelled",))] == ["C-77"]
    assert _rows(backend, VENDOR_BILLS, match=("hold", "ok")) == ()
    assert _rows(backend, VENDOR_BILLS, kind=("debit_note",)) == ()
    assert len(_rows(backend, VENDOR_BILLS, until=rows[1].created_at)) == 1


def test_a_posted_bill_row_tells_what_debit_notes_and_payments_took_off_and_a_payment_what_it_allocated(
        backend: Backend, purchasing: oms.OrderManagement) -> None:
    system = purchasing
    [first, *_] = _rows(backend, VENDOR_BILLS)  # INV-A: 130.90 EUR, received in full
    system.handle(oms.PostVendorBill(bill_id=first.id))
    note = system.handle(oms.CreateDebitNote(bill_id=first.id, supplier_invoice_number="CN-1",
                                             lines=(oms.DebitLine(line="1", quantity="1"),)))
    system.handle(oms.PostVendorBill(bill_id=note))  # 1 widget back: 11.90
    system.handle(oms.PayBill(bill_id=first.id, amount="50.00"))
    system.handle(oms.PaySupplier(supplier_code="WOOD", amount="100.00", currency="EUR", bill_id=first.id))

    bill = next(row for row in _rows(backend, VENDOR_BILLS) if row.id == first.id)
    payments = [(row.amount, row.allocated) for row in _rows(backend, SUPPLIER_PAYMENTS)]

    assert (bill.grand_total, bill.debited, bill.paid) == (Decimal("130.90"), Decimal("11.90"), Decimal("119.00"))
    assert payments[-2:] == [(Decimal("50.00"), Decimal("50.00")), (Decimal("100.00"), Decimal("69.00"))]
    assert payments[0] == (Decimal("10.00"), Decimal("0.00"))


def test_supplier_payments_are_paged_by_when_they_were_recorded(backend: Backend,
                                                                purchasing: oms.OrderManagement) -> None:
    forwards = [row for page in _all_pages(backend, SUPPLIER_PAYMENTS, ListingQuery(limit=1)) for row in page]
    backwards = [row for page in _all_pages(backend, SUPPLIER_PAYMENTS, ListingQuery(limit=2, newest_first=True))
                 for row in page]
    steel = next(row.supplier_id for row in forwards if row.supplier_code == "STEEL")

    assert [(row.supplier_code, row.amount, row.currency) for row in forwards] == [
        ("WOOD", Decimal("10.00"), "EUR"), ("STEEL", Decimal("20.00"), "EUR"), ("WOOD", Decimal("30.00"), "EUR")]
    assert backwards == list(reversed(forwards))
    assert [row.amount for row in _rows(backend, SUPPLIER_PAYMENTS, supplier_id=steel)] == [Decimal("20.00")]
    assert len(_rows(backend, SUPPLIER_PAYMENTS, **{"from": forwards[1].created_at})) == 2


@pytest.mark.parametrize("listing", [PURCHASE_ORDERS, RFQS, VENDOR_BILLS, SUPPLIER_PAYMENTS],
                         ids=lambda listing: listing.name)
def test_the_supplier_listings_refuse_each_others_cursors(backend: Backend, purchasing: oms.OrderManagement,
                                                          listing: Listing[Any]) -> None:
    foreigners: dict[str, Listing[Any]] = {
        PURCHASE_ORDERS.name: RFQS, RFQS.name: VENDOR_BILLS, VENDOR_BILLS.name: SUPPLIER_PAYMENTS,
        SUPPLIER_PAYMENTS.name: PURCHASE_ORDERS}
    foreign = foreigners[listing.name]
    cursor = backend.listings.page(foreign, ListingQuery(limit=1)).next_cursor

    with pytest.raises(oms.InvalidValue) as refused:
        backend.listings.page(listing, ListingQuery(limit=1, cursor=cursor))

    assert refused.value.field == "cursor"


# -- production: bills of materials, work orders, service orders ------------------------------------------------------
@pytest.fixture
def production(backend: Backend) -> oms.OrderManagement:
    """The TABLE plant of peers.md 2d (BOM revision 1 active, revision 2 not; LEG's only BOM not active) and documents
    an hour apart: WO-000001 10 TABLE released, 6 made; SO-000001 (2 TABLE backordered, 10 SETUP) with its work order
    WO-000002 and its service order WO-000003 (5 h approved); WO-000004 a draft in BER-B; WO-000005 cancelled;
    WO-000006 for ACME with Ada (3 h approved, 1 h not, 2 invoiced, 1 credited); WO-000007 by milestones (2 of 5
    reached)."""
    system = plant(backend.uow_factory)
    clock = system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    handle = system.handle
    handle(oms.CreateBom(sku="TABLE", components=(oms.ComponentInput(sku="LEG", quantity="3"),), activate=False))
    handle(oms.CreateBom(sku="LEG", components=(oms.ComponentInput(sku="SCREW", quantity="2"),), activate=False))
    first = released(system)
    clock.advance(timedelta(hours=1))
    order = handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True, confirm=True,
                                        lines=(oms.LineInput(sku="TABLE", quantity="2"),
                                               oms.LineInput(sku="SETUP", quantity="10"))))
    table, setup = (line.id for line in system.sales_order(order).lines)
    handle(oms.MakeToOrder(order_id=order, line_id=table))
    for_line = handle(oms.CreateServiceOrderForLine(order_id=order, line_id=setup))
    handle(oms.ApproveLabour(order_id=for_line, line_id=handle(oms.LogLabour(
        order_id=for_line, person="Bob", day=date(2026, 3, 3), hours="5"))))
    clock.advance(timedelta(hours=1))
    handle(oms.ReportOutput(order_id=first, quantity="6"))
    handle(oms.CreateWorkOrder(sku="TABLE", quantity="2", warehouse_code="BER-B"))
    clock.advance(timedelta(hours=1))
    handle(oms.CancelWorkOrder(order_id=handle(oms.CreateWorkOrder(sku="TABLE", quantity="1",
                                                                   warehouse_code="BER-A"))))
    clock.advance(timedelta(hours=1))
    _service_for_acme(system, clock.now())
    clock.advance(timedelta(hours=1))
    milestones = handle(oms.CreateServiceOrder(sku="SETUP", policy=oms.ServicePolicy.MILESTONES, quantity="5"))
    handle(oms.ReachMilestone(order_id=milestones, milestone_id=handle(oms.AddMilestone(
        order_id=milestones, name="Design", quantity="2"))))
    handle(oms.AddMilestone(order_id=milestones, name="Build", quantity="3"))
    return system


def _service_for_acme(system: oms.OrderManagement, now: datetime) -> None:
    """WO-000006: for ACME, scheduled with Ada; 3 h approved and 1 h not; 2 h invoiced and 1 h of them credited."""
    order = system.handle(oms.CreateServiceOrder(sku="SETUP", quantity="8", customer_code="ACME"))
    system.handle(oms.ScheduleServiceOrder(order_id=order, technician="Ada", slot_start=now + timedelta(days=1),
                                           slot_end=now + timedelta(days=1, hours=4)))
    system.handle(oms.ApproveLabour(order_id=order, line_id=system.handle(oms.LogLabour(
        order_id=order, person="Ada", day=date(2026, 3, 3), hours="3"))))
    system.handle(oms.LogLabour(order_id=order, person="Ada", day=date(2026, 3, 4), hours="1"))
    with system.bus.uow_factory() as uow:  # what invoicing's process records of a posted invoice and credit note
        service = uow.production.service_orders.get(order)
        service.record_invoiced(new_id(), Decimal(2))
        service.record_credited(new_id(), Decimal(1))
        uow.commit()


def test_boms_are_listed_one_row_a_product_by_sku_with_the_active_revision_or_the_latest(
        backend: Backend, production: oms.OrderManagement) -> None:
    pages = _all_pages(backend, BOMS, ListingQuery(limit=1))

    rows = [row for page in pages for row in page]
    assert [(row.sku, row.revision, row.active, row.revisions, row.components, row.operations) for row in rows] == [
        ("LEG", 1, False, 1, 1, 0), ("TABLE", 1, True, 2, 3, 1)]
    assert (rows[1].name, rows[1].output_quantity, rows[1].consumption) == ("Table", Decimal(1), "strict")
    assert [row.sku for row in _rows(backend, BOMS, status=("inactive",))] == ["LEG"]
    assert [row.sku for row in _rows(backend, BOMS, search="tab")] == ["TABLE"]
    assert [row.sku for row in _rows(backend, BOMS, product_id=NO_MATCH)] == []


def test_work_orders_page_newest_first_with_what_they_made_where_and_for_which_sales_order(
        backend: Backend, production: oms.OrderManagement) -> None:
    pages = _all_pages(backend, WORK_ORDERS, ListingQuery(limit=2, newest_first=True))

    rows = {row.number: row for page in pages for row in page}
    assert list(rows) == ["WO-000005", "WO-000004", "WO-000002", "WO-000001"]  # service orders are not listed here
    assert [(row.status, row.quantity, row.produced, row.warehouse_code) for row in reversed(rows.values())] == [
        ("in_progress", Decimal(10), Decimal(6), "BER-A"), ("released", Decimal(2), Decimal(0), "BER-A"),
        ("draft", Decimal(2), Decimal(0), "BER-B"), ("cancelled", Decimal(1), Decimal(0), "BER-A")]
    assert (rows["WO-000002"].sales_order_number, rows["WO-000001"].sales_order_number) == ("SO-000001", None)
    assert rows["WO-000001"].parent_number is None


def test_work_orders_are_filtered_by_status_warehouse_product_sales_order_time_and_search(
        backend: Backend, production: oms.OrderManagement) -> None:
    everything = _rows(backend, WORK_ORDERS)
    made_to_order = next(row for row in everything if row.sales_order_number)

    def numbers(**filters: Any) -> list[str]:
        return [row.number[-1] for row in _rows(backend, WORK_ORDERS, **filters)]

    assert numbers(status=("draft", "cancelled")) == ["4", "5"]
    assert numbers(warehouse_id=everything[2].warehouse_id) == ["4"]
    assert numbers(sales_order_id=made_to_order.sales_order_id) == ["2"]
    assert numbers(product_id=NO_MATCH) == []
    assert numbers(**{"from": START_OF_PLANT + timedelta(hours=1), "until": START_OF_PLANT + timedelta(hours=3)}) == [
        "2", "4"]
    assert numbers(search="table", status=("released",)) == ["2"]
    assert numbers(search="0005") == ["5"]


def test_service_orders_tell_the_technician_customer_and_what_is_delivered_invoiced_and_to_invoice(
        backend: Backend, production: oms.OrderManagement) -> None:
    rows = {row.number: row for page in _all_pages(backend, SERVICE_ORDERS, ListingQuery(limit=2)) for row in page}

    assert list(rows) == ["WO-000003", "WO-000006", "WO-000007"]
    assert [(row.policy, row.quantity, row.delivered, row.invoiced, row.to_invoice) for row in rows.values()] == [
        ("delivered_hours", Decimal(10), Decimal(5), Decimal(0), Decimal(5)),
        ("delivered_hours", Decimal(8), Decimal(3), Decimal(1), Decimal(2)),
        ("milestones", Decimal(5), Decimal(2), Decimal(0), Decimal(2))]
    ada = rows["WO-000006"]
    assert (ada.status, ada.technician, ada.customer_code, ada.unit_price, ada.currency) == (
        "scheduled", "Ada", "ACME", Decimal(45), "EUR")
    assert (ada.slot_start, ada.slot_end) == (START_OF_PLANT + timedelta(days=1, hours=4),
                                              START_OF_PLANT + timedelta(days=1, hours=8))
    assert (rows["WO-000003"].sales_order_number, rows["WO-000003"].customer_code) == ("SO-000001", "ACME")
    assert (rows["WO-000007"].customer_code, rows["WO-000007"].technician) == (None, "")


def test_service_orders_are_filtered_by_technician_customer_sales_order_status_and_search(
        backend: Backend, production: oms.OrderManagement) -> None:
    everything = _rows(backend, SERVICE_ORDERS)

    def numbers(**filters: Any) -> list[str]:
        return [row.number[-1] for row in _rows(backend, SERVICE_ORDERS, **filters)]

    assert numbers(technician="ADA") == ["6"]
    assert numbers(customer_id=everything[1].customer_id) == ["3", "6"]
    assert numbers(sales_order_id=everything[0].sales_order_id) == ["3"]
    assert numbers(status=("draft",)) == ["3", "7"]
    assert numbers(search="setup", **{"until": everything[2].created_at}) == ["3", "6"]


def test_a_fixed_price_order_is_listed_with_its_quantity_to_invoice_until_it_is_cancelled(
        backend: Backend, production: oms.OrderManagement) -> None:
    fixed = production.handle(oms.CreateServiceOrder(sku="SETUP", policy=oms.ServicePolicy.FIXED_PRICE,
                                                     quantity="4", customer_code="ACME"))
    before = _rows(backend, SERVICE_ORDERS, search="WO-000008")
    production.handle(oms.CancelServiceOrder(order_id=fixed, reason="not wanted"))
    [after] = _rows(backend, SERVICE_ORDERS, search="WO-000008")

    assert [(row.status, row.to_invoice) for row in before] == [("draft", Decimal(4))]
    assert (after.status, after.delivered, after.to_invoice) == ("cancelled", Decimal(0), Decimal(0))
    assert production.read(oms.show_service_order, fixed).to_invoice == after.to_invoice


@pytest.mark.parametrize("listing", [WORK_ORDERS, SERVICE_ORDERS], ids=lambda listing: listing.name)
def test_work_and_service_orders_refuse_each_others_cursors(backend: Backend, production: oms.OrderManagement,
                                                            listing: Listing[Any]) -> None:
    foreign: Listing[Any] = SERVICE_ORDERS if listing is WORK_ORDERS else WORK_ORDERS
    cursor = backend.listings.page(foreign, ListingQuery(limit=1)).next_cursor

    with pytest.raises(oms.InvalidValue) as refused:
        backend.listings.page(listing, ListingQuery(limit=1, cursor=cursor))

    assert refused.value.field == "cursor"


# -- subscriptions: subscriptions and plans ---------------------------------------------------------------------------
@pytest.fixture
def subscriptions(backend: Backend) -> oms.OrderManagement:
    """Plans BASIC (2 SETUP at 10.00 a month; its second version at 12.50, with a GADGET at 0.333) and ANNUAL (1 SETUP
    at 99.99 a year); subscriptions an hour apart: SUB-000001 ACME on BASIC (renewed: its next period is April's),
    SUB-000002 OTHER on ANNUAL, SUB-000003 ACME on BASIC with 3 SETUP, cancelled."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateCustomer(code="OTHER", name="Other AG"))
    setup = oms.PlanLineInput(sku="SETUP", quantity="2", unit_price="10.00")
    system.handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR", lines=(setup,)))
    system.handle(oms.CreatePlan(code="ANNUAL", name="Yearly support", currency="EUR", interval=oms.IntervalUnit.YEAR,
                                 lines=(oms.PlanLineInput(sku="SETUP", quantity="1", unit_price="99.99"),)))
    first = system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                        start_day=date(2026, 1, 5)))
    system.handle(oms.RenewSubscription(subscription_id=first))
    system.handle(oms.CreatePlan(code="BASIC", name="Basic+", currency="EUR", lines=(
        oms.PlanLineInput(sku="SETUP", quantity="2", unit_price="12.50"),
        oms.PlanLineInput(sku="GADGET", quantity="3", unit_price="0.333"))))
    clock.advance(timedelta(hours=1))
    system.handle(oms.Subscribe(customer_code="OTHER", branch_code="BER", plan_code="ANNUAL",
                                start_day=date(2026, 2, 1)))
    clock.advance(timedelta(hours=1))
    third = system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                        start_day=date(2026, 3, 1), quantities=(oms.QuantityInput(sku="SETUP",
                                                                                                 quantity="3"),)))
    system.handle(oms.CancelSubscription(subscription_id=third))
    return system


def test_subscriptions_page_newest_first_with_their_plan_version_next_period_and_period_amount(
        backend: Backend, subscriptions: oms.OrderManagement) -> None:
    pages = _all_pages(backend, SUBSCRIPTIONS, ListingQuery(limit=2, newest_first=True))

    rows = [row for page in pages for row in page]
    assert [(row.number, row.status, row.customer_code, row.plan_code, row.plan_version) for row in rows] == [
        ("SUB-000003", "cancelled", "ACME", "BASIC", 2), ("SUB-000002", "active", "OTHER", "ANNUAL", 1),
        ("SUB-000001", "active", "ACME", "BASIC", 1)]
    assert [(row.period_amount, row.currency, row.next_period_start) for row in rows] == [
        (Decimal("38.50"), "EUR", date(2026, 3, 1)),  # 3 x 12.50 + round(3 x 0.333)
        (Decimal("99.99"), "EUR", date(2026, 2, 1)), (Decimal("20.00"), "EUR", date(2026, 2, 5))]
    assert [row.created_at for row in reversed(rows)] == [START, START + timedelta(hours=1),
                                                          START + timedelta(hours=2)]


def test_subscriptions_are_filtered_by_status_customer_and_plan(
        backend: Backend, subscriptions: oms.OrderManagement) -> None:
    everything = _rows(backend, SUBSCRIPTIONS)

    def numbers(**filters: Any) -> list[str]:
        return [row.number[-1] for row in _rows(backend, SUBSCRIPTIONS, **filters)]

    assert numbers(status=("active",)) == ["1", "2"]
    assert numbers(customer_id=everything[0].customer_id) == ["1", "3"]
    assert numbers(plan_id=everything[0].plan_id, status=("cancelled", "paused")) == ["3"]
    assert numbers(plan_id=NO_MATCH) == []
    with pytest.raises(oms.InvalidValue) as refused:
        _rows(backend, SUBSCRIPTIONS, status=("gone",))
    assert refused.value.field == "status"


def test_plans_are_listed_one_row_a_plan_by_code_as_their_current_version(
        backend: Backend, subscriptions: oms.OrderManagement) -> None:
    pages = _all_pages(backend, PLANS, ListingQuery(limit=1))

    rows = [row for page in pages for row in page]
    assert [(row.code, row.name, row.version, row.interval, row.currency, row.period_amount) for row in rows] == [
        ("ANNUAL", "Yearly support", 1, "every year", "EUR", Decimal("99.99")),
        ("BASIC", "Basic+", 2, "every month", "EUR", Decimal("26.00"))]  # 2 x 12.50 + round(3 x 0.333)
    assert [row.code for row in _rows(backend, PLANS, search="SUPP")] == ["ANNUAL"]
    assert [row.code for row in _rows(backend, PLANS, search="basic+")] == ["BASIC"]
