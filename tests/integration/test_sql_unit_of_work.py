"""What only the SQL unit of work has to get right: database errors as the domain's, detached results, start-up."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

import oms
from oms.adapters.sql import SqlDatabase, current_revision, head_revision, open_database
from oms.adapters.sql.stock.repositories import STOCK_LEVEL
from oms.domain.accounting.accounts import Account, AccountType
from oms.domain.accounting.journal import SETTINGS_ID
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.stock.levels import StockLevel

from .integration_helpers import seed_master_data, snapshot


def test_a_stock_level_inserted_twice_is_a_retryable_conflict(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work), stock={"BER-A": 1})
    level = oms.bootstrap(uow_factory=database.unit_of_work).stock("WIDGET")[0]
    uow = database.unit_of_work()
    uow.__enter__()
    assert uow.session is not None
    uow.session.add(STOCK_LEVEL, StockLevel(level.product_id, level.warehouse_id, Decimal(5)))

    with pytest.raises(oms.ConcurrencyConflict):
        uow.commit()
    uow.__exit__(None, None, None)
    database.dispose()


def test_what_a_query_returns_stays_readable_after_the_transaction(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 5})
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="2"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))

    order = system.sales_order(order_id)
    database.dispose()

    assert order.lines[0].discount is None
    assert order.reservations[0].open == 2
    assert [change.to_status for change in order.history] == ["confirmed"]
    assert order.events == []


def test_the_embedded_default_migrates_on_first_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'first-start.db'}"

    database = open_database(url, migrate=True)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work))
    database.dispose()

    assert current_revision(url) == head_revision()


def _number_taken_beside(database: SqlDatabase, kind: DocumentType) -> tuple[int, int, bool]:
    """A number taken while another transaction holds one it took first, which then rolls back: (the holder's, the
    other's, whether the other got its number while the holder was still open)."""
    taken: list[int] = []
    holder = database.unit_of_work()
    with holder:
        first = holder.sequences.next_value(kind)

        def take() -> None:
            with database.unit_of_work() as other:
                taken.append(other.sequences.next_value(kind))
                other.commit()

        thread = threading.Thread(target=take)
        thread.start()
        thread.join(timeout=3)
        while_open = bool(taken)
    thread.join(timeout=30)
    return first, taken[0], while_open


@pytest.mark.postgres
def test_an_order_number_is_taken_without_waiting_for_a_transaction_that_took_one(clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)

    first, second, while_open = _number_taken_beside(database, DocumentType.SALES_ORDER)
    database.dispose()

    assert while_open  # with a counter row locked to the commit, the second waited for the first to end
    assert (first, second) == (1, 2)  # the first rolled back: its number is a gap, never handed out again


@pytest.mark.postgres
def test_an_invoice_number_waits_for_the_transaction_holding_one_and_gets_it_back_after_a_rollback(
        clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)

    first, second, while_open = _number_taken_beside(database, DocumentType.INVOICE)
    database.dispose()

    assert not while_open
    assert (first, second) == (1, 1)  # gapless: the rolled back number is the next one's


def _books_of_one_account(url: str) -> SqlDatabase:
    """The database at `url` with a chart of one account, 1200."""
    database = SqlDatabase.from_url(url)
    with database.unit_of_work() as uow:
        uow.accounting.accounts.add(Account(id=new_id(), code="1200", name="Receivables", type=AccountType.ASSET))
        uow.commit()
    return database


def _round_trips(database: SqlDatabase, read: Callable[[], object]) -> tuple[int, object]:
    """The round trips `read()` took, and what it returned."""
    before = database.traffic.round_trips
    found = read()
    return database.traffic.round_trips - before, found


def test_a_unit_of_work_reads_the_chart_once_and_a_missing_setting_once_and_sees_what_it_adds(
        sql_url: str) -> None:
    """Every posting reads the chart of accounts, its mappings and the ledger's settings: a batch of renewals posts
    many entries in one unit of work, which reads each once (rows it holds locked, so nobody changed them)."""
    database = _books_of_one_account(sql_url)
    trips = partial(_round_trips, database)

    with database.unit_of_work() as uow:
        first = trips(lambda: [account.code for account in uow.accounting.accounts.list()])
        again = trips(lambda: [account.code for account in uow.accounting.accounts.list()])
        uow.accounting.accounts.add(Account(id=new_id(), code="4000", name="Sales", type=AccountType.INCOME))
        uow.flush()
        after_adding = trips(lambda: [account.code for account in uow.accounting.accounts.list()])
        mappings = [trips(lambda: list(uow.accounting.mappings.list()))[0] for _ in range(3)]
        settings = [trips(lambda: uow.accounting.settings.find("books")) for _ in range(3)]
    database.dispose()

    assert first[1] == again[1] == ["1200"]
    assert first[0] >= 1
    assert again[0] == 0
    assert after_adding == (1, ["1200", "4000"])
    assert mappings[1:] == [0, 0]
    assert [found for _, found in settings] == [None, None, None]
    assert [count for count, _ in settings][1:] == [0, 0]


def test_the_books_read_ahead_come_with_the_next_statement_and_never_hide_an_account_added_meanwhile(
        sql_url: str) -> None:
    """A batch of renewals reads what its postings read of the books with its invoices' numbers: the chart, the
    mappings and the settings then answer without a round trip of their own. An account added before that statement
    went (and flushed after it) is in the chart the unit of work sees."""
    database = _books_of_one_account(sql_url)
    trips = partial(_round_trips, database)

    with database.unit_of_work() as uow:
        uow.accounting.read_ahead()
        carrier = trips(lambda: uow.accounting.journal.by_number("JE-2026-000001"))
        ahead = [trips(lambda: [account.code for account in uow.accounting.accounts.list()]),
                 trips(lambda: list(uow.accounting.mappings.list())),
                 trips(lambda: uow.accounting.settings.find(SETTINGS_ID))]
    with database.unit_of_work() as uow:
        uow.accounting.read_ahead()
        uow.accounting.accounts.add(Account(id=new_id(), code="4000", name="Sales", type=AccountType.INCOME))
        uow.accounting.journal.by_number("JE-2026-000001")  # the read ahead goes, without the account
        uow.flush()
        added = trips(lambda: [account.code for account in uow.accounting.accounts.list()])
    database.dispose()

    assert carrier == (1, None)
    assert ahead == [(0, ["1200"]), (0, []), (0, None)]
    assert added == (1, ["1200", "4000"])


@pytest.mark.postgres
def test_a_placement_waits_for_postgresql_three_times_and_a_create_twice_with_its_writes_in_one_statement(
        clean_postgres_url: str) -> None:
    """The writes of a command go with its COMMIT as one statement, an order comes with its parts in one round trip,
    and the BEGIN rides with the first statement: what a command waits for is what it cannot do without (its
    number, its stock rows locked, the commit). With a request key, the order's number is read ahead with the
    key's claim: the key costs no round trip of its own."""
    database = SqlDatabase.from_url(clean_postgres_url, cache=True)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 10})
    lines = (oms.LineInput(sku="WIDGET", quantity="1"), oms.LineInput(sku="SETUP", quantity="1"))
    # Once: master data kept in memory, the stock rows of every warehouse of the branch made
    system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines, confirm=True))

    results: list[Any] = []

    def round_trips(command: oms.Command[Any], key: str | None = None) -> tuple[int, int]:
        before = (database.traffic.round_trips, database.traffic.statements)
        results.append(system.handle(command, key))
        return database.traffic.round_trips - before[0], database.traffic.statements - before[1]

    created = round_trips(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines))
    confirmed = round_trips(oms.ConfirmSalesOrder(order_id=results[-1]))
    placed = round_trips(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines, confirm=True))
    keyed = round_trips(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines, confirm=True),
                        "checkout-1")
    replayed = round_trips(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=lines, confirm=True),
                           "checkout-1")
    with database.unit_of_work() as uow:
        numbers = sorted(order.number for order in uow.sales.orders.list())
    database.dispose()

    # BEGIN, the number; the writes as one statement, COMMIT / BEGIN, the order and its parts; the stock rows; the
    # writes, COMMIT / BEGIN, the number; the stock rows; the writes, COMMIT
    assert (created, confirmed, placed) == ((2, 4), (3, 6), (3, 5))
    # BEGIN, the key's lock and record, the number; the stock rows; the writes (the key's record too), COMMIT
    assert keyed == (3, 7)
    assert replayed[0] == 1  # the key's record answers; the number read ahead with it is a gap
    assert results[-1] == results[-2]
    assert numbers == ["SO-000001", "SO-000002", "SO-000003", "SO-000004"]


