"""The event relay as it runs: the registry of subscribers, and the relay for a runtime, in the foreground
(`oms relay`) or in a thread of `oms serve`.

SUBSCRIBERS is the one place where subscribers are registered: each entry is a function of the runtime answering
the subscriber, or None when it is not configured (a broker without its URL); append one line per kind of
subscriber. With none, the relay only sleeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from oms.adapters.broker import broker_subscriber
from oms.adapters.sql.reports.summary import SalesSummarySubscriber
from oms.adapters.sql.shared.relay import SqlEventLog
from oms.application.processes.cart_messages import RecoveryMailSubscriber
from oms.application.processes.subscription_charges import ChargeSubscriber
from oms.application.shared.relay import POLL_SECONDS, EventRelay
from oms.application.webhooks.delivery import WebhookSubscriber
from oms.entrypoints.documents.cart_recovery import render_recovery_mail
from oms.entrypoints.links import restore_links
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings
from oms.ports.shared.notifier import Notifier
from oms.ports.shared.relay import EventSubscriber, PublishedEvent

logger = logging.getLogger("oms.relay")

SubscriberFactory = Callable[[Runtime], EventSubscriber | None]
SUBSCRIBERS: list[SubscriberFactory] = [
    lambda runtime: WebhookSubscriber(runtime.webhooks, runtime.system.bus.clock),  # rows for the delivery worker
    lambda runtime: broker_subscriber(Settings.from_env().broker_url),  # RabbitMQ, when OMS_BROKER_URL is set
    # subscription invoices charged after their commit, when OMS_PAYMENT_PROVIDER names a provider
    lambda runtime: None if runtime.payments is None else ChargeSubscriber(runtime.system, runtime.payments),
    # abandoned carts' recovery messages sent after their claim's commit, when OMS_SMTP_URL names a server
    lambda runtime: None if runtime.notifier is None else recovery_mail_subscriber(runtime, runtime.notifier),
    # the daily sales summary the sales reports read, on a database
    lambda runtime: None if runtime.database_url is None else SalesSummarySubscriber(runtime.system.uow_factory),
]


def recovery_mail_subscriber(runtime: Runtime, notifier: Notifier) -> RecoveryMailSubscriber:
    return RecoveryMailSubscriber(runtime.system, notifier, restore_links(runtime.database_url),
                                  render_recovery_mail, runtime.system.bus.clock.now)


def subscribers_of(runtime: Runtime) -> list[EventSubscriber]:
    return [s for s in (factory(runtime) for factory in SUBSCRIBERS) if s is not None]


class Nudging:
    """A subscriber that calls `after` once it took a batch. `oms serve` wraps its webhook subscriber so: the relay
    tells the delivery job of the same process that deliveries were written, and they go out at once rather than at
    the job's next look."""

    def __init__(self, subscriber: EventSubscriber, after: Callable[[], object]) -> None:
        self._subscriber = subscriber
        self._after = after

    @property
    def name(self) -> str:
        return self._subscriber.name

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        self._subscriber.deliver(events)
        try:
            self._after()
        except Exception:  # a nudge that fails costs only the wait for the job's next look
            logger.exception("relay: could not nudge the webhook delivery job")


def relay_of(runtime: Runtime, subscribers: list[EventSubscriber] | None = None, *,
             after_webhooks: Callable[[], object] | None = None) -> EventRelay:
    """The relay of the runtime's events to `subscribers` (default: the registered ones), woken by the notices of
    committed events on PostgreSQL (the poll stays as the fallback); `after_webhooks` is called after each batch
    the webhook subscriber took (to nudge a delivery worker in the same process)."""
    chosen = subscribers_of(runtime) if subscribers is None else subscribers
    if after_webhooks is not None:
        chosen = [Nudging(s, after_webhooks) if isinstance(s, WebhookSubscriber) else s for s in chosen]
    wakeups = runtime.events.wakeups() if isinstance(runtime.events, SqlEventLog) else None
    return EventRelay(runtime.events, chosen, runtime.system.bus.clock.now, wakeups=wakeups,
                      lease_seconds=Settings.from_env().relay_lease_seconds)


class BackgroundRelay:
    """The relay in a daemon thread, as `oms serve` runs it; `stop` ends it after the step it is in."""

    def __init__(self, relay: EventRelay, poll_seconds: float = POLL_SECONDS) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=relay.run, args=(self._stop, poll_seconds), name="oms-relay",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
