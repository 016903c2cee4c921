"""What the HTTP API is built from: its settings and the adapters it talks to, kept in `app.extensions`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from attrs import frozen
from flask import current_app

from oms.application.service import OrderManagement
from oms.entrypoints.readiness import Probe
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.invoicing.payment_provider import PaymentProvider
from oms.ports.shared.clock import Clock
from oms.ports.shared.listings import Listings
from oms.ports.shared.relay import EventLog
from oms.ports.webhooks.store import WebhookStore

EXTENSION = "oms"
MIN_RETENTION = timedelta(hours=24)  # idempotency keys are kept at least 24 hours (docs/rules.md)


@frozen(kw_only=True)
class HttpSettings:
    """`max_body_bytes`: a larger request body gets 413. `idempotency_retention`: how long an Idempotency-Key
    and its answer are kept (at least 24 hours)."""

    max_body_bytes: int = 1024 * 1024
    idempotency_retention: timedelta = MIN_RETENTION

    def __attrs_post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise ValueError("max_body_bytes must be at least 1024")
        if self.idempotency_retention < MIN_RETENTION:
            raise ValueError("idempotency_retention must be at least 24 hours")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HttpSettings:
        """OMS_HTTP_MAX_BODY_BYTES and OMS_IDEMPOTENCY_RETENTION_HOURS, where set."""
        env = os.environ if environ is None else environ
        try:
            body = int(env.get("OMS_HTTP_MAX_BODY_BYTES", "").strip() or cls().max_body_bytes)
            hours = float(env.get("OMS_IDEMPOTENCY_RETENTION_HOURS", "").strip() or 24)
        except ValueError as error:
            raise ValueError(f"OMS_HTTP_MAX_BODY_BYTES and OMS_IDEMPOTENCY_RETENTION_HOURS must be numbers: {error}"
                             ) from None
        return cls(max_body_bytes=body, idempotency_retention=timedelta(hours=hours))


@frozen(kw_only=True)
class Api:
    """Everything a view reaches through `current_app.extensions["oms"]`."""

    system: OrderManagement
    tokens: ApiTokenStore
    listings: Listings
    settings: HttpSettings
    clock: Clock
    openapi: dict[str, Any]
    readiness: Probe
    webhooks: WebhookStore  # the deliveries (the subscriptions are the commands')
    events: EventLog  # the committed events in order (the global event feed)
    payments: PaymentProvider | None = None  # authorises and captures the payments of carts' checkouts


def api() -> Api:
    """The API of the running app."""
    found: Api = current_app.extensions[EXTENSION]
    return found
