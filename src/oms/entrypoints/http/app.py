"""`create_app`: the Flask app of the HTTP API, with every adapter an optional parameter (in memory by default)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from attrs import frozen
from flask import Flask, redirect
from flask.json.provider import JSONProvider
from werkzeug.exceptions import HTTPException

from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.adapters.memory.access import InMemoryApiTokenStore, InMemoryUserStore
from oms.adapters.memory.listings import InMemoryListings
from oms.adapters.memory.relay import InMemoryEventLog
from oms.adapters.memory.webhooks import InMemoryWebhookStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.carts.restore_links import RestoreLinks
from oms.application.service import OrderManagement
from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.console.app import register_console
from oms.entrypoints.console.config import Console, ConsoleSettings
from oms.entrypoints.console.shop import register_shop
from oms.entrypoints.http import (
    accounting,
    carts,
    docs,
    events,
    invoicing,
    masterdata,
    meta,
    payments,
    procurement,
    production,
    reports,
    rfqs,
    sales,
    stock,
    subscriptions,
    vendor_bills,
)
from oms.entrypoints.http import planning as planning_api
from oms.entrypoints.http import webhooks as webhooks_api
from oms.entrypoints.http.body_limit import BodyLimit
from oms.entrypoints.http.config import EXTENSION, Api, HttpSettings
from oms.entrypoints.http.endpoints import ApiBlueprint
from oms.entrypoints.http.openapi import openapi_document
from oms.entrypoints.http.problems import http_problem, unexpected_problem
from oms.entrypoints.http.request_log import log_requests
from oms.entrypoints.json.converter import unstructure
from oms.entrypoints.links import restore_links
from oms.entrypoints.readiness import Probe, in_memory
from oms.entrypoints.runtime import Runtime
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.access.users import PasswordHasher, UserStore
from oms.ports.invoicing.payment_provider import PaymentProvider
from oms.ports.shared.listings import Listings
from oms.ports.shared.relay import EventLog
from oms.ports.unit_of_work import UnitOfWork
from oms.ports.webhooks.store import WebhookStore

BLUEPRINTS: tuple[ApiBlueprint, ...] = (meta.bp, masterdata.bp, masterdata.parties, stock.bp, sales.quotations,
                                        sales.sales_orders, invoicing.bp, payments.bp, accounting.bp, reports.bp,
                                        webhooks_api.bp, events.bp, meta.system, procurement.bp, vendor_bills.bp,
                                        rfqs.bp, planning_api.bp, production.bp, subscriptions.bp,
                                        carts.bp)


class ConverterJSONProvider(JSONProvider):
    """Flask's JSON (`jsonify`, `app.json`) through the API's converter: Flask 3 has no `json_encoder`, its JSON
    goes through the provider set as `app.json`."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return json.dumps(unstructure(obj), **kwargs)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return json.loads(s, **kwargs)


@frozen
class _InMemory:
    store: InMemoryStore

    def __call__(self) -> UnitOfWork:
        return InMemoryUnitOfWork(self.store)


@cache
def api_document() -> dict[str, Any]:
    """The OpenAPI document of the API's blueprints, made once per process (every app serves the same; the tests
    make hundreds of apps) and shared by them: never changed."""
    return openapi_document(op for bp in BLUEPRINTS for op in bp.operations)


def _default_listings(system: OrderManagement) -> Listings:
    uow = system.uow_factory()
    if not isinstance(uow, InMemoryUnitOfWork):
        raise ValueError("create_app needs `listings` for a system that does not keep its data in memory")
    return InMemoryListings(uow.store)


def _default_webhooks(system: OrderManagement) -> WebhookStore:
    uow = system.uow_factory()
    return InMemoryWebhookStore(uow.store if isinstance(uow, InMemoryUnitOfWork) else None)


def _default_events(system: OrderManagement) -> EventLog:
    """The event log of the system's own store: its memory, or its database."""
    uow = system.uow_factory()
    if isinstance(uow, InMemoryUnitOfWork):
        return InMemoryEventLog(uow.store)
    from oms.adapters.sql.shared.relay import SqlEventLog
    from oms.adapters.sql.unit_of_work import SqlUnitOfWork

    if not isinstance(uow, SqlUnitOfWork):
        raise ValueError("create_app needs `events` for a system kept neither in memory nor in a SQL database")
    return SqlEventLog(uow.database.engine, system.bus.clock.now)


def create_app(system: OrderManagement | None = None, *, tokens: ApiTokenStore | None = None,
               listings: Listings | None = None, settings: HttpSettings | None = None,
               readiness: Probe | None = None, users: UserStore | None = None,
               passwords: PasswordHasher | None = None, console: ConsoleSettings | None = None,
               webhooks: WebhookStore | None = None, events: EventLog | None = None,
               payments: PaymentProvider | None = None, links: RestoreLinks | None = None) -> Flask:
    """The API under /api/v1 (and /healthz, /readyz) and the console under /console (/ leads there). With no
    arguments everything is in memory: a fresh system (system clock), no API tokens, no console users; settings
    from the environment.

    `listings` defaults to the in-memory listing of the system's own store, so it must be given for a system that
    is not in memory. Idempotency keys are kept by the system itself (with the commands they answered), and expire
    by its clock. `readiness` is what /readyz asks (a database's is `Runtime.probe`); by default the app is always
    ready, as a system in memory is. `payments`: the provider carts' checkouts with a payment method go through.
    `links`: what checks the keys of the recovery messages' links (/shop/carts/<id>/restore), by default those of
    the environment (`restore_links`).
    """
    if system is None:
        system = bootstrap(uow_factory=_InMemory(InMemoryStore()))
    settings = settings or HttpSettings.from_env()
    app = Flask("oms.entrypoints.http")
    app.json = ConverterJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.wsgi_app = BodyLimit(app.wsgi_app, settings.max_body_bytes)  # type: ignore[method-assign]  # as Flask says
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(docs.bp)
    app.extensions[EXTENSION] = Api(
        system=system, tokens=tokens if tokens is not None else InMemoryApiTokenStore(),
        listings=listings if listings is not None else _default_listings(system), settings=settings,
        clock=system.bus.clock, openapi=api_document(),
        readiness=readiness or in_memory, webhooks=webhooks if webhooks is not None else _default_webhooks(system),
        events=events if events is not None else _default_events(system), payments=payments)
    register_console(app, Console(users=users if users is not None else InMemoryUserStore(),
                                  passwords=passwords or Argon2PasswordHasher(),
                                  settings=console or ConsoleSettings.from_env()))
    register_shop(app, links if links is not None else restore_links(None))
    app.add_url_rule("/", "root", lambda: redirect("/console/"))
    app.register_error_handler(HTTPException, http_problem)
    app.register_error_handler(Exception, unexpected_problem)
    log_requests(app)
    return app


def app_of(runtime: Runtime, *, shared: bool = False) -> Flask:
    """The app of a running oms (`oms serve`, or one of gunicorn's workers: `shared`): the API and the console on
    the runtime's stores; the console's secret key from OMS_SECRET_KEY, or kept beside the embedded SQLite file
    (see `ConsoleSettings.from_env`)."""
    return create_app(runtime.system, tokens=runtime.tokens, listings=runtime.listings, readiness=runtime.probe,
                      users=runtime.users, passwords=runtime.passwords, webhooks=runtime.webhooks,
                      events=runtime.events, payments=runtime.payments, links=restore_links(runtime.database_url),
                      console=ConsoleSettings.from_env(database_url=runtime.database_url, shared=shared))
