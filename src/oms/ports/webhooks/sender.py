"""What sends one webhook request: an HTTP POST, bounded in time, that never follows a redirect."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from attrs import frozen


@frozen
class SendResult:
    """The answer's status code, or None and the error when there was no answer (refused, timed out)."""

    status_code: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookSender(Protocol):
    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> SendResult:
        """POST `body` to `url`; never raises for a network error or a timeout (they come back as a result)."""
        ...
