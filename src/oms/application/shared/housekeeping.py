"""Housekeeping: forgetting what is kept only for a while (the answers of requests whose keys have expired)."""

from __future__ import annotations

from attrs import frozen

from oms.application.shared.commands import Command, Handlers
from oms.ports.shared.clock import Clock
from oms.ports.shared.unit_of_work import SharedUnitOfWork


@frozen(kw_only=True)
class ForgetExpiredRequests(Command[int]):
    """Forget the recorded answers of requests whose keys have expired; returns how many were forgotten."""


def forget_expired_requests(cmd: ForgetExpiredRequests, uow: SharedUnitOfWork, clock: Clock) -> int:
    return uow.requests.forget_expired(clock.now())


HANDLERS: Handlers = {ForgetExpiredRequests: forget_expired_requests}
