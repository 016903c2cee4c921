"""Twenty concurrent requests with one Idempotency-Key, for the create and then for the confirm."""

from __future__ import annotations

import pytest

from reliability.storm import Storm, idempotency_storm
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_twenty_concurrent_requests_with_one_key_create_one_order_and_reserve_its_stock_once(target: Target) -> None:
    outcome = idempotency_storm(target, Storm(requests=20))

    assert outcome.passed, outcome.report()
