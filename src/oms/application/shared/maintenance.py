"""The maintenance commands, declared once: what the scheduler runs, which an admin may also run by hand."""

from __future__ import annotations

from oms.application.shared.actions import Action, Resource, answers_result
from oms.application.shared.housekeeping import ForgetExpiredRequests
from oms.domain.access.tokens import Role

SYSTEM = Resource(name="system", title="system", path="/system", cli="system", tag="system")

ACTIONS = [
    Action(SYSTEM, "forget-expired-requests", ForgetExpiredRequests, Role.ADMIN,
           "Forget the answers of requests whose Idempotency-Keys have expired (the hourly job); answers how many",
           collection=True, answer=answers_result, operation="forget_expired_requests"),
]
