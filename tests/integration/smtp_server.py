"""A local SMTP server for the tests (aiosmtpd in a thread of the test process), on a free port of 127.0.0.1, so that
xdist workers never share one: it keeps every message it takes, parsed, with its envelope. The fixtures
`smtp_server` (anyone may send) and `smtp_server_with_login` (user "oms", password "s3cret") are loaded by
tests/integration/conftest.py."""

from __future__ import annotations

import socket
import warnings
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from attrs import frozen

USER, PASSWORD = "oms", "s3cret"


@frozen
class ReceivedMessage:
    """A message as the server took it: the envelope's sender and recipients, and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def body(self, subtype: str = "plain") -> str | None:
        """The text of the part of this subtype (plain or html) with its lines ended by \\n as in Python, or None."""
        part = self.message.get_body(preferencelist=(subtype,))
        return None if part is None else str(part.get_content()).replace("\r\n", "\n")


class _Collector:
    def __init__(self, server: LocalSmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if address.lower() in self.server.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.server.messages.append(ReceivedMessage(envelope.mail_from or "", tuple(envelope.rcpt_tos), parsed))
        return "250 OK"


def _authenticate(server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LocalSmtpServer:
    """`url`: the smtp:// URL an SmtpNotifier sends through (with the login when the server asks for one);
    `messages`: what it took, in order; `refuse`: addresses (lower case) it answers 550 for; `stop()`."""

    def __init__(self, *, login: bool = False) -> None:
        self.messages: list[ReceivedMessage] = []
        self.refuse: set[str] = set()
        self.login = login
        extra: dict[str, Any] = {"authenticator": _authenticate, "auth_required": True,
                                 "auth_require_tls": False} if login else {}
        for attempt in range(5):  # another process may take the free port between the probe and the bind
            self.port = _free_port()
            self.controller = Controller(_Collector(self), hostname="127.0.0.1", port=self.port, **extra)
            try:
                self.controller.start()
                return
            except OSError:
                if attempt == 4:
                    raise

    @property
    def url(self) -> str:
        user = f"{USER}:{PASSWORD}@" if self.login else ""
        return f"smtp://{user}127.0.0.1:{self.port}?from=shop%40example.com&timeout=5"

    def stop(self) -> None:
        """Stop listening (once; again does nothing): a send afterwards finds no server."""
        if self.controller._thread is not None:
            self.controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[LocalSmtpServer]:
    server = LocalSmtpServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server_with_login() -> Iterator[LocalSmtpServer]:
    with warnings.catch_warnings():  # a login without TLS is what a test server on 127.0.0.1 may allow
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
        server = LocalSmtpServer(login=True)
        yield server
        server.stop()
