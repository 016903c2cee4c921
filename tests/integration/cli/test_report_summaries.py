"""`oms reports rebuild` on SQLite and PostgreSQL: the daily sales summary recomputed from the documents, which the
sales report then reads, answering what the documents say."""

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
