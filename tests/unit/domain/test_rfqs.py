"""Requests for quotation: sending, suppliers' answers, awards within what is requested and offered, closing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from oms.domain.procurement.awards import AwardRequest, award_key
from oms.domain.procurement.quotations import OfferValues
from oms.domain.procurement.rfq_events import OffersAwarded, RfqClosed, SupplierDeclined, SupplierQuotationReceived
from oms.domain.procurement.rfqs import InvitationStatus, Rfq, RfqLineDraft, RfqStatus
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.shared.events import StatusChanged

from .builders import make_product

AT = datetime(2026, 3, 10, 9, tzinfo=UTC)
VALID = date(2026, 4, 30)


def sent_rfq(*quantities: int, suppliers: tuple[str, ...] = ("s1", "s2", "s3")) -> Rfq:
    drafts = [RfqLineDraft(product=make_product(f"P{i}"), quantity=Decimal(q)) for i, q in enumerate(quantities)]
    rfq = Rfq.new(id="r1", number="RFQ-000001", branch_id="b", currency="USD", at=AT, lines=drafts,
                  supplier_ids=suppliers)
    rfq.send(AT, "clerk")
    return rfq


def quote(rfq: Rfq, supplier: str, *offers: tuple[str, str, str], valid_until: date = VALID,
          minimum: str = "0") -> None:
    rfq.record_quotation(supplier_id=supplier, currency="USD", at=AT, actor="clerk", offers=[
        OfferValues(rfq_line_id=line, price=Decimal(price), quantity=Decimal(quantity), valid_until=valid_until,
                    min_quantity=Decimal(minimum))
        for line, price, quantity in offers])


def award(rfq: Rfq, *lines: tuple[str, str, int], key: str | None = None) -> tuple[object, bool]:
    requests = [AwardRequest(rfq_line_id=rfq.line(line).id, supplier_id=s, quantity=Decimal(q))
                for line, s, q in lines]
    return rfq.award(key=key or award_key(requests), requests=requests, award_id=f"a{len(rfq.awards)}", at=AT,
                     actor="buyer")


def rule(error: pytest.ExceptionInfo[BusinessRuleViolation]) -> str:
    return error.value.rule


def test_a_draft_without_suppliers_cannot_be_sent_and_one_without_lines_neither() -> None:
    rfq = Rfq.new(id="r", number="RFQ-1", branch_id="b", currency="USD", at=AT,
                  lines=[RfqLineDraft(product=make_product("A"), quantity=Decimal(1))], supplier_ids=[])

    with pytest.raises(BusinessRuleViolation) as refused:
        rfq.send(AT, "clerk")

    assert rule(refused) == "RfqMustHaveSuppliers"
    assert rfq.status is RfqStatus.DRAFT


def test_a_supplier_answers_once_and_its_status_says_how() -> None:
    rfq = sent_rfq(100)

    quote(rfq, "s1", ("1", "10.00", "100"))
    rfq.decline(supplier_id="s2", at=AT, reason="no stock")

    assert [s.status for s in rfq.suppliers] == [InvitationStatus.ANSWERED, InvitationStatus.DECLINED,
                                                 InvitationStatus.PENDING]
    assert [type(e) for e in rfq.events[-2:]] == [SupplierQuotationReceived, SupplierDeclined]
    with pytest.raises(BusinessRuleViolation) as refused:
        quote(rfq, "s1", ("1", "9.00", "100"))
    assert rule(refused) == "SupplierMustBePending"


def test_a_quotation_line_names_its_field_when_wrong() -> None:
    rfq = sent_rfq(100)

    with pytest.raises(InvalidValue) as refused:
        quote(rfq, "s1", ("1", "10.00", "0"))

    assert refused.value.field == "lines[0].quantity"
    assert rfq.suppliers[0].status is InvitationStatus.PENDING


def test_an_uninvited_supplier_cannot_answer() -> None:
    rfq = sent_rfq(100)

    with pytest.raises(BusinessRuleViolation) as refused:
        quote(rfq, "s9", ("1", "10.00", "100"))

    assert rule(refused) == "SupplierMustBeInvited"


def test_acceptance_3_an_award_per_line_and_the_same_award_again_is_the_same_award() -> None:
    rfq = sent_rfq(100, 50)
    quote(rfq, "s1", ("1", "10.00", "100"), ("2", "5.00", "50"))
    quote(rfq, "s2", ("1", "10.50", "100"), ("2", "4.00", "50"))

    first, new = award(rfq, ("1", "s1", 100), ("2", "s2", 50))
    again, new_again = award(rfq, ("2", "s2", 50), ("1", "s1", 100))

    assert new
    assert not new_again
    assert again is first
    assert len(rfq.awards) == 1
    assert rfq.status is RfqStatus.CLOSED
    assert [type(e) for e in rfq.events[-3:]] == [OffersAwarded, StatusChanged, RfqClosed]


def test_acceptance_3_a_line_awarded_in_full_takes_no_more() -> None:
    rfq = sent_rfq(100, 50)
    quote(rfq, "s1", ("1", "10.00", "100"))
    quote(rfq, "s3", ("1", "9.00", "100"))
    award(rfq, ("1", "s1", 100))

    with pytest.raises(BusinessRuleViolation) as refused:
        award(rfq, ("1", "s3", 100))

    assert rule(refused) == "AwardMustNotExceedRequested"
    assert len(rfq.awards) == 1
    assert rfq.awarded(rfq.line("1").id) == 100


def test_a_split_award_and_an_offer_ordered_at_most_up_to_its_quantity() -> None:
    rfq = sent_rfq(100)
    quote(rfq, "s1", ("1", "10.00", "60"))
    quote(rfq, "s2", ("1", "11.00", "100"))

    award(rfq, ("1", "s1", 60), ("1", "s2", 20))
    with pytest.raises(BusinessRuleViolation) as refused:
        award(rfq, ("1", "s1", 10))

    assert rule(refused) == "OfferMustNotBeOverAwarded"
    assert rfq.awarded(rfq.line("1").id) == 80
    assert rfq.status is RfqStatus.SENT


def test_the_same_key_with_other_lines_is_refused() -> None:
    rfq = sent_rfq(100)
    quote(rfq, "s1", ("1", "10.00", "100"))
    award(rfq, ("1", "s1", 40), key="k")

    with pytest.raises(BusinessRuleViolation) as refused:
        award(rfq, ("1", "s1", 50), key="k")

    assert rule(refused) == "AwardKeyReused"


def test_an_expired_offer_and_one_below_its_minimum_are_not_awarded() -> None:
    rfq = sent_rfq(100, 100)
    quote(rfq, "s1", ("1", "10.00", "100"), valid_until=AT.date() - timedelta(days=1))
    quote(rfq, "s2", ("2", "10.00", "100"), minimum="50")

    with pytest.raises(BusinessRuleViolation) as expired:
        award(rfq, ("1", "s1", 10))
    with pytest.raises(BusinessRuleViolation) as below:
        award(rfq, ("2", "s2", 10))

    assert (rule(expired), rule(below)) == ("OfferMustBeValid", "AwardBelowMinimumQuantity")


def test_the_whole_quotation_awards_each_offer_up_to_what_is_left() -> None:
    rfq = sent_rfq(100, 50)
    quote(rfq, "s1", ("1", "10.00", "100"), ("2", "5.00", "80"))
    quote(rfq, "s2", ("1", "9.00", "30"))
    award(rfq, ("1", "s2", 30))

    requests = rfq.whole_quotation("s1")

    assert [(r.rfq_line_id, r.quantity) for r in requests] == [(rfq.line("1").id, Decimal(70)),
                                                                 (rfq.line("2").id, Decimal(50))]


def test_an_rfq_with_an_award_is_closed_never_cancelled() -> None:
    rfq = sent_rfq(100)
    quote(rfq, "s1", ("1", "10.00", "100"))
    award(rfq, ("1", "s1", 10))

    with pytest.raises(BusinessRuleViolation) as refused:
        rfq.cancel(AT, "buyer")
    rfq.close(AT, "buyer", "enough")

    assert rule(refused) == "RfqHasAwards"
    assert rfq.status is RfqStatus.CLOSED
