"""Everything a running oms needs, built from the settings: the database, the system, the API's and the console's
stores."""

from __future__ import annotations

from datetime import timedelta

from attrs import define, field

import oms
from oms.adapters.memory.access import InMemoryApiTokenStore, InMemoryUserStore
from oms.adapters.memory.listings import InMemoryListings
from oms.adapters.memory.relay import InMemoryEventLog
from oms.adapters.memory.webhooks import InMemoryWebhookStore
from oms.adapters.notifications import notifier_from_url
from oms.adapters.passwords import Argon2PasswordHasher
from oms.adapters.payments import payment_provider
from oms.application.service import OrderManagement
from oms.application.webhooks.delivery import DeliveryWorker, WorkerSettings
from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.readiness import DatabaseNotReady, DatabaseState, Probe, in_memory, one_line, sql_probe
from oms.entrypoints.settings import Settings, display_url
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.access.users import PasswordHasher, UserStore
from oms.ports.invoicing.payment_provider import PaymentProvider
from oms.ports.shared.clock import Clock
from oms.ports.shared.listings import Listings
from oms.ports.shared.notifier import Notifier
from oms.ports.shared.relay import EventLog
from oms.ports.webhooks.store import WebhookStore


@define
class Runtime:
    """`probe` tells whether the database answers and is at the newest migration (see `readiness`); `users` are the
    console's operators and `passwords` hashes theirs."""

    system: OrderManagement
    listings: Listings
    tokens: ApiTokenStore
    database_url: str | None = None
    probe: Probe = field(default=in_memory, kw_only=True)
    users: UserStore = field(kw_only=True)
    passwords: PasswordHasher = field(kw_only=True)
    webhooks: WebhookStore = field(factory=InMemoryWebhookStore, kw_only=True)  # subscriptions and deliveries
    events: EventLog = field(kw_only=True)  # the committed events in order: the relay and the event feed read it
    payments: PaymentProvider | None = field(default=None, kw_only=True)  # charges subscription invoices
    notifier: Notifier | None = field(default=None, kw_only=True)  # sends messages (carts' recovery), OMS_SMTP_URL

    @property
    def database(self) -> str:
        """Where the data is, for people and logs: the database URL without its password, or "in memory"."""
        return display_url(self.database_url) if self.database_url else "in memory"

    def require_ready(self) -> DatabaseState:
        """Raise DatabaseNotReady (saying to run `oms db upgrade`) unless the database answers and is at the newest
        migration; a server calls it before it starts, so that it never answers 500 for a missing table."""
        try:
            state = self.probe()
        except Exception as error:
            raise DatabaseNotReady(f"the database does not answer: {one_line(error)}") from error
        return state.require_ready()

    def webhook_worker(self) -> DeliveryWorker:
        """What sends the webhook deliveries due (`oms webhooks deliver`, and a job of the scheduler)."""
        from oms.adapters.webhooks.http import Urllib3WebhookSender

        settings = Settings.from_env()
        return DeliveryWorker(self.webhooks, Urllib3WebhookSender(), self.system.bus.clock, WorkerSettings(
            lease=timedelta(seconds=settings.webhook_lease_seconds),
            retention=timedelta(days=settings.webhook_retention_days)))

    @classmethod
    def in_memory(cls, clock: Clock | None = None) -> Runtime:
        """Everything in one process's memory: for tests, demos and embedding."""
        store = oms.InMemoryStore()
        system = bootstrap(uow_factory=lambda: oms.InMemoryUnitOfWork(store), clock=clock)
        return cls(system, InMemoryListings(store), InMemoryApiTokenStore(), users=InMemoryUserStore(),
                   passwords=Argon2PasswordHasher(), webhooks=InMemoryWebhookStore(store),
                   events=InMemoryEventLog(store))

    @classmethod
    def of(cls, system: OrderManagement) -> Runtime:
        """A runtime around a system kept in memory (its listing reads the same store)."""
        uow = system.uow_factory()
        if not isinstance(uow, oms.InMemoryUnitOfWork):
            raise ValueError("Runtime.of needs a system kept in memory; use Runtime.from_settings for a database")
        return cls(system, InMemoryListings(uow.store), InMemoryApiTokenStore(), users=InMemoryUserStore(),
                   passwords=Argon2PasswordHasher(), webhooks=InMemoryWebhookStore(uow.store),
                   events=InMemoryEventLog(uow.store))

    @classmethod
    def from_settings(cls, settings: Settings | None = None, clock: Clock | None = None, *,
                      serving: bool = False) -> Runtime:
        """On the database of the settings (OMS_DATABASE_URL, default a SQLite file here), migrated first when the
        settings say so (the embedded SQLite default does). `serving`: a long-running server, which keeps master
        data and API tokens in memory while their change counters stand.

        Whether to migrate is read first, in a transaction that only reads: migrating takes SQLite's write lock, so a
        program that started while another held it (a long import) would wait for it, even to read, and fail."""
        from oms.adapters.sql import open_database, upgrade
        from oms.adapters.sql.access.tokens import SqlApiTokenStore
        from oms.adapters.sql.access.users import SqlUserStore
        from oms.adapters.sql.shared.relay import SqlEventLog
        from oms.adapters.sql.webhooks.store import SqlWebhookStore

        settings = settings or Settings.from_env()
        database = open_database(settings.database_url, cache=serving,
                                 sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
        probe = sql_probe(database.engine)
        if settings.migrate_on_start and probe().problem is not None:
            upgrade(settings.database_url)
        system = bootstrap(uow_factory=database.unit_of_work, clock=clock)
        return cls(system, database.listings(), SqlApiTokenStore(database.engine, watch=database.watch),
                   settings.database_url, probe=probe, users=SqlUserStore(database.engine),
                   passwords=Argon2PasswordHasher(), webhooks=SqlWebhookStore(database.engine),
                   events=SqlEventLog(database.engine, system.bus.clock.now),
                   payments=payment_provider(settings.payment_provider),
                   notifier=notifier_from_url(settings.smtp_url))
