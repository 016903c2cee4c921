"""The parameters of a statement written for many rows at once (INSERT ... VALUES (...), (...)): each row's values
in the order of the placeholders, converted by their columns' types, on SQLite and PostgreSQL; a row without one
of the columns gives None for it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine

from oms.adapters.sql.shared.inserts import _insert
from oms.adapters.sql.shared.statements import Compiler, Statement
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.sales.sales_order import SalesOrderStatus

TABLE = Table("priced", MetaData(), Column("id", String(32)), Column("price", ExactDecimal(4)),
              Column("at", UtcDateTime()), Column("status", StrEnumType(SalesOrderStatus)))
COLUMNS = ("at", "id", "price", "status")
AT = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)


def _statement(url: str, count: int) -> Statement:
    """The INSERT of `count` rows that queue_inserts writes, compiled for the database (no connection is made)."""
    return Compiler(create_engine(url)).compile(_insert(TABLE, COLUMNS, count))


@pytest.mark.parametrize(("url", "price", "at"), [
    ("sqlite:///unused.db", "12.50", "2026-12-04 09:30:00.000000"),
    ("postgresql+psycopg://nobody@127.0.0.1/unused", Decimal("12.50"), AT),
])
def test_each_rows_values_come_in_the_placeholders_order_converted_by_their_columns(url: str, price: object,
                                                                                    at: object) -> None:
    statement = _statement(url, 3)
    rows: list[dict[str, object]] = [
        {"id": "a", "price": Decimal("12.50"), "at": AT, "status": SalesOrderStatus.CONFIRMED},
        {"id": "b", "price": None, "at": AT, "status": "draft"},
        {"id": "c", "price": Decimal("12.50"), "at": AT}]  # no status: None

    found = statement.parameters_of_rows(rows)

    positions = statement.positions or ()
    by_row = [dict(zip(positions[i * 4:i * 4 + 4], found[i * 4:i * 4 + 4], strict=True))
              for i in range(3)]
    assert by_row == [{"id_0": "a", "price_0": price, "at_0": at, "status_0": "confirmed"},
                      {"id_1": "b", "price_1": None, "at_1": at, "status_1": "draft"},
                      {"id_2": "c", "price_2": price, "at_2": at, "status_2": None}]


def test_a_value_its_column_refuses_is_refused_whichever_row_it_is_in() -> None:
    statement = _statement("sqlite:///unused.db", 2)
    rows = [{"id": "a", "price": Decimal("1"), "at": AT, "status": "draft"},
            {"id": "b", "price": Decimal("1.23456"), "at": AT, "status": "draft"}]

    with pytest.raises(ValueError, match="more than 4 decimals"):
        statement.parameters_of_rows(rows)
