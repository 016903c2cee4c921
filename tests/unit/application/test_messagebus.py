"""The message bus: command errors reach the caller, event handler errors are reported, conflicts retried."""

from __future__ import annotations

import logging

import pytest

import oms
from oms.application.commands import Command
from oms.domain.events import DocumentCreated, DomainEvent
from oms.ports.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


def test_a_refused_command_raises_its_error_to_the_caller() -> None:
    system = oms.bootstrap()

    with pytest.raises(oms.NotFound) as error:
        system.handle(oms.CreateWarehouse(code="W1", name="W1", branch_code="NOWHERE"))

    assert (error.value.kind, error.value.key) == ("branch", "NOWHERE")


def test_an_event_handler_that_fails_is_reported_and_the_command_stays_done(caplog: pytest.LogCaptureFixture) -> None:
    def broken(event: DomainEvent) -> None:
        raise RuntimeError("mail server down")

    seen: list[str] = []
    system = oms.bootstrap(event_handlers={DocumentCreated: [broken, lambda event: seen.append(event.name)]})
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    system.handle(oms.CreateCustomer(code="ACME", name="Acme"))

    with caplog.at_level(logging.ERROR):
        quotation_id = system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))

    assert system.quotation(quotation_id).number == "Q-000001"
    assert seen == ["DocumentCreated"]
    assert [type(failure.error) for failure in system.bus.failed_events] == [RuntimeError]
    assert "event handler" in caplog.text
    assert "mail server down" in caplog.text


class Flaky(Command[str]):
    pass


def test_a_conflicting_command_is_retried_until_it_succeeds_within_the_limit() -> None:
    attempts: list[int] = []

    def handler(command: Flaky, uow: UnitOfWork, clock: Clock) -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise oms.ConcurrencyConflict("someone else was faster")
        return "done"

    system = oms.bootstrap(max_attempts=3)
    system.bus.command_handlers = {**system.bus.command_handlers, Flaky: handler}

    assert system.handle(Flaky()) == "done"
    assert len(attempts) == 3


def test_a_command_that_keeps_conflicting_gives_up_after_the_limit() -> None:
    attempts: list[int] = []

    def handler(command: Flaky, uow: UnitOfWork, clock: Clock) -> str:
        attempts.append(1)
        raise oms.ConcurrencyConflict("always")

    system = oms.bootstrap(max_attempts=2)
    system.bus.command_handlers = {**system.bus.command_handlers, Flaky: handler}

    with pytest.raises(oms.ConcurrencyConflict):
        system.handle(Flaky())
    assert len(attempts) == 2
