"""Shared by the integration tests: master data through the real commands, snapshots, and the ledger invariants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date
from decimal import Decimal
from typing import Any

import attrs
from alembic import command
from attrs import define
from sqlalchemy import create_engine, text

import oms
from oms.adapters.sql.shared.engine import build_engine
from oms.adapters.sql.shared.migrate import alembic_config
from oms.ports.shared.listings import Listings
from oms.ports.unit_of_work import UnitOfWork

NOT_PERSISTED = {"events", "new_movements"}


@define
class Backend:
    """A place to keep the sales core: how to get a unit of work and the listings, and the database URL if any."""

    name: str
    uow_factory: Callable[[], UnitOfWork]
    listings: Listings
    url: str | None = None


def seed_master_data(system: oms.OrderManagement, *, stock: dict[str, int] | None = None) -> None:
    """Branch BER with warehouses BER-A (priority 10) and BER-B (20); products WIDGET and GADGET (stocked) and
    SETUP (a service); customer ACME. `stock` receives units of WIDGET per warehouse code."""
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-A", name="Berlin A", branch_code="BER", priority=10))
    handle(oms.CreateWarehouse(code="BER-B", name="Berlin B", branch_code="BER", priority=20))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    handle(oms.CreateProduct(sku="WIDGET", name="Widget", price="12.345678", currency="EUR"))
    handle(oms.CreateProduct(sku="GADGET", name="Gadget", price="99.90", currency="EUR",
                             tax_category=oms.TaxCategory.REDUCED))
    handle(oms.CreateProduct(sku="SETUP", name="Set-up", price="45", currency="EUR", kind=oms.ProductKind.SERVICE))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH", email="buy@acme.example",
                              billing_address=oms.Address(line1="Hauptstr. 1", city="Berlin", postal_code="10115",
                                                          country="DE"),
                              shipping_address=oms.Address(line1="Lager 7", line2="Tor 2", city="Potsdam",
                                                           region="BB", country="DE")))
    for warehouse, quantity in (stock or {}).items():
        handle(oms.ReceiveStock(sku="WIDGET", warehouse_code=warehouse, quantity=quantity, reference="opening"))


def snapshot(value: Any) -> Any:
    """A comparable picture of an aggregate: its attrs fields, recursively, without the non-persisted lists."""
    if attrs.has(type(value)):
        return (type(value).__name__, {f.name: snapshot(getattr(value, f.name)) for f in attrs.fields(type(value))
                                       if f.name not in NOT_PERSISTED})
    if isinstance(value, (list, tuple)):
        return [snapshot(item) for item in value]
    return value


def check_ledger(uow: UnitOfWork) -> dict[tuple[str, str], Decimal]:
    """Assert the stock invariants (docs/rules.md) for every level; returns the reserved quantity per level.

    on_hand is the sum of the level's movements, reserved the sum of the open reservations of all orders, and
    available is never negative; the level's value is the sum of its movements' values.
    """
    with uow:
        levels = [level for product in uow.masterdata.products.list() for level in uow.stock.for_product(product.id)]
        moved: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        valued: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for movement in uow.stock.movements():
            moved[(movement.product_id, movement.warehouse_id)] += movement.quantity
            valued[(movement.product_id, movement.warehouse_id)] += movement.value
        held: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for order in uow.sales.orders.list():
            for reservation in order.reservations:
                held[(reservation.product_id, reservation.warehouse_id)] += reservation.open
    for level in levels:
        key = (level.product_id, level.warehouse_id)
        assert level.on_hand == moved[key], f"on_hand of {key} is not the sum of its movements"
        assert level.value == valued[key], f"the value of {key} is not the sum of its movements' values"
        assert level.reserved == held[key], f"reserved of {key} is not the sum of open reservations"
        assert level.available >= 0, f"{key} is oversold"
    return {(level.product_id, level.warehouse_id): level.reserved for level in levels}


Owed = tuple[str, str, str, str, date, date | None, Decimal, list[tuple[date, Decimal]]]
# A posted invoice or bill: (id, party, branch, currency, its date, due date, total with tax, what reduced it: the
# (day, amount) of each of its posted notes and of each payment allocation to it, by the payment's day).
UNIT = Decimal("0.0001")  # an open item's amounts are ten-thousandths


def open_items_of(documents: Iterable[Owed]) -> list[tuple[Any, ...]]:
    """The open items (receivable_items, payable_items) the documents make, sorted: amounts in ten-thousandths,
    the first and last day reduced, and the first day from its own date on that it owed nothing."""
    found = []
    for document_id, party, branch, currency, dated, due, total, reduced in documents:
        days = sorted({day for day, _ in reduced})
        settled = next((max(day, dated) for day in [dated, *days]
                        if total - sum((a for d, a in reduced if d <= day), Decimal(0)) <= 0), None)
        found.append((document_id, party, branch, currency, dated, due, int(total / UNIT),
                      int(sum((a for _, a in reduced), Decimal(0)) / UNIT), days[0] if days else None,
                      days[-1] if days else None, settled))
    return sorted(found)


def kept_open_items(url: str, table: str) -> list[tuple[Any, ...]]:
    """The open items a database keeps in `table`, as `open_items_of` makes them."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT document_id, party_id, branch_id, currency, document_date, due_date, total, reduced, "
                f"reduced_from, reduced_until, settled_on FROM {table}")).all()
    finally:
        engine.dispose()
    dated = (4, 5, 8, 9, 10)  # SQLite gives dates back as text
    return sorted(tuple(date.fromisoformat(value) if index in dated and isinstance(value, str) else value
                        for index, value in enumerate(row)) for row in rows)


