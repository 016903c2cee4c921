"""`oms reports rebuild` on SQLite and PostgreSQL: the daily sales summary recomputed from the documents, which the
sales report then reads, answering what the documents say; the quotations' days recomputed from the quotations,
which the quotation-conversion report reads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from click.testing import CliRunner
from sqlalchemy import create_engine, text

import oms
from oms.adapters.sql import SqlDatabase
from oms.entrypoints.cli import main
from tests.integration.integration_helpers import seed_master_data


def test_the_rebuild_command_fills_the_summary_the_sales_report_reads(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work,
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    seed_master_data(system, stock={"BER-A": 10})
    for quantity in ("2", "3"):
        order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
            oms.LineInput(sku="WIDGET", quantity=quantity, unit_price="10.00"),)))
        system.handle(oms.ConfirmSalesOrder(order_id=order))

    result = CliRunner().invoke(main, ["reports", "rebuild"], env={"OMS_DATABASE_URL": sql_url})

    assert result.exit_code == 0, result.output
    engine = create_engine(sql_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT basis, day, quantity, amount FROM report_sales_daily")).all()
    engine.dispose()
    assert [(basis, str(day)[:10], Decimal(str(q)), Decimal(str(a))) for basis, day, q, a in rows] == [
        ("bookings", "2026-03-02", Decimal(5), Decimal("50.00"))]
    report = system.report("sales", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31)))
    assert report.rows[0][2:4] == (Decimal(5), Decimal("50.00"))
    database.dispose()


def test_the_rebuild_command_recomputes_the_quotations_days_from_the_quotations(sql_url: str) -> None:
    """The days emptied behind the triggers' back (as a bulk load with triggers off leaves them) are recomputed:
    the quotation-conversion report then counts the quotations again."""
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work,
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    seed_master_data(system)
    for quantity in ("2", "3"):
        quotation = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER", lines=(
            oms.LineInput(sku="WIDGET", quantity=quantity, unit_price="10.00"),)))
    system.handle(oms.SendQuotation(quotation_id=quotation))
    engine = create_engine(sql_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM report_quotation_days"))
    march = oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31))
    emptied = system.report("quotation-conversion", march).rows[0][2]

    result = CliRunner().invoke(main, ["reports", "rebuild"], env={"OMS_DATABASE_URL": sql_url})

    assert result.exit_code == 0, result.output
    assert "the quotations' days were rebuilt from the quotations" in result.output
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT day, status, SUM(documents), SUM(net) FROM report_quotation_days "
                                       "GROUP BY day, status ORDER BY status")).all()
    engine.dispose()
    assert [(str(day)[:10], status, int(documents), int(net)) for day, status, documents, net in rows] == [
        ("2026-03-02", "draft", 1, 200_000), ("2026-03-02", "sent", 1, 300_000)]
    assert emptied == 0
    assert system.report("quotation-conversion", march).rows[0][2:7] == (2, 0, 0, 0, 2)
    database.dispose()
