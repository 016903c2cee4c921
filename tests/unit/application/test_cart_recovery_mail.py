"""Recovery messages of abandoned carts, in memory: the recovery job claims a stage, the relay's subscriber sends
its message once after the commit (peers.md 4b C3, C4; 4d cases 1 and 2)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

import oms
from oms.application.carts.restore_links import RestoreLinks
from oms.application.processes.cart_messages import RecoveryMailSubscriber
from oms.entrypoints.documents.cart_recovery import render_recovery_mail

LINKS = RestoreLinks(base_url="https://shop.example.com/", secret="test-secret")
MINUTE = timedelta(minutes=1)


class Recovery:
    """A system with recovery on in branch BER (stages 1 h and 24 h), its relay to a recovery-mail subscriber
    sending to memory, and the clock."""

    def __init__(self, system: oms.OrderManagement, clock: oms.FixedClock) -> None:
        self.system, self.clock = system, clock
        system.handle(oms.UpdateCustomer(code="ACME", email="buyer@acme.example"))
        system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
        self.notifier = oms.InMemoryNotifier()
        self.subscriber = RecoveryMailSubscriber(system, self.notifier, LINKS, render_recovery_mail, clock.now)
        self.log = oms.InMemoryEventLog(system.uow_factory().store)  # type: ignore[attr-defined]
        self.relay = oms.EventRelay(self.log, [self.subscriber], clock.now)

    def cart(self, customer: str | None = "ACME", email: str | None = None, **lines: str) -> str:
        cart = self.system.handle(oms.OpenCart(branch_code="BER", customer_code=customer, email=email))
        for sku, quantity in lines.items():
            self.system.handle(oms.AddToCart(cart_id=cart.cart_id, cart_token=cart.token, sku=sku,
                                             quantity=quantity))
        return str(cart.cart_id)

    def run(self, after: timedelta = timedelta(0)) -> list[oms.EmailMessage]:
        """Move the clock, run the recovery job and the relay: the messages sent by this run."""
        self.clock.advance(after)
        before = len(self.notifier.sent)
        oms.run_cart_recovery(self.system, self.clock.now())
        self.relay.drain()
        return self.notifier.sent[before:]


@pytest.fixture
def recovery(system: oms.OrderManagement, clock: oms.FixedClock) -> Recovery:
    return Recovery(system, clock)


def test_a_claimed_stage_sends_one_message_with_the_carts_contents_and_a_link_that_restores_it(
        recovery: Recovery) -> None:
    cart = recovery.cart(DESK="2", BOOK="1")

    [message] = recovery.run(61 * MINUTE)

    assert message.to == ("buyer@acme.example",)
    assert message.message_id == f"cart-{cart}-stage-1"
    assert message.subject == "You left something in your cart"
    assert "Hello Acme GmbH," in message.text
    assert "- Desk (DESK): 2 x 100.00 EUR = 200.00 EUR" in message.text
    assert "- Book (BOOK): 1 x 20.00 EUR = 20.00 EUR" in message.text
    assert "Total: 259.40 EUR" in message.text  # 200 + 19% and 20 + 7%, as the checkout prices them
    assert message.html is not None
    assert "259.40 EUR" in message.html
    assert "Acme GmbH" in message.html
    link = urlsplit(message.text.strip().splitlines()[-1])
    assert (link.scheme, link.netloc, link.path) == ("https", "shop.example.com", f"/shop/carts/{cart}/restore")
    key = parse_qs(link.query)["key"][0]
    assert LINKS.verify(cart, key) == 1
    assert f'href="{LINKS.url(cart, 1)}"' in message.html.replace("&amp;", "&")


def test_a_restore_key_opens_only_its_own_cart_and_only_under_the_servers_secret() -> None:
    key = LINKS.key("cart-a", 2)

    assert LINKS.verify("cart-a", key) == 2
    assert LINKS.verify("cart-b", key) is None
    assert RestoreLinks(base_url="https://shop.example.com", secret="another").verify("cart-a", key) is None
    assert LINKS.verify("cart-a", "1." + key.partition(".")[2]) is None
    assert LINKS.verify("cart-a", "") is None
    assert LINKS.verify("cart-a", "².abc") is None
    assert LINKS.verify("cart-a", "2.é") is None


def test_an_anonymous_cart_with_an_email_gets_a_message_greeting_nobody_by_name(recovery: Recovery) -> None:
    recovery.cart(customer=None, email="visitor@example.com", DESK="1")

    [message] = recovery.run(61 * MINUTE)

    assert message.to == ("visitor@example.com",)
    assert message.text.startswith("Hello,\n")
    assert "Total: 119.00 EUR" in message.text


def test_the_same_claim_delivered_twice_sends_one_message(recovery: Recovery) -> None:
    recovery.cart(DESK="1")
    recovery.clock.advance(61 * MINUTE)
    oms.run_cart_recovery(recovery.system, recovery.clock.now())
    events = recovery.log.read(0, 1000)

    recovery.subscriber.deliver(events)
    recovery.subscriber.deliver(events)

    assert len(recovery.notifier.sent) == 1
    assert recovery.notifier.attempts == 1


def test_a_message_the_server_could_not_take_is_sent_once_when_the_relay_tries_again(recovery: Recovery) -> None:
    recovery.cart(DESK="1")
    other = recovery.cart(customer=None, email="visitor@example.com", BOOK="1")
    recovery.notifier.fail_next(1)

    first = recovery.run(61 * MINUTE)
    again = recovery.run(10 * MINUTE)  # past the relay's backoff: the batch is handed over again
    later = recovery.run(10 * MINUTE)

    assert len(first) == 1  # the other cart's message went out; the failed one is left for the retry
    assert len(again) == 1
    assert sorted(m.to[0] for m in first + again) == ["buyer@acme.example", "visitor@example.com"]
    assert later == []
    assert other in {m.message_id.split("-stage-")[0].removeprefix("cart-") for m in first + again}


def test_a_message_refused_for_good_is_recorded_and_never_tried_again(recovery: Recovery) -> None:
    cart = recovery.cart(DESK="1")
    recovery.notifier.fail_next(1, permanent=True)

    first = recovery.run(61 * MINUTE)
    later = recovery.run(10 * MINUTE)

    assert first == later == []
    assert recovery.notifier.attempts == 1
    [reminder] = recovery.system.read(lambda uow: uow.carts.carts.get(cart)).reminders
    assert reminder.failed_at is not None
    assert reminder.sent_at is None
    assert "unavailable" in reminder.failure


def test_a_cart_checked_out_between_its_claim_and_the_relay_gets_no_message(recovery: Recovery) -> None:
    cart = recovery.cart(DESK="1")
    recovery.clock.advance(61 * MINUTE)
    oms.run_cart_recovery(recovery.system, recovery.clock.now())

    recovery.system.handle(oms.CheckOutCart(cart_id=cart, expected_total="119.00"))
    recovery.relay.drain()

    assert recovery.notifier.sent == []


def test_a_cart_is_abandoned_after_the_threshold_with_lines_a_contact_and_no_later_order(
        recovery: Recovery) -> None:
    recovery.cart(DESK="1")  # a customer's, with the customer's e-mail
    recovery.cart(customer=None, email="visitor@example.com", DESK="1")
    recovery.cart(customer=None, DESK="1")  # anonymous without an e-mail
    recovery.cart(customer="UNI")  # empty
    recovery.system.handle(oms.UpdateCustomer(code="UNI", email="uni@example.com"))

    assert recovery.run(59 * MINUTE) == []
    sent = recovery.run(2 * MINUTE)

    assert sorted(m.to[0] for m in sent) == ["buyer@acme.example", "visitor@example.com"]


def test_a_customer_who_ordered_after_leaving_the_cart_gets_no_message(recovery: Recovery) -> None:
    recovery.cart(DESK="1")
    recovery.clock.advance(10 * MINUTE)
    recovery.system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True, lines=(
        oms.LineInput(sku="FIT", quantity="1"),)))

    assert recovery.run(51 * MINUTE) == []


def test_activity_after_stage_one_delays_stage_two_to_a_day_after_it(recovery: Recovery) -> None:
    cart = recovery.cart(DESK="1")
    start = recovery.clock.now()
    [first] = recovery.run(61 * MINUTE)
    recovery.clock.current = start + timedelta(hours=2)
    recovery.system.handle(oms.AddToCart(cart_id=cart, sku="BOOK", quantity="1"))

    early = recovery.run(timedelta(hours=24) - MINUTE)  # +25 h 59 min
    [second] = recovery.run(MINUTE)  # +26 h
    later = recovery.run(timedelta(days=3))

    assert first.message_id == f"cart-{cart}-stage-1"
    assert early == []
    assert second.message_id == f"cart-{cart}-stage-2"
    assert second.subject == "Your cart is still waiting for you"
    assert "Book (BOOK)" in second.text
    assert LINKS.key(cart, 2) in second.text
    assert later == []


def test_turning_recovery_on_never_messages_carts_idle_since_before(recovery: Recovery) -> None:
    recovery.system.handle(oms.SetCartPolicy(branch_code="BER", recovery=False))
    recovery.cart(DESK="1")
    recovery.clock.advance(timedelta(hours=3))

    recovery.system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))

    assert recovery.run(timedelta(days=2)) == []
