"""The notifier port: an e-mail message as oms sends it, and what sends it (SMTP in production, memory in tests).

A message carries a stable key chosen by its sender (`cart-<id>-stage-1`): it becomes the Message-ID header
(`<key@oms>`), the same on every attempt, so a receiver can drop a duplicate when a send is retried after a failure
that had in fact delivered it. `Notifier.send` returns once the server took the message and raises
`NotificationFailed` otherwise, so the caller can try again later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Protocol

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue

KEY = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,200}")  # what may stand left of the @ of a Message-ID
ADDRESS = re.compile(r"[^@\s<>,;\"()\[\]\\]+@[^@\s<>,;\"()\[\]\\]+")  # a bare address: local@domain, nothing around it
HEADER_NAME = re.compile(r"[!-9;-~]{1,76}")  # printable ASCII but the colon (RFC 5322 field-name)
# set by the adapter from the message's own fields, so an extra header may not replace them
RESERVED_HEADERS = frozenset({"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
                              "content-type", "content-transfer-encoding", "sender"})


class NotificationFailed(Exception):
    """The message was not (or not surely) taken by the server; `permanent` when the server refused it for good
    (an unknown recipient, a rejected login), so sending it again unchanged would fail again. Sending it again is
    otherwise safe: the Message-ID stays the same."""

    def __init__(self, message_id: str, detail: str, *, permanent: bool = False) -> None:
        super().__init__(f"message {message_id!r} not sent: {detail}")
        self.message_id = message_id
        self.detail = detail
        self.permanent = permanent


def _recipients(value: str | Iterable[str]) -> tuple[str, ...]:
    """The addresses stripped, each once (compared without case, the first spelling kept), each validated."""
    addresses = (value,) if isinstance(value, str) else tuple(value)
    unique: dict[str, str] = {}
    for index, address in enumerate(addresses):
        if not isinstance(address, str) or not ADDRESS.fullmatch(address.strip()):
            raise InvalidValue(f"to[{index}]", f"{address!r} is not an e-mail address (name@domain)")
        unique.setdefault(address.strip().lower(), address.strip())
    if not unique:
        raise InvalidValue("to", "a message needs at least one recipient")
    return tuple(unique.values())


def _headers(value: Mapping[str, str]) -> Mapping[str, str]:
    """A read-only copy of the extra headers, each name valid and not one the message's own fields set."""
    for name, text in value.items():
        if not HEADER_NAME.fullmatch(name) or name.lower() in RESERVED_HEADERS:
            raise InvalidValue(f"headers.{name}", "is not a header name an extra header may have")
        if not isinstance(text, str) or "\r" in text or "\n" in text:
            raise InvalidValue(f"headers.{name}", "must be one line of text")
    return MappingProxyType(dict(value))


def _key(instance: EmailMessage, attribute: object, value: str) -> None:
    if not KEY.fullmatch(value):
        raise InvalidValue("message_id", "must be 1 to 200 letters, digits or any of !#$%&'*+/=?^_`{|}~.- "
                                         f"(no spaces, no @), not {value!r}")


def _subject(instance: EmailMessage, attribute: object, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise InvalidValue("subject", "must be one line of text")


@frozen(kw_only=True)
class EmailMessage:
    """`message_id`: the sender's stable key of this message (the Message-ID is `<message_id@oms>`); `to`: the
    recipients, each once whatever its case; `text`: the plain body every reader shows; `html`: an alternative body
    for readers that show HTML; `headers`: extra headers (List-Unsubscribe, ...), never one the fields above set."""

    message_id: str = field(validator=_key)
    to: tuple[str, ...] = field(converter=_recipients)
    subject: str = field(validator=_subject)
    text: str
    html: str | None = None
    headers: Mapping[str, str] = field(factory=dict, converter=_headers, hash=False)

    @property
    def message_id_header(self) -> str:
        """The Message-ID header's value: the same for every attempt to send this message."""
        return f"<{self.message_id}@oms>"


class Notifier(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand the message over for delivery; raise NotificationFailed when it was not surely taken."""
        ...
