"""Housekeeping: forgetting what is kept only for a while (the results of requests whose keys have expired)."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from oms.application.shared.commands import Command, Handlers
from oms.domain.shared.errors import InvalidValue
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class ForgetHandledRequests(Command[int]):
    """Forget the recorded results of requests handled before `before`; returns how many were forgotten."""

    before: datetime


def forget_handled_requests(cmd: ForgetHandledRequests, uow: UnitOfWork, clock: Clock) -> int:
    if cmd.before.utcoffset() is None:
        raise InvalidValue("before", "give the time with a timezone")
    with uow:
        forgotten = uow.requests.forget_before(cmd.before)
        uow.commit()
        return forgotten


HANDLERS: Handlers = {ForgetHandledRequests: forget_handled_requests}
