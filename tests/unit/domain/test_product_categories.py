"""A product's category: a short name, stored without surrounding spaces, 1 to 64 printable characters; set at
creation, changed, kept or removed by an update, refused naming `category` otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.masterdata.products import Product, check_category
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import ProductKind
from oms.domain.shared.tax import TaxCategory


def product(category: str | None = None) -> Product:
    return Product("p1", "BOLT", "Bolt", ProductKind.STOCKED, "unit", Decimal("0.20"), "EUR", TaxCategory.STANDARD,
                   category=category)


def test_a_product_has_no_category_unless_given_one_and_keeps_it_without_surrounding_spaces() -> None:
    assert product().category is None
    assert product(" hardware/fasteners ").category == "hardware/fasteners"
    assert product("x" * 64).category == "x" * 64


@pytest.mark.parametrize("category", ["", "   ", "x" * 65, "tools\nhardware", "a\tb", "bell\x07", "del\x7f",
                                      "next\x85line", "zero\u200bwidth"])
def test_an_empty_overlong_or_unprintable_category_is_refused_naming_the_category(category: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        product(category)

    assert refused.value.field == "category"


def test_an_update_changes_keeps_or_with_an_empty_one_removes_the_category() -> None:
    bolt = product("hardware")

    bolt.update(category=" hardware/fasteners ")
    changed = bolt.category
    bolt.update(price=Decimal("0.25"))
    kept = bolt.category
    bolt.update(category="")
    removed = bolt.category

    assert (changed, kept, removed) == ("hardware/fasteners", "hardware/fasteners", None)


def test_an_update_with_a_bad_category_changes_nothing_it_was_given() -> None:
    bolt = product("hardware")

    with pytest.raises(InvalidValue) as refused:
        bolt.update(name="Big bolt", price=Decimal("0.30"), category="a\nb")

    assert refused.value.field == "category"
    assert (bolt.name, bolt.price, bolt.category) == ("Bolt", Decimal("0.20"), "hardware")


@given(st.text(max_size=80))
def test_any_text_is_either_refused_naming_the_category_or_kept_stripped_printable_and_short(text: str) -> None:
    stripped = text.strip()
    acceptable = 1 <= len(stripped) <= 64 and stripped.isprintable()

    if not acceptable:
        with pytest.raises(InvalidValue, match=r"^category: "):
            check_category(text)
        return
    kept = check_category(text)

    assert kept == stripped
    assert check_category(kept) == kept  # checking again changes nothing
