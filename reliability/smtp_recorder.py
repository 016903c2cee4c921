"""A recording SMTP server for the scenarios (aiosmtpd in a thread, on a free port of 127.0.0.1): it takes every
message, keeps its Message-ID and recipients, and answers 250; `url` is the OMS_SMTP_URL that sends to it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from attrs import frozen


@frozen
class Received:
    message_id: str
    recipients: tuple[str, ...]
    subject: str


class _Handler:
    def __init__(self, recorder: SmtpRecorder) -> None:
        self.recorder = recorder

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        received = Received(str(parsed["Message-ID"]), tuple(str(r).lower() for r in envelope.rcpt_tos),
                            str(parsed["Subject"]))
        with self.recorder.lock:
            self.recorder.messages.append(received)
        return "250 OK"


class SmtpRecorder:
    """`messages`: what the server took, in order (read them under `lock` while it runs)."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port: int = probe.getsockname()[1]
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?from=shop%40example.com&timeout=10"

    def received(self) -> list[Received]:
        with self.lock:
            return list(self.messages)


@contextmanager
def smtp_recorder() -> Iterator[SmtpRecorder]:
    recorder = SmtpRecorder()
    recorder.controller.start()
    try:
        yield recorder
    finally:
        recorder.controller.stop()
