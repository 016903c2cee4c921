"""A branch's cart policy: when an idle cart counts as abandoned, the stages of its recovery messages, and when
carts expire (peers.md 4b C3 to C5)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from attrs import define, field

from oms.domain.shared.errors import InvalidValue

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _stages(value: Iterable[timedelta]) -> tuple[timedelta, ...]:
    stages = tuple(value)
    if not stages:
        raise InvalidValue("recovery_stages", "give at least one stage")
    if any(not isinstance(s, timedelta) or s <= timedelta(0) for s in stages):
        raise InvalidValue("recovery_stages", "every stage is a duration greater than zero")
    if list(stages) != sorted(set(stages)):
        raise InvalidValue("recovery_stages", "stages come in increasing order, none twice")
    return stages


def _positive(name: str) -> Callable[[object, object, timedelta], None]:
    def check(instance: object, attribute: object, value: timedelta) -> None:
        if value <= timedelta(0):
            raise InvalidValue(name, "must be greater than zero")
    return check


@define(slots=False, eq=False, kw_only=True)
class CartPolicy:
    """One per branch (a branch without one uses the defaults, with recovery off).

    `abandon_after`: idle time after which a cart with lines and a contact is abandoned (Odoo's
    `cart_abandoned_delay`; default 1 h). `recovery_stages`: delays from the cart's last activity after which each
    recovery message is due (default 1 h and 24 h); a stage is sent at most once per cart, and activity after a stage
    restarts the clock for the later stages only. `recovery_since`: when recovery was turned on (None: off); carts
    idle since before it are never messaged (Odoo PR #201179). Expiry (Saleor's defaults): anonymous carts after
    `anonymous_expiry` idle (30 d), customers' after `customer_expiry` (90 d), empty ones after `empty_expiry` (6 h);
    never a cart holding an authorised payment."""

    branch_id: str
    abandon_after: timedelta = field(default=HOUR, validator=_positive("abandon_after"))
    recovery_stages: tuple[timedelta, ...] = field(default=(HOUR, DAY), converter=_stages)
    recovery_since: datetime | None = None
    anonymous_expiry: timedelta = field(default=30 * DAY, validator=_positive("anonymous_expiry"))
    customer_expiry: timedelta = field(default=90 * DAY, validator=_positive("customer_expiry"))
    empty_expiry: timedelta = field(default=6 * HOUR, validator=_positive("empty_expiry"))
    version: int = 0

    @property
    def recovery_on(self) -> bool:
        return self.recovery_since is not None

    def turn_recovery(self, on: bool, at: datetime) -> None:
        """Turning it on (again) starts from `at`: only carts active since then are messaged."""
        if on and self.recovery_since is None:
            self.recovery_since = at
        elif not on:
            self.recovery_since = None
