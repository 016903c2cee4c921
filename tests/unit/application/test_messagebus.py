"""The message bus: command errors reach the caller, event handler errors are reported, conflicts retried."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

import oms
from oms.application.shared.commands import Command
from oms.domain.shared.events import DocumentCreated, DomainEvent
from oms.ports.shared.clock import Clock
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


def test_a_command_with_a_request_key_runs_once_and_a_retry_gets_its_result(system: oms.OrderManagement) -> None:
    create = oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
        oms.LineInput(sku="DESK", quantity="1"),))

    first = system.handle(create, "caller-1:key-1@t0")
    retry = system.handle(create, "caller-1:key-1@t0")
    other = system.handle(create, "caller-1:key-2@t0")

    assert first == retry != other
    assert len(system.bus.uow_factory().sales.orders.list()) == 2


def test_a_refused_command_records_nothing_so_its_retry_runs_again(system: oms.OrderManagement) -> None:
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
        oms.LineInput(sku="DESK", quantity="20"),)))
    with pytest.raises(oms.BusinessRuleViolation):
        system.handle(oms.ConfirmSalesOrder(order_id=order_id), "key@t0")
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="5"))

    system.handle(oms.ConfirmSalesOrder(order_id=order_id), "key@t0")

    assert system.sales_order(order_id).status is oms.SalesOrderStatus.CONFIRMED


def test_results_of_every_kind_a_command_returns_are_recorded(system: oms.OrderManagement) -> None:
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", allow_backorder=True,
                                                  lines=(oms.LineInput(sku="DESK", quantity="20"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order_id), "confirm@t0")
    system.handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="7"))

    reserved = system.handle(oms.ReserveBackorders(order_id=order_id), "reserve@t0")
    again = system.handle(oms.ReserveBackorders(order_id=order_id), "reserve@t0")
    nothing = system.handle(oms.ConfirmSalesOrder(order_id=order_id), "confirm@t0")

    assert (reserved, again, nothing) == (Decimal(5), Decimal(5), None)