def test_writers_of_one_process_take_turns_on_sqlite_and_give_up_after_the_busy_timeout(sqlite_url: str) -> None:
    """A writer waits for its turn before it takes a connection and asks SQLite for its lock (whose busy handler
    polls); past the busy timeout it gives up with StoreBusy, as it would at SQLite's lock."""
    database = SqlDatabase.from_url(sqlite_url, sqlite_busy_timeout_ms=1500)
    outcomes: list[str] = []
    connections_while_waiting: list[int] = []

    def write() -> None:
        try:
            with database.unit_of_work() as uow:
                uow.sequences.next_value(DocumentType.SALES_ORDER)
                uow.commit()
            outcomes.append("wrote")
        except oms.StoreBusy:
            outcomes.append("busy")

    with database.unit_of_work() as holder:  # holds the turn (and SQLite's write lock) until it ends
        holder.sequences.next_value(DocumentType.SALES_ORDER)
        waiting = threading.Thread(target=write)
        waiting.start()
        waiting.join(timeout=0.5)  # well within the busy timeout: the writer is still waiting
        connections_while_waiting.append(database.engine.pool.checkedout())  # type: ignore[attr-defined]  # QueuePool
        waiting.join(timeout=10)
        with database.unit_of_work().reading() as reader:  # readers take no turn
            assert list(reader.masterdata.products.list()) == []
    write()
    database.dispose()

    assert connections_while_waiting == [1]  # the holder's: the waiting writer has taken none
    assert outcomes == ["busy", "wrote"]


