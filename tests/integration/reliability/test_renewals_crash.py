"""Renewals killed midway, reduced: 100 subscriptions due, three jobs at once, one killed with SIGKILL, then run
again (`python -m reliability --only renewals`: 1,000)."""

from __future__ import annotations

import pytest

from reliability.renewals_crash import RenewalsCrash, renewals_crash
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_renewal_jobs_killed_midway_bill_each_subscription_period_exactly_once(target: Target) -> None:
    outcome = renewals_crash(target, RenewalsCrash(subscriptions=100))

    assert outcome.passed, outcome.report()
