"""The column types: aware UTC datetimes only, exact decimals with a bounded scale, on both databases."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, MetaData, String, Table, insert, select
from sqlalchemy.exc import StatementError

from oms.adapters.sql.shared.engine import build_engine
from oms.adapters.sql.shared.tables import outbox
from oms.adapters.sql.shared.types import ExactDecimal


def test_a_naive_datetime_is_refused_and_an_aware_one_comes_back_in_utc(sql_url: str) -> None:
    engine = build_engine(sql_url)
    berlin = datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    row = {"aggregate_id": "a", "event_type": "E", "payload": {}}

    with engine.begin() as connection:
        connection.execute(insert(outbox).values(**row, occurred_at=berlin))
        stored = connection.execute(select(outbox.c.occurred_at)).scalar_one()
    with pytest.raises(StatementError, match="naive"), engine.begin() as connection:
        connection.execute(insert(outbox).values(**row, occurred_at=datetime(2026, 3, 1, 10, 0)))
    engine.dispose()

    assert stored == berlin
    assert stored.utcoffset() == timedelta(0)


def test_a_decimal_with_more_decimals_than_its_column_keeps_is_refused(sql_url: str) -> None:


    table = Table("exact_probe", MetaData(), Column("id", String(8), primary_key=True),
                  Column("value", ExactDecimal(6)))
    engine = build_engine(sql_url)
    table.create(engine)

    with engine.begin() as connection:
        connection.execute(insert(table).values(id="a", value=Decimal("0.1234560")))
        kept = connection.execute(select(table.c.value)).scalar_one()
    with pytest.raises(StatementError, match="6 decimals"), engine.begin() as connection:
        connection.execute(insert(table).values(id="b", value=Decimal("0.1234567")))
    with pytest.raises(StatementError, match="Decimal"), engine.begin() as connection:
        connection.execute(insert(table).values(id="c", value=0.5))
    table.drop(engine)
    engine.dispose()

    assert str(kept) == "0.1234560"
