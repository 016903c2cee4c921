"""In-transaction policies of the message bus: they run on the events a command raised, inside its transaction,
before its answer; what they write commits with the command, their errors refuse it, and the events still reach the
handlers that run after the commit."""

from __future__ import annotations

import pytest

import oms
from oms.domain.shared.errors import refuse
from oms.domain.shared.events import DocumentCreated, DomainEvent
from oms.ports.unit_of_work import UnitOfWork


def _seeded(system: oms.OrderManagement) -> None:
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    system.handle(oms.CreateCustomer(code="ACME", name="Acme"))


def test_a_policy_writes_in_the_commands_transaction_and_the_events_still_reach_the_handlers_after_it() -> None:
    def open_account(uow: UnitOfWork, event: DomainEvent) -> None:
        assert isinstance(event, DocumentCreated)
        uow.accounting.accounts.add(oms.Account(id=event.aggregate_id, code=event.number.replace("-", ""),
                                                name=f"For {event.number}", type=oms.AccountType.ASSET))

    published: list[str] = []
    system = oms.bootstrap(policies={DocumentCreated: [open_account]},
                           event_handlers={DocumentCreated: [lambda event: published.append(event.name)]})
    _seeded(system)

    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))

    uow = system.uow_factory()
    with uow:
        account = uow.accounting.accounts.by_code("Q000001")
    assert account is not None
    assert published == ["DocumentCreated"]


def test_a_refusing_policy_undoes_the_whole_command() -> None:
    def refusing(uow: UnitOfWork, event: DomainEvent) -> None:
        raise refuse("NoQuotationsToday", "closed")

    system = oms.bootstrap(policies={DocumentCreated: [refusing]})
    _seeded(system)

    with pytest.raises(oms.BusinessRuleViolation) as refused:
        system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))

    uow = system.uow_factory()
    with uow:
        quotations = uow.sales.quotations.list()
    assert refused.value.rule == "NoQuotationsToday"
    assert quotations == []
