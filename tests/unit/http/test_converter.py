"""The converter: decimal strings only, aware timestamps only, exact types, every offending field with its path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import oms
from oms.entrypoints.json.converter import format_decimal, parse_datetime, structure, unstructure
from oms.entrypoints.json.field_errors import InvalidBody, InvalidField
from oms.entrypoints.json.text import json_bytes


def test_money_and_quantities_come_as_decimal_strings_and_go_out_the_same() -> None:
    command = structure({"sku": "DESK", "name": "Desk", "price": "0.10", "currency": "EUR"}, oms.CreateProduct)

    assert command.price == Decimal("0.10")
    assert unstructure(oms.Money.of("1E+2", "EUR")) == {"amount": "100.00", "currency": "EUR"}


@pytest.mark.parametrize(("value", "places", "shown"), [
    ("1E+2", 2, "100.00"), ("-0", 0, "0"), ("-0.000", 2, "0.00"), ("-0.50", 0, "-0.5"), ("2.500000", 2, "2.50"),
    ("12.345678", 2, "12.345678"), ("0E-12", 3, "0.000"), ("1.000000000000", 0, "1"), ("0.1900", 0, "0.19")])
def test_a_decimal_is_shown_with_its_places_more_only_where_it_has_them_and_never_as_minus_zero(
        value: str, places: int, shown: str) -> None:
    assert format_decimal(Decimal(value), places) == shown


@pytest.mark.parametrize("value", [0.1, 10, True, "1e3", "NaN", " 1", "1.", "12345678901234567"])
def test_anything_but_a_plain_decimal_string_is_refused_for_a_decimal(value: object) -> None:
    with pytest.raises(InvalidBody) as refused:
        structure({"sku": "D", "name": "D", "price": value, "currency": "EUR"}, oms.CreateProduct)

    assert [e.pointer for e in refused.value.errors] == ["#/price"]


@pytest.mark.parametrize(("value", "field"), [(1, "code"), (None, "name"), ("yes", "tax_exempt"), (1.0, "code")])
def test_strings_and_booleans_are_not_coerced(value: object, field: str) -> None:
    body = {"code": "C", "name": "N", **{field: value}}

    with pytest.raises(InvalidBody) as refused:
        structure(body, oms.CreateCustomer)

    assert [e.pointer for e in refused.value.errors] == [f"#/{field}"]


def test_text_with_a_nul_character_is_refused() -> None:
    with pytest.raises(InvalidBody) as refused:
        structure({"code": "C", "name": "a\x00b"}, oms.CreateCustomer)

    assert refused.value.errors[0].detail == "must not contain NUL characters"


def test_timestamps_must_carry_their_time_zone_and_are_read_in_utc() -> None:
    with pytest.raises(InvalidField):
        parse_datetime("2026-03-02T09:30:00")

    assert parse_datetime("2026-03-02T10:30:00+01:00") == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_timestamps_are_written_in_utc_with_a_z() -> None:
    at = datetime(2026, 3, 2, 10, 30, tzinfo=timezone(timedelta(hours=1)))

    assert unstructure(at) == "2026-03-02T09:30:00Z"
    assert unstructure(date(2026, 3, 2)) == "2026-03-02"


def test_errors_in_nested_lists_name_their_index() -> None:
    with pytest.raises(InvalidBody) as refused:
        structure({"order_id": "SO-1", "warehouse_code": "W", "lines": [{"line_id": "a", "quantity": "1"},
                                                                         {"line_id": 2, "quantity": "x"}]},
                  oms.IssueGoods)

    assert [e.pointer for e in refused.value.errors] == ["#/lines/1/line_id", "#/lines/1/quantity"]


def test_an_answer_is_compact_utf8_json_and_an_integer_beyond_64_bits_still_encodes() -> None:
    assert json_bytes(oms.Money.of("2.5", "EUR")) == b'{"amount":"2.50","currency":"EUR"}'
    assert json_bytes({"name": "Müller", "n": 2**70}) == '{"name":"Müller","n":1180591620717411303424}'.encode()
