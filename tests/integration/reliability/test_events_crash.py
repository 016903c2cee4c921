"""Events out under crashes, reduced: 200 placements by 8 clients on gunicorn (PostgreSQL), two schedulers and two
relays, one of each and a worker killed midway (`scripts/reliability.sh --only events`: 2,000 placements, 4 rounds
of kills). Needs PostgreSQL and RabbitMQ: an unreachable one fails the test, never skips it."""

from __future__ import annotations

import pytest

from reliability.events_crash import EventsCrash, events_crash
from reliability.target import Target

pytestmark = [pytest.mark.reliability, pytest.mark.postgres, pytest.mark.rabbitmq]


def test_every_event_committed_under_kills_reaches_webhooks_and_the_broker_in_order_per_document(
        postgres_target: Target) -> None:
    outcome = events_crash(postgres_target, EventsCrash(placements=200, clients=8, kills=1))

    assert outcome.passed, outcome.report()
