"""Times as SQLite keeps them: UTC text without offset, each time its own, however often a command repeats one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from oms.adapters.sql.shared.types import UtcDateTime


def test_each_time_is_written_as_its_own_utc_text_however_the_times_repeat() -> None:
    bind = UtcDateTime().bind_processor(sqlite.dialect())
    berlin = datetime(2026, 3, 1, 10, 0, 0, 5, tzinfo=timezone(timedelta(hours=1)))
    noon = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    noon_again = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    texts = [bind(time) for time in (berlin, berlin, noon, berlin, noon, noon_again, None)]

    assert texts == ["2026-03-01 09:00:00.000005", "2026-03-01 09:00:00.000005", "2026-03-01 12:00:00.000000",
                     "2026-03-01 09:00:00.000005", "2026-03-01 12:00:00.000000", "2026-03-01 12:00:00.000000",
                     None]


def test_a_naive_time_is_refused_even_right_after_the_same_time_with_a_zone() -> None:
    bind = UtcDateTime().bind_processor(sqlite.dialect())
    bind(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))

    with pytest.raises(ValueError, match="naive"):
        bind(datetime(2026, 3, 1, 12, 0))
