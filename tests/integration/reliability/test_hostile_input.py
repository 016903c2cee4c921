"""Hostile requests: every one answered 4xx, no row added or removed."""

from __future__ import annotations

import pytest

from reliability.hostile import hostile_input
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_every_hostile_request_is_answered_4xx_and_changes_no_row(target: Target) -> None:
    outcome = hostile_input(target)

    assert outcome.passed, outcome.report()
