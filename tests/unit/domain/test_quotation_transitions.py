"""Every quotation transition: allowed from each allowed status, refused from every other with the rule named."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from oms.domain.sales.quotation import TRANSITIONS, QuotationStatus
from oms.domain.shared.errors import BusinessRuleViolation
from oms.domain.shared.events import StatusChanged

from .builders import ACTOR, QuotationCase, quotation_in

S = QuotationStatus
OPEN = frozenset({S.DRAFT, S.SENT})

# The specification (docs/rules.md, "Documents and their states"): target -> (allowed sources, rule of a refusal).
EXPECTED: dict[QuotationStatus, tuple[frozenset[QuotationStatus], str]] = {
    S.SENT: (frozenset({S.DRAFT}), "QuotationMustBeDraft"),
    S.ACCEPTED: (frozenset({S.SENT}), "QuotationMustBeSent"),
    S.CONVERTED: (frozenset({S.ACCEPTED}), "QuotationMustBeAccepted"),
    S.REJECTED: (OPEN, "QuotationMustBeOpen"),
    S.EXPIRED: (OPEN, "QuotationMustBeOpen"),
    S.CANCELLED: (OPEN, "QuotationMustBeOpen"),
    S.SUPERSEDED: (frozenset({S.SENT, S.REJECTED, S.EXPIRED}), "QuotationMustBeRevisable"),
}

ACTIONS: dict[QuotationStatus, Callable[[QuotationCase], object]] = {
    S.SENT: QuotationCase.send,
    S.ACCEPTED: QuotationCase.accept,
    S.CONVERTED: QuotationCase.convert,
    S.REJECTED: QuotationCase.reject,
    S.EXPIRED: QuotationCase.expire,
    S.CANCELLED: QuotationCase.cancel,
    S.SUPERSEDED: QuotationCase.revise,
}

ALLOWED = [pytest.param(source, target, id=f"{source}->{target}")
           for target, (sources, _) in EXPECTED.items() for source in sorted(sources)]
REFUSED = [pytest.param(source, target, rule, id=f"{source}->{target}")
           for target, (sources, rule) in EXPECTED.items() for source in S if source not in sources]


def test_the_transition_table_is_the_documented_one() -> None:
    table = {target: (frozenset(transition.sources), transition.rule) for target, transition in TRANSITIONS.items()}

    assert table == EXPECTED


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_an_allowed_transition_changes_the_status_and_records_who_when_and_why(
        source: QuotationStatus, target: QuotationStatus) -> None:
    case = quotation_in(source)
    history_before = len(case.quotation.history)

    ACTIONS[target](case)

    quotation = case.quotation
    assert quotation.status is target
    assert len(quotation.history) == history_before + 1
    change = quotation.history[-1]
    assert (change.from_status, change.to_status, change.actor, change.at) == (source, target, ACTOR, case.now)
    event = [event for event in quotation.events if isinstance(event, StatusChanged)][-1]
    assert (event.aggregate_id, event.from_status, event.to_status) == (quotation.id, source, target)


@pytest.mark.parametrize(("source", "target", "rule"), REFUSED)
def test_a_refused_transition_names_the_rule_and_changes_nothing(
        source: QuotationStatus, target: QuotationStatus, rule: str) -> None:
    case = quotation_in(source)
    history_before = list(case.quotation.history)
    events_before = list(case.quotation.events)

    with pytest.raises(BusinessRuleViolation) as error:
        ACTIONS[target](case)

    assert error.value.rule == rule
    assert case.quotation.status is source
    assert case.quotation.history == history_before
    assert case.quotation.events == events_before
