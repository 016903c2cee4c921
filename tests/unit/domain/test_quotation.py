"""Quotation rules besides the transition table: validity, lines, editing only drafts, revisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from oms.domain.masterdata.products import Product
from oms.domain.sales.events import QuotationRevised
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue

from .builders import ACTOR, AT, line, make_quotation, quotation_in


def day_after_validity(valid_until_days: int = 30) -> datetime:
    return AT + timedelta(days=valid_until_days + 1)


def test_a_quotation_without_lines_cannot_be_sent() -> None:
    quotation = make_quotation()

    with pytest.raises(BusinessRuleViolation) as error:
        quotation.send(AT, ACTOR)

    assert error.value.rule == "QuotationMustHaveLines"
    assert quotation.status is QuotationStatus.DRAFT


def test_a_quotation_past_its_validity_cannot_be_sent(desk: Product) -> None:
    quotation = make_quotation(line(desk, 1))

    with pytest.raises(BusinessRuleViolation) as error:
        quotation.send(day_after_validity(), ACTOR)

    assert error.value.rule == "QuotationMustBeValid"


def test_a_quotation_past_its_validity_cannot_be_accepted() -> None:
    case = quotation_in(QuotationStatus.SENT)

    with pytest.raises(BusinessRuleViolation) as error:
        case.quotation.accept(day_after_validity(), ACTOR)

    assert error.value.rule == "QuotationMustBeValid"
    assert case.quotation.status is QuotationStatus.SENT


def test_a_quotation_is_valid_through_its_last_day() -> None:
    case = quotation_in(QuotationStatus.SENT)
    last_day = datetime.combine(case.quotation.valid_until, AT.timetz()).replace(hour=23, minute=59)

    case.quotation.accept(last_day, ACTOR)

    assert case.quotation.status is QuotationStatus.ACCEPTED


def test_an_open_quotation_still_valid_cannot_be_expired() -> None:
    case = quotation_in(QuotationStatus.SENT)
    last_day = datetime.combine(case.quotation.valid_until, AT.timetz())

    with pytest.raises(BusinessRuleViolation) as error:
        case.quotation.expire(last_day, ACTOR)

    assert error.value.rule == "QuotationMustBePastValidity"
    assert not case.quotation.is_expired_on(last_day.date())
    assert case.quotation.is_expired_on(last_day.date() + timedelta(days=1))


def test_a_quotation_cannot_be_valid_until_a_day_before_it_was_made(desk: Product) -> None:
    quotation = make_quotation(line(desk, 1))

    with pytest.raises(InvalidValue) as error:
        quotation.set_terms(valid_until=AT.date() - timedelta(days=1))

    assert error.value.field == "valid_until"
    assert quotation.valid_until == (AT + timedelta(days=30)).date()


@pytest.mark.parametrize("status", [s for s in QuotationStatus if s is not QuotationStatus.DRAFT])
def test_only_a_draft_quotation_can_be_edited(status: QuotationStatus, desk: Product) -> None:
    quotation = quotation_in(status).quotation
    first = quotation.lines[0]
    edits: list[Callable[[], object]] = [
        lambda: quotation.add_line(line(desk, 1)),
        lambda: quotation.update_line(first.id, quantity=Decimal(5)),
        lambda: quotation.remove_line(first.id),
        lambda: quotation.set_terms(notes="rush"),
    ]

    for edit in edits:
        with pytest.raises(BusinessRuleViolation) as error:
            edit()
        assert error.value.rule == "QuotationMustBeDraft"

    assert [(item.id, item.quantity) for item in quotation.lines] == [(first.id, Decimal(2))]


def test_editing_a_draft_reprices_it(desk: Product, book: Product) -> None:
    quotation = make_quotation(line(desk, 1))

    book_line = quotation.add_line(line(book, 2))
    quotation.update_line(quotation.lines[0].id, quantity=Decimal(3), discount=Discount.percent("10"))
    quotation.set_terms(order_discount=Discount.amount("10.00"))

    # Desk 3 x 100.00 - 10 % = 270.00, book 2 x 20.00 = 40.00; 10.00 off 310.00 in proportion: 8.71 and 1.29.
    # Tax 261.29 x 19 % = 49.6451 -> 49.65; 38.71 x 7 % = 2.7097 -> 2.71.
    assert [item.order_discount for item in quotation.lines] == [Decimal("8.71"), Decimal("1.29")]
    assert (quotation.net_total, quotation.tax_total, quotation.grand_total) == (
        Decimal("300.00"), Decimal("52.36"), Decimal("352.36"))
    quotation.remove_line(book_line.id)
    assert (quotation.net_total, quotation.grand_total) == (Decimal("260.00"), Decimal("309.40"))


def test_a_discount_given_with_the_order_to_clear_it_is_refused_naming_both(desk: Product) -> None:
    quotation = make_quotation(line(desk, 2))
    discount = Discount.percent("5")

    with pytest.raises(InvalidValue) as on_terms:
        quotation.set_terms(order_discount=discount, clear_order_discount=True)
    with pytest.raises(InvalidValue) as on_line:
        quotation.update_line(quotation.lines[0].id, discount=discount, clear_discount=True)

    assert on_terms.value.fields == ("order_discount", "clear_order_discount")
    assert on_line.value.fields == ("discount", "clear_discount")
    assert (quotation.order_discount, quotation.lines[0].discount) == (None, None)


def test_a_refused_line_change_leaves_the_quotation_as_it_was(desk: Product) -> None:
    quotation = make_quotation(line(desk, 2))
    first = quotation.lines[0]

    refused_changes: list[Callable[[], object]] = [
        lambda: quotation.update_line(first.id, quantity=Decimal(1), discount=Discount.amount("150.00")),
        lambda: quotation.update_line(first.id, quantity=Decimal(5), unit_price=Decimal("-1")),
        lambda: quotation.add_line(line(desk, 1, discount=Discount.amount("100.01"))),
        lambda: quotation.set_terms(order_discount=Discount.percent("50"), valid_until=AT.date() - timedelta(days=1)),
    ]

    for change in refused_changes:
        with pytest.raises(InvalidValue):
            change()

    assert [(item.quantity, item.unit_price, item.discount) for item in quotation.lines] == [
        (Decimal(2), Decimal("100.00"), None)]
    assert quotation.order_discount is None
    assert quotation.grand_total == Decimal("238.00")


def test_an_inactive_product_cannot_be_quoted(desk: Product) -> None:
    desk.update(active=False)
    quotation = make_quotation()

    with pytest.raises(BusinessRuleViolation) as error:
        quotation.add_line(line(desk, 1))

    assert error.value.rule == "ProductMustBeActive"


def test_a_line_keeps_the_tax_rate_it_was_quoted_with(desk: Product) -> None:
    quotation = make_quotation(line(desk, 1))

    desk.update(price=Decimal("999.00"))
    quotation.add_line(line(desk, 1))

    assert [(item.unit_price, item.tax_rate) for item in quotation.lines] == [
        (Decimal("100.00"), Decimal("0.19")), (Decimal("999.00"), Decimal("0.19"))]


def test_a_revision_copies_lines_and_terms_into_a_new_draft_and_supersedes_the_original(desk: Product) -> None:
    case = quotation_in(QuotationStatus.SENT)
    original = case.quotation

    revision = case.revise()

    assert (revision.number, revision.revision, revision.revision_of) == ("Q-000001-R2", 2, original.id)
    assert revision.status is QuotationStatus.DRAFT
    assert [(item.sku, item.quantity, item.unit_price) for item in revision.lines] == [
        (item.sku, item.quantity, item.unit_price) for item in original.lines]
    assert {item.id for item in revision.lines}.isdisjoint({item.id for item in original.lines})
    assert revision.grand_total == original.grand_total
    assert (original.status, original.superseded_by) == (QuotationStatus.SUPERSEDED, revision.id)
    assert isinstance(original.events[-1], QuotationRevised)


def test_a_revision_of_a_revision_counts_on(desk: Product) -> None:
    case = quotation_in(QuotationStatus.SENT)
    second = case.revise()
    second.send(case.now, ACTOR)

    third = second.revise(revision_id="third", valid_until=case.now.date(), at=case.now, actor=ACTOR)

    assert (third.number, third.revision) == ("Q-000001-R3", 3)


def test_converting_an_accepted_quotation_remembers_the_sales_order() -> None:
    case = quotation_in(QuotationStatus.ACCEPTED)

    case.convert()

    assert case.quotation.sales_order_id == "sales-order-id"