@pytest.mark.postgres
def test_an_orders_parts_come_in_one_statement_on_postgresql_exactly_as_read_table_by_table(
        clean_postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part table of an order (lines, reservations, goods issues and their lines, returns and their
    receipts, history) is one JSON column of one statement; what it reads back is what a statement per table
    reads, to the scale of each decimal and the zone of each time."""
    database = SqlDatabase.from_url(clean_postgres_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 10})
    order_id = _placed_and_issued(system)

    before = database.traffic.statements
    as_json = system.sales_order(order_id)
    statements = database.traffic.statements - before
    monkeypatch.setattr("oms.adapters.sql.shared.session.readers_of", lambda table: None)  # table by table
    by_table = system.sales_order(order_id)
    database.dispose()

    assert statements == 3  # BEGIN, the order, its parts
    assert repr(snapshot(as_json)) == repr(snapshot(by_table))
    assert [len(part) for part in (as_json.lines, as_json.reservations, as_json.goods_issues, as_json.returns,
                                   as_json.returns[0].receipts, as_json.history)] == [2, 1, 1, 1, 1, 2]


def _backend_pid(database: SqlDatabase) -> int:
    """The PostgreSQL backend a unit of work's transaction runs on."""
    with database.unit_of_work() as uow:
        assert uow.session is not None
        transaction = uow.session.transaction
        statement = transaction.compiler.get(("test", "backend pid"),
                                             lambda: select(func.pg_backend_pid().label("pid")))
        pid: int = transaction.run(statement)[0]["pid"]
        return pid


@pytest.mark.postgres
def test_a_transaction_runs_on_the_connection_the_last_one_left_and_a_lost_one_is_never_used_again(
        clean_postgres_url: str) -> None:
    """Transactions keep their connections between them (connections.py), never one that was lost: a command
    whose connection the server dropped runs again, on a new one, and so does every command after it."""
    database = SqlDatabase.from_url(clean_postgres_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed_master_data(system, stock={"BER-A": 5})
    first = _backend_pid(database)
    assert _backend_pid(database) == first

    admin = create_engine(clean_postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    admin.dispose()
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="2"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id))
    second = _backend_pid(database)
    database.dispose()

    assert second != first
    assert system.sales_order(order_id).status == "confirmed"


def test_a_unit_of_work_entered_again_makes_its_repositories_on_the_new_transaction(sqlite_url: str) -> None:
    database = SqlDatabase.from_url(sqlite_url)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work), stock={"BER-A": 5})
    uow = database.unit_of_work()
    with uow:
        first = uow.masterdata.products
        product = first.by_sku("WIDGET")
        assert uow.masterdata.products is first
    with uow:
        second = uow.masterdata.products
        again = second.by_sku("WIDGET")
    database.dispose()

    assert second is not first
    assert again is not product
    assert vars(again) == vars(product)


def test_the_connections_kept_between_transactions_are_at_most_as_many_as_the_pool_keeps(sqlite_url: str) -> None:
    database = SqlDatabase.from_url(sqlite_url, pool_size=2)
    pool: Any = database.engine.pool  # a QueuePool
    with ExitStack() as readers:
        for _ in range(4):  # readers take no writer's turn: four transactions at once
            readers.enter_context(database.unit_of_work().reading())
        while_open = pool.checkedout()
    after = pool.checkedout()
    database.dispose()

    assert while_open == 4
    assert after == 2  # kept for the next transactions; the pool closed the two beyond its size


