"""An aggregate whose queries a unit of work answers again from their first answer (`repeatable`) must be one whose
rows a changing transaction locks when it loads them: otherwise another transaction could change what was read."""

from __future__ import annotations

import pytest
from attrs import define
from sqlalchemy import Column, MetaData, String, Table

from oms.adapters.sql.shared.mapping import Aggregate, Entity, check

metadata = MetaData()
charts = Table("charts", metadata, Column("id", String, primary_key=True))


@define(slots=False)
class Chart:
    id: str


def test_a_locked_aggregate_may_be_repeatable() -> None:
    check(Aggregate("chart", Entity(Chart, charts), lock=True, repeatable=True))


def test_an_aggregate_nobody_locks_is_refused_as_repeatable() -> None:
    with pytest.raises(TypeError, match="only an aggregate whose rows are locked when loaded is repeatable"):
        check(Aggregate("chart", Entity(Chart, charts), repeatable=True))
