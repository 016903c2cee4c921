"""Values a store could not keep exactly are refused up front, naming the field, never rounded or truncated."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

import oms
from oms.domain.masterdata.parties import Branch
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.codes import check_code
from oms.domain.shared.tax import TaxCategory, TaxRate, parse_rate


@pytest.mark.parametrize("jurisdiction", ["", "de", "DE CA", "A-VERY-LONG-REGION", "DE/BY"])
def test_a_jurisdiction_must_be_a_short_code(jurisdiction: str) -> None:
    with pytest.raises(oms.InvalidValue) as error:
        Branch("b", "BER", "Berlin", "EUR", jurisdiction)

    assert error.value.field == "tax_jurisdiction"


def test_a_tax_rate_jurisdiction_is_checked_like_a_branchs() -> None:
    with pytest.raises(oms.InvalidValue) as error:
        TaxRate("r", "Deutschland", TaxCategory.STANDARD, Decimal("0.19"))

    assert error.value.field == "jurisdiction"


def test_a_rate_with_more_than_six_decimals_is_refused() -> None:
    assert parse_rate("0.123456") == Decimal("0.123456")
    with pytest.raises(oms.InvalidValue, match="at most 6 decimals"):
        parse_rate("0.1234567")


def test_a_discount_with_more_than_six_decimals_is_refused() -> None:
    with pytest.raises(oms.InvalidValue) as error:
        oms.Discount.percent("12.1234567")

    assert error.value.field == "discount.value"


def test_an_over_delivery_allowance_has_at_most_two_decimals() -> None:
    with pytest.raises(oms.InvalidValue) as error:
        SalesOrder(id="o", number="SO-1", customer_id="c", branch_id="b", currency="EUR",
                   created_at=datetime(2026, 1, 1, tzinfo=UTC), over_delivery_percent=Decimal("2.125"))

    assert error.value.field == "over_delivery_percent"


@pytest.mark.parametrize("code", ["A/B", "A\\B", "A B", "", "X" * 65])
def test_a_code_cannot_hold_a_slash_a_space_or_run_long(code: str) -> None:
    with pytest.raises(oms.InvalidValue):
        check_code(code, "sku")
