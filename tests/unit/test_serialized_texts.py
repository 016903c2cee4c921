"""The JSON text of a serialized column is kept for a value that cannot change, and never outlives a change: a list
changed in place, an item replaced, or a list held where the type says tuple (in the column or inside a value)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.adapters.sql.shared.values import Serialized, serialized
from oms.domain.shared.tax import TaxCategory
from oms.domain.subscriptions.plans import Lines, PlanLine
from oms.domain.subscriptions.proration import Segment
from oms.domain.subscriptions.records import Pause


def _text(column: Serialized, value: object) -> str:
    [(_, text)] = list(column.columns_of(value))
    assert isinstance(text, str)
    return text


def _line(quantity: str) -> PlanLine:
    return PlanLine(product_id="p1", sku="SEAT", quantity=Decimal(quantity), unit_price=Decimal("30.00"),
                    tax_category=TaxCategory.STANDARD)


def test_a_list_of_frozen_values_changed_in_place_is_written_anew() -> None:
    column = serialized("pauses", list[Pause])
    pauses = [Pause(start=date(2026, 1, 1), end=date(2026, 2, 1))]
    first = _text(column, pauses)

    pauses.append(Pause(start=date(2026, 3, 1), end=date(2026, 4, 1)))
    appended = _text(column, pauses)
    pauses[0] = Pause(start=date(2026, 1, 5), end=date(2026, 2, 1))
    replaced = _text(column, pauses)

    assert first.count("start") == 1
    assert appended.count("start") == 2
    assert "2026-01-05" in replaced
    assert "2026-01-05" not in appended
    assert _text(column, pauses) == replaced


def test_a_tuple_of_frozen_values_gives_the_text_of_its_own_values_and_an_equal_decimal_keeps_its_digits() -> None:
    column = serialized("lines", Lines)
    one, one_point_zero = (_line("1"),), (_line("1.0"),)

    assert _text(column, one) != _text(column, one_point_zero)  # equal values, different texts
    assert _text(column, one) == _text(column, (_line("1"),))


def test_a_list_held_where_the_type_says_tuple_is_written_anew_after_a_change_in_place() -> None:
    column = serialized("lines", Lines)
    lines = [_line("1")]
    before = _text(column, lines)

    lines.append(_line("2"))

    assert _text(column, lines) != before


def test_a_frozen_value_holding_a_list_where_its_type_says_tuple_is_written_anew_after_a_change_in_place() -> None:
    column = serialized("billed", list[Segment])
    lines = [_line("1")]
    billed = [Segment(start=date(2026, 1, 1), end=date(2026, 2, 1), lines=lines)]  # type: ignore[arg-type]
    before = _text(column, billed)

    lines.append(_line("2"))

    assert _text(column, billed) != before


def test_a_value_read_is_written_back_as_it_was_read_until_it_changes() -> None:
    """The text a value was read from is its text while it does not change (an unchanged column compares equal to
    the row it came from, however that was spelt); a list read and then changed in place is encoded anew."""
    column = serialized("pauses", list[Pause])
    stored = '[ {"end": "2026-02-01", "start": "2026-01-01"} ]'  # spaces: not how oms writes it

    pauses = column.value_of({"pauses": stored})
    kept = _text(column, pauses)
    pauses.append(Pause(start=date(2026, 3, 1), end=date(2026, 4, 1)))

    assert kept == stored
    assert _text(column, pauses) == ('[{"end":"2026-02-01","start":"2026-01-01"},'
                                     '{"end":"2026-04-01","start":"2026-03-01"}]')


def test_a_text_read_twice_gives_each_reader_a_list_of_its_own_and_a_change_to_one_leaves_the_other_as_read() -> None:
    """A text is decoded once and its values shared (subscriptions of one plan hold the same lines): a list read is
    each reader's own, so appending to one changes neither the other nor what the other writes back."""
    pauses_column, lines_column = serialized("pauses", list[Pause]), serialized("lines", Lines)
    stored = '[{"end":"2026-02-01","start":"2026-01-01"}]'
    lines = '[{"product_id":"p1","quantity":"1","sku":"SEAT","tax_category":"standard","unit_price":"30.00"}]'

    first, second = pauses_column.value_of({"pauses": stored}), pauses_column.value_of({"pauses": stored})
    first.append(Pause(start=date(2026, 3, 1), end=date(2026, 4, 1)))

    assert first is not second
    assert second == [Pause(start=date(2026, 1, 1), end=date(2026, 2, 1))]
    assert _text(pauses_column, second) == stored
    assert _text(pauses_column, first).count("start") == 2
    assert lines_column.value_of({"lines": lines}) == (_line("1"),)
    assert lines_column.value_of({"lines": lines}) is lines_column.value_of({"lines": lines})  # a tuple: shared
