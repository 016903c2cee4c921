"""Migrations and database set-up: the packaged migrations build the mapped schema; SQLite's locking and pragmas."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

import oms
from oms.adapters.sql import SqlDatabase, current_revision, head_revision, upgrade
from oms.adapters.sql.shared.engine import build_engine, normalize_url
from oms.adapters.sql.shared.metadata import complete_metadata
from oms.adapters.sql.shared.sequences import sequence_name
from oms.domain.shared.ids import DocumentType
from oms.ports.masterdata.listings import PRODUCTS
from oms.ports.sales.listings import SALES_ORDERS
from oms.ports.shared.listings import ListingQuery

from .conftest import SQL_BACKENDS
from .integration_helpers import downgrade, seed_master_data


@pytest.fixture(params=SQL_BACKENDS)
def unmigrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database that has never been migrated."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    yield request.getfixturevalue("unmigrated_postgres_url")


# SQLite has no index of date ranges (the ageing's, PostgreSQL only): alembic cannot compare it there and says so.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_the_migrations_build_exactly_the_mapped_schema(sql_url: str) -> None:
    engine = build_engine(sql_url)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       complete_metadata())
    engine.dispose()

    assert differences == []


@pytest.mark.postgres
def test_document_numbers_continue_from_the_counters_once_postgresql_sequences_take_over(
        unmigrated_postgres_url: str) -> None:
    unmigrated_url = unmigrated_postgres_url
    upgrade(unmigrated_url, "0006")
    engine = build_engine(unmigrated_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO sequences (kind, value) VALUES ('SO', 41), ('INV', 7)"))
    engine.dispose()

    upgrade(unmigrated_url)
    database = SqlDatabase.from_url(unmigrated_url)
    with database.unit_of_work() as uow:
        numbers = [uow.sequences.next_value(kind) for kind in (DocumentType.SALES_ORDER, DocumentType.QUOTATION,
                                                                 DocumentType.INVOICE)]
    with database.engine.connect() as connection:
        sequences = set(connection.execute(text("SELECT sequencename FROM pg_sequences")).scalars())
    database.dispose()

    assert numbers == [42, 1, 8]
    assert sequences >= {sequence_name(kind) for kind in DocumentType if not kind.gapless}


def test_migrating_from_several_processes_at_once_migrates_once(unmigrated_url: str) -> None:
    errors: list[Exception] = []

    def migrate() -> None:
        try:
            upgrade(unmigrated_url)
        except Exception as error:  # collected for the assertion below
            errors.append(error)

    assert current_revision(unmigrated_url) is None
    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert current_revision(unmigrated_url) == head_revision()


def test_stock_movements_can_be_neither_changed_nor_deleted(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work), stock={"BER-A": 4})

    for statement in ("UPDATE stock_movements SET quantity = '40'", "DELETE FROM stock_movements"):
        with pytest.raises(DBAPIError, match="immutable"), database.engine.begin() as connection:
            connection.execute(text(statement))

    assert [m.quantity for m in oms.bootstrap(uow_factory=database.unit_of_work).movements("WIDGET")] == [4]
    database.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    engine = build_engine(sqlite_url)

    with engine.connect() as connection:
        settings = [connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("journal_mode", "foreign_keys", "busy_timeout")]
    engine.dispose()

    assert settings == ["wal", 1, 30000]


def test_a_sqlite_unit_of_work_holds_the_write_lock_from_its_start(sqlite_url: str) -> None:
    database = SqlDatabase.from_url(sqlite_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work))
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    uow = database.unit_of_work()

    with uow:
        uow.masterdata.products.list()  # a read only, yet the transaction already holds the write lock
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        page = database.listings().page(SALES_ORDERS, ListingQuery())  # readers are not blocked (WAL)
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    database.dispose()

    assert page.items == ()


def test_postgresql_urls_use_psycopg_3_and_sqlite_must_be_a_file() -> None:
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(ValueError, match="file"):
        build_engine("sqlite://")


def test_a_decimal_comes_back_exactly_as_stored(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system)

    system.handle(oms.UpdateProduct(sku="WIDGET", price="2.50"))
    system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="999999999"))
    uow = database.unit_of_work()
    with uow:
        price = uow.masterdata.products.by_sku("WIDGET").price  # type: ignore[union-attr]  # seeded: never None
    database.dispose()

    assert str(price) == "2.50"
    assert [level.on_hand for level in system.stock("WIDGET") if level.on_hand] == [Decimal("999999999")]


def test_products_made_before_categories_existed_have_none_and_take_one_after_the_upgrade(unmigrated_url: str) -> None:
    upgrade(unmigrated_url)
    database = SqlDatabase.from_url(unmigrated_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work))
    database.dispose()
    downgrade(unmigrated_url, "0028")

    upgrade(unmigrated_url)
    database = SqlDatabase.from_url(unmigrated_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    system.handle(oms.UpdateProduct(sku="WIDGET", category="hardware"))
    system.handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="0.20", currency="EUR", category="hardware"))
    listed = database.listings().page(PRODUCTS, ListingQuery(filters={"category": "hardware"})).items
    others = [p.category for p in database.listings().page(PRODUCTS, ListingQuery()).items if p.sku not in (
        "WIDGET", "BOLT")]
    database.dispose()

    assert [p.sku for p in listed] == ["BOLT", "WIDGET"]
    assert others
    assert set(others) == {None}


def test_rows_made_before_invoice_policies_existed_get_their_kinds_policy(unmigrated_url: str) -> None:
    upgrade(unmigrated_url)
    database = SqlDatabase.from_url(unmigrated_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system)
    system.handle(oms.UpdateProduct(sku="WIDGET", invoice_policy=oms.InvoicePolicy.ORDERED))  # forgotten below
    lines = (oms.LineInput(sku="WIDGET", quantity="1"), oms.LineInput(sku="SETUP", quantity="1"))
    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER", lines=lines))
    system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines))
    database.dispose()
    downgrade(unmigrated_url, "0008")

    upgrade(unmigrated_url)
    engine = build_engine(unmigrated_url)
    with engine.connect() as connection:
        policies = {table: sorted(connection.execute(text(
            f"SELECT kind, invoice_policy FROM {table}")).all())
            for table in ("products", "quotation_lines", "order_lines")}
    engine.dispose()

    assert policies == {"products": [("service", "ordered"), ("stocked", "delivered"), ("stocked", "delivered")],
                        "quotation_lines": [("service", "ordered"), ("stocked", "delivered")],
                        "order_lines": [("service", "ordered"), ("stocked", "delivered")]}