def _placed_and_issued(system: oms.OrderManagement) -> str:
    """An order of two lines, confirmed, partly issued, with a return received: every part table holds rows."""
    order_id = system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.amount("5"), lines=(
            oms.LineInput(sku="WIDGET", quantity="4", discount=oms.Discount.percent("12.5")),
            oms.LineInput(sku="SETUP", quantity="2", unit_price="80.123456")), confirm=True))
    widget = system.sales_order(order_id).lines[0]
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=widget.id, quantity="3"),)))
    rma = system.handle(oms.AuthoriseReturn(order_id=order_id, line_id=widget.id, quantity="2", reason="Dented"))
    system.handle(oms.ReceiveReturn(order_id=order_id, return_number=rma, warehouse_code="BER-A", quantity="1"))
    return order_id


def test_a_server_on_sqlite_reads_the_parts_of_the_documents_it_committed_from_memory_exactly_as_stored(
        sqlite_url: str) -> None:
    """A server's units of work (cache=True) take a document's parts from what the process committed when the
    version read is the version committed (snapshots.py): one statement instead of eight, the same order as a
    process that reads every table."""
    server = SqlDatabase.from_url(sqlite_url, cache=True)
    system = oms.bootstrap(uow_factory=server.unit_of_work)
    seed_master_data(system, stock={"BER-A": 10})
    order_id = _placed_and_issued(system)

    before = server.traffic.statements
    remembered = system.sales_order(order_id)
    statements = server.traffic.statements - before
    reader = SqlDatabase.from_url(sqlite_url)
    from_the_tables = oms.bootstrap(uow_factory=reader.unit_of_work).sales_order(order_id)
    read = reader.traffic.statements
    server.dispose()
    reader.dispose()

    assert (statements, read) == (2, 9)  # BEGIN and the order's row; the reader also reads the seven part tables
    assert repr(snapshot(remembered)) == repr(snapshot(from_the_tables))
    assert [len(part) for part in (remembered.lines, remembered.reservations, remembered.goods_issues,
                                   remembered.returns, remembered.returns[0].receipts, remembered.history)] == \
        [2, 1, 1, 1, 1, 2]


def test_a_document_another_process_changed_meanwhile_is_read_from_the_tables(sqlite_url: str) -> None:
    first, second = SqlDatabase.from_url(sqlite_url, cache=True), SqlDatabase.from_url(sqlite_url, cache=True)
    one, other = oms.bootstrap(uow_factory=first.unit_of_work), oms.bootstrap(uow_factory=second.unit_of_work)
    seed_master_data(one, stock={"BER-A": 10})
    order_id = one.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=(oms.LineInput(sku="WIDGET", quantity="4"),)))

    other.handle(oms.ConfirmSalesOrder(order_id=order_id))  # the first remembers the order as created
    widget = one.sales_order(order_id).lines[0]
    one.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                              lines=(oms.IssueLine(line_id=widget.id, quantity="3"),)))
    seen_by_the_other = other.sales_order(order_id)
    first.dispose()
    second.dispose()

    assert [reservation.open for reservation in seen_by_the_other.reservations] == [Decimal(1)]
    assert [len(issue.lines) for issue in seen_by_the_other.goods_issues] == [1]
    assert [change.to_status for change in seen_by_the_other.history] == ["confirmed", "partially_issued"]


def test_what_a_unit_of_work_wrote_and_did_not_commit_is_never_remembered(sqlite_url: str) -> None:
    """A version a rolled-back unit of work reached is the version the next committed change reaches too: only
    what was committed may be remembered under it."""
    server, other = SqlDatabase.from_url(sqlite_url, cache=True), SqlDatabase.from_url(sqlite_url)
    system = oms.bootstrap(uow_factory=server.unit_of_work)
    seed_master_data(system, stock={"BER-A": 10})
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="4"),)))
    with server.unit_of_work() as uow:
        order = uow.sales.orders.get(order_id)
        order.lines[0].description = "Not committed"
        uow.flush()  # written in the transaction at the next version, rolled back when it ends
    oms.bootstrap(uow_factory=other.unit_of_work).handle(oms.ConfirmSalesOrder(order_id=order_id))

    seen = system.sales_order(order_id)
    server.dispose()
    other.dispose()

    assert (seen.lines[0].description, seen.status, len(seen.reservations)) == ("Widget", "confirmed", 1)
