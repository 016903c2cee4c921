"""Abandoned carts' recovery killed midway, reduced: 300 carts, five jobs in three processes (batches of 20), one
process killed with SIGKILL, the job run again, then `oms relay --once` to a recording SMTP server
(`python -m reliability --only cart-recovery`: 10,000 carts, batches of 200)."""

from __future__ import annotations

import pytest

from reliability.cart_recovery import CartRecovery, cart_recovery
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_recovery_jobs_killed_midway_send_each_abandoned_cart_exactly_one_stage_one_message(target: Target) -> None:
    outcome = cart_recovery(target, CartRecovery(carts=300, batch=20))

    assert outcome.passed, outcome.report()
