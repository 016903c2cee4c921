"""The notifier's contract, run against the SMTP notifier sending to a local SMTP server and against the in-memory
one: what a receiver gets (text, HTML alternative, each recipient once, the sender's stable Message-ID) and a send
that fails raising NotificationFailed; then what only SMTP has: a login, refused recipients, STARTTLS required."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from attrs import frozen

from oms.adapters.memory.notifier import InMemoryNotifier
from oms.adapters.notifications import SmtpNotifier, notifier_from_url
from oms.ports.shared.notifier import EmailMessage, NotificationFailed, Notifier

from ..smtp_server import LocalSmtpServer


@frozen
class Received:
    """What a receiver got, alike for both notifiers."""

    message_id: str
    to: tuple[str, ...]
    subject: str
    text: str | None
    html: str | None


@frozen
class Channel:
    notifier: Notifier
    received: Callable[[], list[Received]]
    break_down: Callable[[], None]  # makes the next send fail


@pytest.fixture(params=["memory", "smtp"])
def channel(request: pytest.FixtureRequest) -> Iterator[Channel]:
    if request.param == "memory":
        memory = InMemoryNotifier()
        yield Channel(memory, lambda: [Received(m.message_id_header, m.to, m.subject, m.text, m.html)
                                       for m in memory.sent], memory.fail_next)
        return
    server: LocalSmtpServer = request.getfixturevalue("smtp_server")
    notifier = notifier_from_url(server.url)
    assert notifier is not None
    yield Channel(notifier, lambda: [Received(m.message_id, m.rcpt_tos, m.subject, _strip(m.body("plain")),
                                              _strip(m.body("html"))) for m in server.messages], server.stop)


def _strip(body: str | None) -> str | None:
    return None if body is None else body.rstrip("\n")  # MIME ends every text part with a line break


def recovery(**changes: object) -> EmailMessage:
    fields: dict[str, object] = {"message_id": "cart-42-stage-1", "to": ("ann@example.com",),
                                 "subject": "Your cart is waiting", "text": "Your desk is still in your cart."}
    return EmailMessage(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_plain_text_message_arrives_once_with_its_subject_text_and_the_senders_message_id(channel: Channel) -> None:
    channel.notifier.send(recovery())

    assert channel.received() == [Received("<cart-42-stage-1@oms>", ("ann@example.com",), "Your cart is waiting",
                                           "Your desk is still in your cart.", None)]


def test_a_message_with_html_arrives_with_both_bodies(channel: Channel) -> None:
    channel.notifier.send(recovery(html="<p>Your <b>desk</b> is still in your cart.</p>"))

    [received] = channel.received()
    assert (received.text, received.html) == ("Your desk is still in your cart.",
                                              "<p>Your <b>desk</b> is still in your cart.</p>")


def test_several_recipients_each_get_the_message_once_whatever_the_case_of_their_address(channel: Channel) -> None:
    channel.notifier.send(recovery(to=("ann@example.com", "Bob@Example.com", "ANN@example.com", "bob@example.com")))

    [received] = channel.received()
    assert received.to == ("ann@example.com", "Bob@Example.com")


def test_a_message_sent_again_carries_the_same_message_id_for_the_receiver_to_drop(channel: Channel) -> None:
    channel.notifier.send(recovery())
    channel.notifier.send(recovery())
    channel.notifier.send(recovery(message_id="cart-42-stage-2"))

    assert [r.message_id for r in channel.received()] == ["<cart-42-stage-1@oms>", "<cart-42-stage-1@oms>",
                                                          "<cart-42-stage-2@oms>"]


def test_a_send_that_fails_raises_naming_the_message_and_a_later_send_may_succeed_or_fail_again(
        channel: Channel) -> None:
    channel.break_down()

    with pytest.raises(NotificationFailed, match="cart-42-stage-1") as failed:
        channel.notifier.send(recovery())

    assert failed.value.message_id == "cart-42-stage-1"
    assert not failed.value.permanent
    assert channel.received() == []


def test_a_stopped_server_makes_the_send_raise_a_clear_transient_error(smtp_server: LocalSmtpServer) -> None:
    notifier = SmtpNotifier.from_url(smtp_server.url)
    smtp_server.stop()

    with pytest.raises(NotificationFailed, match=r"message 'cart-42-stage-1' not sent: smtp://127\.0\.0\.1:\d+: ") \
            as failed:
        notifier.send(recovery())

    assert isinstance(failed.value.__cause__, OSError)
    assert not failed.value.permanent


def test_a_server_that_asks_for_a_login_takes_the_message_from_the_user_and_password_of_the_url(
        smtp_server_with_login: LocalSmtpServer) -> None:
    SmtpNotifier.from_url(smtp_server_with_login.url).send(recovery())

    assert [m.message_id for m in smtp_server_with_login.messages] == ["<cart-42-stage-1@oms>"]
    assert smtp_server_with_login.messages[0].mail_from == "shop@example.com"


def test_a_wrong_password_or_no_login_is_refused_permanently_and_nothing_is_sent(
        smtp_server_with_login: LocalSmtpServer) -> None:
    wrong = smtp_server_with_login.url.replace(":s3cret@", ":wrong@")
    anonymous = smtp_server_with_login.url.replace("oms:s3cret@", "")

    with pytest.raises(NotificationFailed, match="refused the login: 535") as refused:
        SmtpNotifier.from_url(wrong).send(recovery())
    with pytest.raises(NotificationFailed, match="530") as unauthenticated:
        SmtpNotifier.from_url(anonymous).send(recovery())

    assert "wrong" not in str(refused.value)
    assert (refused.value.permanent, unauthenticated.value.permanent) == (True, True)
    assert smtp_server_with_login.messages == []


def test_recipients_the_server_refuses_make_the_send_fail_permanently_naming_them(
        smtp_server: LocalSmtpServer) -> None:
    smtp_server.refuse |= {"gone@example.com", "left@example.com"}
    notifier = SmtpNotifier.from_url(smtp_server.url)

    with pytest.raises(NotificationFailed, match=r"every recipient was refused: gone@example\.com") as every:
        notifier.send(recovery(to=("gone@example.com",)))
    with pytest.raises(NotificationFailed, match=r"sent, but refused for left@example\.com \(550") as some:
        notifier.send(recovery(to=("ann@example.com", "left@example.com")))

    assert (every.value.permanent, some.value.permanent) == (True, True)
    assert [m.rcpt_tos for m in smtp_server.messages] == [("ann@example.com",)]


def test_starttls_asked_of_a_server_that_cannot_fails_before_anything_is_sent(smtp_server: LocalSmtpServer) -> None:
    notifier = SmtpNotifier.from_url(f"{smtp_server.url}&starttls=1")

    with pytest.raises(NotificationFailed, match="STARTTLS"):
        notifier.send(recovery())

    assert smtp_server.messages == []
