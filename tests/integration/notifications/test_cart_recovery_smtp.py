"""Recovery messages through the relay of a runtime (its registered subscribers) to a local SMTP server: one message
per (cart, stage) with its stable Message-ID, whatever the relay hands over again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

import oms
from oms.adapters.notifications import SmtpNotifier
from oms.entrypoints.links import restore_links
from oms.entrypoints.relay import relay_of
from oms.entrypoints.runtime import Runtime

from ..smtp_server import LocalSmtpServer


@pytest.fixture
def runtime(smtp_server: LocalSmtpServer, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    monkeypatch.setenv("OMS_PUBLIC_URL", "https://shop.example.com")
    monkeypatch.setenv("OMS_SECRET_KEY", "a-secret-for-the-test")
    monkeypatch.delenv("OMS_BROKER_URL", raising=False)
    runtime = Runtime.in_memory(oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    runtime.notifier = SmtpNotifier.from_url(smtp_server.url)
    handle = runtime.system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.CreateProduct(sku="FIT", name="Fitting", price="50.00", currency="EUR",
                             kind=oms.ProductKind.SERVICE))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH", email="buyer@acme.example"))
    handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    return runtime


def _cart_of_acme(runtime: Runtime, fittings: str) -> tuple[oms.FixedClock, str]:
    """The runtime's clock, and a cart of ACME's with this many fittings."""
    clock = runtime.system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    cart = runtime.system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME")).cart_id
    runtime.system.handle(oms.AddToCart(cart_id=cart, sku="FIT", quantity=fittings))
    return clock, str(cart)


def test_the_relay_sends_one_message_per_stage_to_the_smtp_server_with_its_message_id(
        runtime: Runtime, smtp_server: LocalSmtpServer) -> None:
    clock, cart = _cart_of_acme(runtime, "2")
    relay = relay_of(runtime)

    clock.advance(timedelta(minutes=61))
    oms.run_cart_recovery(runtime.system, clock.now())
    relay.drain()
    relay.drain()
    clock.advance(timedelta(hours=24))
    oms.run_cart_recovery(runtime.system, clock.now())
    oms.run_cart_recovery(runtime.system, clock.now())
    relay.drain()

    assert [m.message_id for m in smtp_server.messages] == [f"<cart-{cart}-stage-1@oms>",
                                                            f"<cart-{cart}-stage-2@oms>"]
    first = smtp_server.messages[0]
    assert first.rcpt_tos == ("buyer@acme.example",)
    text = first.body("plain") or ""
    assert "Fitting (FIT): 2 x 50.00 EUR = 100.00 EUR" in text
    assert "Total: 119.00 EUR" in text
    assert "119.00 EUR" in (first.body("html") or "")
    link = urlsplit(text.strip().splitlines()[-1])
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"https://shop.example.com/shop/carts/{cart}/restore"
    assert restore_links(runtime.database_url).verify(cart, parse_qs(link.query)["key"][0]) == 1


def test_a_recipient_the_smtp_server_refuses_for_good_is_not_tried_again(
        runtime: Runtime, smtp_server: LocalSmtpServer) -> None:
    smtp_server.refuse.add("buyer@acme.example")
    clock, cart = _cart_of_acme(runtime, "1")
    relay = relay_of(runtime)

    clock.advance(timedelta(minutes=61))
    oms.run_cart_recovery(runtime.system, clock.now())
    relay.drain()
    smtp_server.refuse.clear()
    clock.advance(timedelta(minutes=10))
    relay.drain()

    assert smtp_server.messages == []
    [reminder] = runtime.system.read(lambda uow: uow.carts.carts.get(cart)).reminders
    assert reminder.failed_at is not None
    assert "550" in reminder.failure
