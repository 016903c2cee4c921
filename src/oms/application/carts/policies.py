"""A branch's cart policy: abandonment threshold, recovery stages (on or off), holds of stock and expiry."""

from __future__ import annotations

from datetime import timedelta

from attrs import frozen

from oms.application.masterdata.lookups import branch_by_code
from oms.application.shared.commands import Command, Handlers
from oms.domain.carts.policy import CartPolicy
from oms.domain.shared.errors import InvalidValue
from oms.ports.carts.repositories import CartsUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class SetCartPolicy(Command[None]):
    """Set a branch's cart policy; a value not given keeps what the branch has (its defaults at first: abandoned
    after 60 minutes, recovery stages at 60 and 1440 minutes, recovery off, no holds, expiry after 30 days for
    anonymous carts, 90 for customers', 6 hours for empty ones). `recovery`: turn recovery messages on (only carts
    active from then on are messaged) or off. `hold_minutes`: how long carts hold their lines' stock after each
    change (0: no holds)."""

    branch_code: str
    abandon_after_minutes: int | None = None
    recovery_stage_minutes: tuple[int, ...] | None = None
    recovery: bool | None = None
    hold_minutes: int | None = None
    anonymous_expiry_days: int | None = None
    customer_expiry_days: int | None = None
    empty_expiry_hours: int | None = None


def policy_of(uow: CartsUnitOfWork, branch_id: str) -> CartPolicy:
    """The branch's policy, or the defaults (recovery off) when it has none."""
    return uow.carts.policies.of_branch(branch_id) or CartPolicy(branch_id=branch_id)


LONGEST = 10 * 366 * 24 * 60  # ten years, in minutes: the longest any duration of the policy may be


def _positive(value: int | None, field: str, unit_minutes: int = 1) -> int | None:
    if value is not None and value <= 0:
        raise InvalidValue(field, "must be greater than zero")
    if value is not None and value * unit_minutes > LONGEST:
        raise InvalidValue(field, "must not exceed ten years")
    return value


def set_cart_policy(cmd: SetCartPolicy, uow: CartsUnitOfWork, clock: Clock) -> None:
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    policy = uow.carts.policies.of_branch(branch.id)
    if policy is None:
        policy = CartPolicy(branch_id=branch.id)
        uow.carts.policies.add(policy)
    if (minutes := _positive(cmd.abandon_after_minutes, "abandon_after_minutes")) is not None:
        policy.abandon_after = timedelta(minutes=minutes)
    if cmd.recovery_stage_minutes is not None:
        stages = [_positive(m, f"recovery_stage_minutes[{i}]") for i, m in enumerate(cmd.recovery_stage_minutes)]
        try:
            policy.recovery_stages = CartPolicy(branch_id=branch.id, recovery_stages=tuple(
                timedelta(minutes=m or 0) for m in stages)).recovery_stages
        except InvalidValue as error:
            raise InvalidValue("recovery_stage_minutes", error.detail) from None
    if (days := _positive(cmd.anonymous_expiry_days, "anonymous_expiry_days", 24 * 60)) is not None:
        policy.anonymous_expiry = timedelta(days=days)
    if (days := _positive(cmd.customer_expiry_days, "customer_expiry_days", 24 * 60)) is not None:
        policy.customer_expiry = timedelta(days=days)
    if (hours := _positive(cmd.empty_expiry_hours, "empty_expiry_hours", 60)) is not None:
        policy.empty_expiry = timedelta(hours=hours)
    if cmd.recovery is not None:
        policy.turn_recovery(cmd.recovery, clock.now())
    if cmd.hold_minutes is not None:
        if cmd.hold_minutes < 0:
            raise InvalidValue("hold_minutes", "must not be negative")
        _positive(cmd.hold_minutes or None, "hold_minutes")
        branch.cart_hold_minutes = cmd.hold_minutes or None


HANDLERS: Handlers = {SetCartPolicy: set_cart_policy}