def balances_of(items: Iterable[tuple[Any, ...]]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """What the open items (as `open_items_of` makes them) still owing add up to per party, branch and currency:
    (how many, what they owe now), as receivable_balances and payable_balances keep it."""
    found: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _, party, branch, currency, _, _, total, reduced, _, _, settled in items:
        if settled is None:
            summed = found[(party, branch, currency)]
            summed[0] += 1
            summed[1] += total - reduced
    return {key: (documents, owed) for key, (documents, owed) in found.items()}


def kept_balances(url: str, table: str) -> dict[tuple[str, str, str], tuple[int, int]]:
    """The balances a database keeps in `table`, as `balances_of` makes them (rows at zero documents left out)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                f"SELECT party_id, branch_id, currency, documents, owed FROM {table} WHERE documents <> 0")).all()
    finally:
        engine.dispose()
    return {(party, branch, currency): (int(documents), int(owed)) for party, branch, currency, documents, owed in rows}


QuotationDay = tuple[date, str, str, str, int]  # (day, branch, currency, status, slot)


def quotation_days_of(uow_factory: Callable[[], UnitOfWork]) -> dict[QuotationDay, tuple[int, int]]:
    """The quotations' days (report_quotation_days) recomputed from the quotations: how many and their net totals in
    ten-thousandths per day (UTC), branch, currency, status and slot (the last hex digit of the id, modulo 8)."""
    found: dict[QuotationDay, list[int]] = defaultdict(lambda: [0, 0])
    with uow_factory() as uow:
        for quotation in uow.sales.quotations.list():
            summed = found[(quotation.created_at.astimezone(UTC).date(), quotation.branch_id, quotation.currency,
                            quotation.status.value, int(quotation.id[-1], 16) % 8)]
            summed[0] += 1
            summed[1] += int(quotation.net_total / UNIT)
    return {key: (documents, net) for key, (documents, net) in found.items()}


def kept_quotation_days(url: str) -> dict[QuotationDay, tuple[int, int]]:
    """The quotations' days a database keeps, as `quotation_days_of` makes them (rows back at zero left out)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT day, branch_id, currency, status, slot, documents, net "
                                           "FROM report_quotation_days WHERE documents <> 0 OR net <> 0")).all()
    finally:
        engine.dispose()
    return {(date.fromisoformat(str(day)), branch, currency, status, int(slot)): (int(documents), int(net))
            for day, branch, currency, status, slot, documents, net in rows}

def downgrade(url: str, revision: str) -> None:
    """The database at `url` migrated down to `revision` (a migration test then upgrades it again)."""
    engine = build_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()
