"""The SMTP server a deployment sends its messages through, read from one URL (OMS_SMTP_URL).

    smtp://user:password@mail.example.com:587?from=shop%40example.com&starttls=1&timeout=10
    smtps://user:password@mail.example.com?from=shop%40example.com          (TLS from the first byte, port 465)

`from` (required): the sender's address; `starttls` (smtp only, 1/0, default 0): upgrade the connection to TLS before
anything else is said, refusing to go on if the server cannot; `timeout` (seconds, default 10): how long one
connection or reply may take. The user and password are percent-decoded; without them nothing logs in. The port
defaults to 25 (smtp) and 465 (smtps). Any other parameter is refused, so that a misspelt one is not ignored.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from attrs import frozen

from oms.ports.shared.notifier import ADDRESS

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
DEFAULT_TIMEOUT = 10.0
PARAMETERS = ("from", "starttls", "timeout")
FLAGS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


class InvalidSmtpUrl(ValueError):
    """The SMTP URL cannot be used; `field` names its offending part (scheme, host, port, from, starttls, ...)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"OMS_SMTP_URL {field}: {detail}")
        self.field = field
        self.detail = detail


@frozen(kw_only=True)
class SmtpSettings:
    """Where and how to send: `implicit_tls` for smtps, `starttls` to upgrade a plain connection first."""

    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    implicit_tls: bool = False
    starttls: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def display(self) -> str:
        """The server as people and logs may see it: never the password."""
        user = f"{self.username}:***@" if self.username else ""
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{user}{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpSettings:
    """The settings of the URL, or InvalidSmtpUrl naming the part that is wrong."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidSmtpUrl("scheme", f"must be smtp or smtps, not {parts.scheme or url!r}")
    if not parts.hostname:
        raise InvalidSmtpUrl("host", "is missing (smtp://host:port?from=...)")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise InvalidSmtpUrl("port", "must be a whole number from 1 to 65535") from None
    if parts.path not in ("", "/"):
        raise InvalidSmtpUrl("path", f"must be empty, not {parts.path!r}")
    query = _query(parts.query)
    starttls = _flag(query.get("starttls", "0"))
    if starttls and scheme == "smtps":
        raise InvalidSmtpUrl("starttls", "cannot be set with smtps, which is TLS from the start")
    return SmtpSettings(host=parts.hostname, port=port, sender=_sender(query.get("from")),
                        username=unquote(parts.username) if parts.username else None,
                        password=unquote(parts.password) if parts.password is not None else None,
                        implicit_tls=scheme == "smtps", starttls=starttls, timeout=_timeout(query.get("timeout")))


def _query(text: str) -> dict[str, str]:
    query: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        if name not in PARAMETERS:
            raise InvalidSmtpUrl(name, f"is not a parameter of the URL (it takes {', '.join(PARAMETERS)})")
        if name in query:
            raise InvalidSmtpUrl(name, "is given twice")
        query[name] = value.strip()
    return query


def _sender(value: str | None) -> str:
    if not value:
        raise InvalidSmtpUrl("from", "is missing: the sender's address, e.g. ?from=shop%40example.com")
    if not ADDRESS.fullmatch(value):
        raise InvalidSmtpUrl("from", f"{value!r} is not an e-mail address (name@domain; write @ as %40)")
    return value


def _flag(value: str) -> bool:
    flag = FLAGS.get(value.lower())
    if flag is None:
        raise InvalidSmtpUrl("starttls", f"must be 1 or 0, not {value!r}")
    return flag


def _timeout(value: str | None) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0.1 <= seconds <= 300:
        raise InvalidSmtpUrl("timeout", f"must be a number of seconds from 0.1 to 300, not {value!r}")
    return seconds
