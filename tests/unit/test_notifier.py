"""The notifier port's message and the SMTP URL a deployment configures it by (OMS_SMTP_URL): bad values name the
field or the part of the URL that is wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import oms
from oms.adapters.memory.notifier import InMemoryNotifier
from oms.adapters.notifications import InvalidSmtpUrl, SmtpNotifier, notifier_from_url, parse_smtp_url
from oms.adapters.notifications.smtp import compose
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings
from oms.ports.shared.notifier import EmailMessage, NotificationFailed


def message(**changes: object) -> EmailMessage:
    fields: dict[str, object] = {"message_id": "cart-42-stage-1", "to": ("ann@example.com",),
                                 "subject": "Your cart is waiting", "text": "Come back"}
    return EmailMessage(**{**fields, **changes})  # type: ignore[arg-type]


def test_recipients_are_stripped_and_kept_once_whatever_their_case() -> None:
    sent = message(to=(" Ann@Example.com", "bob@example.com", "ann@example.COM"))

    assert sent.to == ("Ann@Example.com", "bob@example.com")
    assert message(to="ann@example.com").to == ("ann@example.com",)


@pytest.mark.parametrize(("to", "field"), [(("ann@example.com", "bob"),  "to[1]"), (("a@b@c",), "to[0]"),
                                           (("ann@example.com, eve@example.com",), "to[0]"), ((), "to")])
def test_a_recipient_that_is_not_an_address_is_refused_naming_it(to: tuple[str, ...], field: str) -> None:
    with pytest.raises(oms.InvalidValue) as refused:
        message(to=to)

    assert refused.value.field == field


@pytest.mark.parametrize("key", ["", "cart 42", "cart@42", "cart<42>", "x" * 201])
def test_a_message_id_fit_for_no_message_id_header_is_refused(key: str) -> None:
    with pytest.raises(oms.InvalidValue, match="message_id"):
        message(message_id=key)


def test_a_subject_or_header_of_more_than_one_line_and_a_header_the_message_sets_are_refused() -> None:
    with pytest.raises(oms.InvalidValue, match="subject"):
        message(subject="Hello\r\nBcc: eve@example.com")
    with pytest.raises(oms.InvalidValue, match=r"headers\.X-Campaign"):
        message(headers={"X-Campaign": "a\nBcc: eve@example.com"})
    with pytest.raises(oms.InvalidValue, match=r"headers\.Message-ID"):
        message(headers={"Message-ID": "<other@oms>"})


def test_the_message_id_header_is_the_senders_key_at_oms_and_the_headers_cannot_be_changed_afterwards() -> None:
    sent = message(headers={"List-Unsubscribe": "<mailto:stop@example.com>"})

    assert sent.message_id_header == "<cart-42-stage-1@oms>"
    assert sent == message(headers={"List-Unsubscribe": "<mailto:stop@example.com>"})
    assert hash(sent) == hash(message())
    with pytest.raises(TypeError):
        sent.headers["X-Other"] = "1"  # type: ignore[index]


def test_a_message_with_html_is_composed_as_text_and_html_alternatives_with_its_headers() -> None:
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

    mime = compose(message(html="<p>Come back</p>", headers={"X-Campaign": "carts"}), "shop@example.com", at)

    assert mime.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mime.iter_parts()] == ["text/plain", "text/html"]
    assert (mime["From"], mime["To"], mime["Message-ID"]) == ("shop@example.com", "ann@example.com",
                                                              "<cart-42-stage-1@oms>")
    assert (mime["Date"], mime["X-Campaign"]) == ("Mon, 02 Mar 2026 09:30:00 +0000", "carts")
    assert compose(message(), "shop@example.com", at).get_content_type() == "text/plain"


def test_an_smtp_url_gives_the_server_the_sender_the_login_and_how_to_secure_the_connection() -> None:
    plain = parse_smtp_url("smtp://us%40er:p%3Ass@mail.example.com:2525?from=shop%40example.com&starttls=1&timeout=3")
    implicit = parse_smtp_url("smtps://mail.example.com?from=shop@example.com")

    assert (plain.host, plain.port, plain.sender, plain.username, plain.password) == (
        "mail.example.com", 2525, "shop@example.com", "us@er", "p:ss")
    assert (plain.starttls, plain.implicit_tls, plain.timeout) == (True, False, 3.0)
    assert (implicit.port, implicit.implicit_tls, implicit.starttls, implicit.username) == (465, True, False, None)
    assert parse_smtp_url("smtp://localhost?from=a@b").port == 25
    assert plain.display == "smtp://us@er:***@mail.example.com:2525"


@pytest.mark.parametrize(("url", "field"), [
    ("http://mail.example.com?from=a@b", "scheme"),
    ("mail.example.com", "scheme"),
    ("smtp://?from=a@b", "host"),
    ("smtp://mail.example.com:99999?from=a@b", "port"),
    ("smtp://mail.example.com:abc?from=a@b", "port"),
    ("smtp://mail.example.com", "from"),
    ("smtp://mail.example.com?from=shop", "from"),
    ("smtp://mail.example.com?from=a@b&starttls=maybe", "starttls"),
    ("smtps://mail.example.com?from=a@b&starttls=1", "starttls"),
    ("smtp://mail.example.com?from=a@b&timeout=0", "timeout"),
    ("smtp://mail.example.com?from=a@b&start_tls=1", "start_tls"),
    ("smtp://mail.example.com/inbox?from=a@b", "path"),
])
def test_a_bad_smtp_url_is_refused_naming_the_part_that_is_wrong(url: str, field: str) -> None:
    with pytest.raises(InvalidSmtpUrl) as refused:
        parse_smtp_url(url)

    assert refused.value.field == field
    assert str(refused.value).startswith(f"OMS_SMTP_URL {field}: ")


def test_the_smtp_url_is_read_from_the_environment_checked_and_gives_the_runtime_its_notifier(tmp_path: Path) -> None:
    url = "smtp://127.0.0.1:2525?from=shop%40example.com"

    settings = Settings.from_env({"OMS_SMTP_URL": f" {url} ", "OMS_DATABASE_URL": f"sqlite:///{tmp_path}/oms.db"})

    assert settings.smtp_url == url
    assert Settings.from_env({"OMS_SMTP_URL": " "}).smtp_url is None
    with pytest.raises(ValueError, match="OMS_SMTP_URL port"):
        Settings.from_env({"OMS_SMTP_URL": "smtp://127.0.0.1:0x19?from=a@b"})
    assert isinstance(notifier_from_url(url), SmtpNotifier)
    assert notifier_from_url(None) is None
    assert notifier_from_url("") is None
    assert isinstance(Runtime.from_settings(settings).notifier, SmtpNotifier)
    assert Runtime.in_memory().notifier is None


def test_the_in_memory_notifier_keeps_what_it_took_and_fails_the_next_sends_when_told() -> None:
    notifier = InMemoryNotifier()
    notifier.fail_next(2)
    notifier.fail_next(permanent=True)

    failures = []
    for _ in range(3):
        with pytest.raises(NotificationFailed) as failed:
            notifier.send(message())
        failures.append(failed.value.permanent)
    notifier.send(message())

    assert failures == [False, False, True]
    assert (notifier.attempts, notifier.message_ids) == (4, ["cart-42-stage-1"])
    assert notifier.sent_to("ANN@example.com") == [message()]
