"""Settings from the environment: which database (OMS_DATABASE_URL), whether to migrate it on start, and how long a
write waits for SQLite's lock."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from attrs import frozen

DEFAULT_DATABASE_URL = "sqlite:///oms.db"  # a file in the working directory: the embedded default
DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 30_000
DEFAULT_PUBLIC_URL = "http://localhost:8000"  # oms serve's address on the machine itself: development
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


@frozen(kw_only=True)
class Settings:
    """`database_url`: a SQLAlchemy URL, sqlite:///path/oms.db or postgresql://user@host/db (psycopg 3).
    `migrate_on_start`: apply the packaged migrations when the program starts; by default only on SQLite,
    the embedded database nobody else would migrate (on PostgreSQL, run `oms db upgrade` when deploying).
    `sqlite_busy_timeout_ms` (OMS_SQLITE_BUSY_TIMEOUT_MS, default 30 s): how long a write on SQLite waits for another
    writer's lock before it gives up, changing nothing (the CLI exits 75, the HTTP API answers 503 with Retry-After).
    `broker_url` (OMS_BROKER_URL, amqp://user:password@host:5672/%2F): the RabbitMQ the relay publishes events to;
    unset: none (see `oms.adapters.broker.broker_subscriber`).
    `webhook_interval_seconds` (OMS_WEBHOOK_INTERVAL_SECONDS, default 1): how often the scheduler looks for due
    webhook deliveries (each look sends batch after batch while more are due).
    `relay_lease_seconds` (OMS_RELAY_LEASE_SECONDS, default 60) and `webhook_lease_seconds`
    (OMS_WEBHOOK_LEASE_SECONDS, default 120): how long a relay that died holds its subscribers, and a delivery
    worker that died its claimed deliveries, before another takes over (longer than one batch or send may take).
    `webhook_retention_days` (OMS_WEBHOOK_RETENTION_DAYS, default 30): how long a delivered webhook delivery is kept
    before the hourly job deletes it (failed ones are kept until resent or their subscription is deleted).
    `payment_provider` (OMS_PAYMENT_PROVIDER): the provider subscription invoices are charged through after their
    commit (the relay) and on their retries (the scheduler): "test", a deterministic provider for trials and demos
    (`oms.adapters.payments`); unset: none, the invoices wait for a payment recorded by an operator.
    `smtp_url` (OMS_SMTP_URL, smtp://user:password@host:587?from=shop%40example.com&starttls=1&timeout=10, or
    smtps://... for TLS from the start): the SMTP server messages (abandoned carts' recovery messages) are sent
    through, with the sender's address (see `oms.adapters.notifications.url`); unset: no messages are sent.
    `public_url` (OMS_PUBLIC_URL, default http://localhost:8000, `oms serve`'s): where customers reach oms, the start
    of the links in its messages (a recovery message's link that restores the cart)."""

    database_url: str = DEFAULT_DATABASE_URL
    migrate_on_start: bool = True
    sqlite_busy_timeout_ms: int = DEFAULT_SQLITE_BUSY_TIMEOUT_MS
    broker_url: str | None = None
    webhook_interval_seconds: float = 1.0
    relay_lease_seconds: float = 60.0
    webhook_lease_seconds: float = 120.0
    webhook_retention_days: int = 30
    payment_provider: str | None = None
    smtp_url: str | None = None
    public_url: str = DEFAULT_PUBLIC_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get("OMS_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
        flag = env.get("OMS_MIGRATE_ON_START", "").strip().lower()
        if flag and flag not in TRUE | FALSE:
            raise ValueError(f"OMS_MIGRATE_ON_START must be one of {', '.join(sorted(TRUE | FALSE))}, not {flag!r}")
        migrate = flag in TRUE if flag else url.startswith("sqlite")
        busy = env.get("OMS_SQLITE_BUSY_TIMEOUT_MS", "").strip() or str(DEFAULT_SQLITE_BUSY_TIMEOUT_MS)
        if not busy.isdigit():
            raise ValueError(f"OMS_SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds, not {busy!r}")
        return cls(database_url=url, migrate_on_start=migrate, sqlite_busy_timeout_ms=int(busy),
                   broker_url=env.get("OMS_BROKER_URL", "").strip() or None,
                   webhook_interval_seconds=_seconds(env, "OMS_WEBHOOK_INTERVAL_SECONDS", 1.0),
                   relay_lease_seconds=_seconds(env, "OMS_RELAY_LEASE_SECONDS", 60.0),
                   webhook_lease_seconds=_seconds(env, "OMS_WEBHOOK_LEASE_SECONDS", 120.0),
                   webhook_retention_days=_days(env, "OMS_WEBHOOK_RETENTION_DAYS", 30),
                   payment_provider=_provider(env.get("OMS_PAYMENT_PROVIDER", "").strip() or None),
                   smtp_url=_smtp_url(env.get("OMS_SMTP_URL", "").strip() or None),
                   public_url=_public_url(env.get("OMS_PUBLIC_URL", "").strip() or DEFAULT_PUBLIC_URL))


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0.05 <= seconds <= 3600:
        raise ValueError(f"{name} must be a number of seconds from 0.05 to 3600, not {text!r}")
    return seconds


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= 3650:
        raise ValueError(f"{name} must be a whole number of days from 1 to 3650, not {text!r}")
    return int(text)


def display_url(url: str) -> str:
    """The URL fit to print or log: its password (also one given as a query parameter) replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:  # not a URL SQLAlchemy reads: hide anything between "://user:" and "@"
        return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)
    secret = {key: "***" for key in parsed.query if key.lower() in ("password", "passfile", "sslpassword")}
    return parsed.update_query_dict(secret).render_as_string(hide_password=True)


def _provider(name: str | None) -> str | None:
    from oms.adapters.payments import PROVIDERS

    if name is not None and name not in PROVIDERS:
        raise ValueError(f"OMS_PAYMENT_PROVIDER must be one of {', '.join(PROVIDERS)} (or unset), not {name!r}")
    return name


def _smtp_url(url: str | None) -> str | None:
    """The URL, once it is known to be usable (InvalidSmtpUrl, a ValueError naming the part, otherwise)."""
    from oms.adapters.notifications import parse_smtp_url

    if url is not None:
        parse_smtp_url(url)
    return url


def _public_url(url: str) -> str:
    """An http(s) URL with a host and nothing after its path (the links are made by adding to it)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"OMS_PUBLIC_URL must be an http:// or https:// URL with a host and no query, not {url!r}")
    return url.rstrip("/")
