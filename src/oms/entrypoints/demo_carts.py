"""The demo's carts, in the Berlin branch with recovery messages on for ten days: one a customer is filling now, one
abandoned three hours ago (its first message claimed), an anonymous visitor's abandoned two days ago (both messages
claimed), one checked out after its first message (a recovery), and an anonymous cart that expired after 30 days.
Played on a system whose clock shows each moment, relative to now, so the follow-up looks alive whatever the day;
loaded last, so its orders are numbered after the demo's others."""

from __future__ import annotations

from datetime import timedelta

import oms
from oms.application.processes.cart_queries import show_cart

BRANCH = "BER"


class Moments:
    """The demo's carts handled at moments before now, each on a system whose clock shows it."""

    def __init__(self, system: oms.OrderManagement) -> None:
        self.now = system.bus.clock.now()
        self.clock = oms.FixedClock(self.now)
        self.system = oms.bootstrap(uow_factory=system.bus.uow_factory, clock=self.clock)

    def at(self, ago: timedelta) -> oms.OrderManagement:
        self.clock.current = self.now - ago
        return self.system

    def cart(self, ago: timedelta, customer: str | None, lines: dict[str, int], email: str | None = None) -> str:
        system = self.at(ago)
        opened = system.handle(oms.OpenCart(branch_code=BRANCH, customer_code=customer, email=email))
        for sku, quantity in lines.items():
            system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku=sku,
                                        quantity=quantity))
        return opened.cart_id

    def recover(self, ago: timedelta) -> None:
        oms.run_cart_recovery(self.at(ago), self.clock.now())

    def check_out(self, ago: timedelta, cart_id: str) -> None:
        system = self.at(ago)
        total = system.read(show_cart, cart_id, self.clock.now()).total.amount
        system.handle(oms.CheckOutCart(cart_id=cart_id, expected_total=total))


def load_demo_carts(system: oms.OrderManagement) -> None:
    """The cart policy and the carts' lives up to now (see the module's docstring)."""
    minute, hour, day = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
    moments = Moments(system)
    moments.cart(40 * day, None, {"CABLE-HDMI": 3})  # before recovery was on: never messaged, expires
    moments.at(10 * day).handle(oms.SetCartPolicy(branch_code=BRANCH, recovery=True))
    recovered = moments.cart(2 * day, "CUST-004", {"DESK-OAK": 1})
    moments.recover(2 * day - 61 * minute)
    moments.check_out(2 * day - 5 * hour, recovered)
    moments.cart(2 * day + hour, None, {"CHAIR-MESH": 2}, email="visitor@example.com")
    moments.recover(2 * day - minute)  # the visitor's first message
    moments.recover(hour)  # and its second, a day after
    moments.cart(3 * hour, "CUST-003", {"LAMP-LED": 1, "CABLE-USB-C": 10})
    moments.recover(2 * hour - 5 * minute)
    moments.cart(10 * minute, "CUST-002", {"DESK-OAK": 1, "CHAIR-MESH": 1})
    oms.run_cart_expiry(moments.at(timedelta(0)), moments.now)
