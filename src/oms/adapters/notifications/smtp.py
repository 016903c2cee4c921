"""Sending oms's messages to an SMTP server with the standard library (`smtplib`, `email`).

One connection per message: recovery messages are few and come from a scheduled job, a connection kept open between
them would be closed by the server when idle (and need reconnecting anyway), and a connection of its own makes each
send independent of the others and safe from several threads. A message is composed as MIME: text/plain, or
multipart/alternative (text, then HTML) when it has an HTML body, with From, To, Subject, Date and the stable
Message-ID.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime

from attrs import define, field

from oms.adapters.notifications.url import SmtpSettings, parse_smtp_url
from oms.ports.shared.notifier import EmailMessage, NotificationFailed


def _utc_now() -> datetime:
    return datetime.now(UTC)


def compose(message: EmailMessage, sender: str, at: datetime) -> MimeMessage:
    """The MIME message of `message`, sent by `sender` at `at` (the Date header)."""
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = ", ".join(message.to)
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(at.astimezone(UTC))
    mime["Message-ID"] = message.message_id_header
    for name, value in message.headers.items():
        mime[name] = value
    mime.set_content(message.text)
    if message.html is not None:
        mime.add_alternative(message.html, subtype="html")
    return mime


@define
class SmtpNotifier:
    """Sends each message over a connection of its own to the server of `settings` (see `url.py`); `now` gives the
    Date header (the system's clock by default)."""

    settings: SmtpSettings
    now: Callable[[], datetime] = field(default=_utc_now, kw_only=True)

    @classmethod
    def from_url(cls, url: str) -> SmtpNotifier:
        return cls(parse_smtp_url(url))

    def send(self, message: EmailMessage) -> None:
        mime = compose(message, self.settings.sender, self.now())
        try:
            with self._connect() as smtp:
                refused = smtp.send_message(mime, from_addr=self.settings.sender, to_addrs=list(message.to))
        except smtplib.SMTPRecipientsRefused as error:
            raise NotificationFailed(message.message_id, f"every recipient was refused: {_refusals(error.recipients)}",
                                     permanent=_permanent(error.recipients.values())) from error
        except smtplib.SMTPAuthenticationError as error:
            raise NotificationFailed(message.message_id, f"{self.settings.display} refused the login: "
                                     f"{_reply(error.smtp_code, error.smtp_error)}", permanent=True) from error
        except smtplib.SMTPResponseException as error:
            raise NotificationFailed(message.message_id, f"{self.settings.display} answered "
                                     f"{_reply(error.smtp_code, error.smtp_error)}",
                                     permanent=error.smtp_code >= 500) from error
        except (smtplib.SMTPException, OSError) as error:
            raise NotificationFailed(message.message_id, f"{self.settings.display}: {error or type(error).__name__}"
                                     ) from error
        if refused:  # taken for the others: sending it again would reach them twice (but for the Message-ID)
            raise NotificationFailed(message.message_id, f"sent, but refused for {_refusals(refused)}",
                                     permanent=True)

    def _connect(self) -> smtplib.SMTP:
        """A connection, upgraded to TLS and logged in as the settings say."""
        settings = self.settings
        smtp: smtplib.SMTP
        if settings.implicit_tls:
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        try:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())  # SMTPNotSupportedError if the server cannot
            if settings.username:
                smtp.login(settings.username, settings.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


def _reply(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address} ({_reply(code, text)})" for address, (code, text) in refused.items())


def _permanent(replies: Iterable[tuple[int, bytes]]) -> bool:
    return all(code >= 500 for code, _ in replies)
