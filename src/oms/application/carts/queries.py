"""Reads of carts that need no pricing: a branch's cart policy, as set or by default."""

from __future__ import annotations

from oms.application.carts.policies import policy_of
from oms.application.carts.views import CartPolicyView
from oms.application.masterdata.lookups import branch_by_code
from oms.ports.carts.repositories import CartsUnitOfWork


def _minutes(seconds: float) -> int:
    return int(seconds // 60)


def show_cart_policy(uow: CartsUnitOfWork, branch_code: str) -> CartPolicyView:
    """The cart policy of a branch: abandonment threshold, recovery stages and whether recovery is on, how long carts
    hold stock, and when carts expire."""
    branch = branch_by_code(uow, branch_code)
    policy = policy_of(uow, branch.id)
    return CartPolicyView(
        branch_code=branch.code, abandon_after_minutes=_minutes(policy.abandon_after.total_seconds()),
        recovery_stage_minutes=[_minutes(stage.total_seconds()) for stage in policy.recovery_stages],
        recovery=policy.recovery_on, recovery_since=policy.recovery_since, hold_minutes=branch.cart_hold_minutes,
        anonymous_expiry_days=policy.anonymous_expiry.days, customer_expiry_days=policy.customer_expiry.days,
        empty_expiry_hours=int(policy.empty_expiry.total_seconds() // 3600))
