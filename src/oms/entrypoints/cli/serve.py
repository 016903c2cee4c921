"""`oms serve` (the API and the scheduler in one process) and `oms scheduler` (the jobs alone)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import click

from oms.entrypoints.cli.exits import BadInput
from oms.entrypoints.cli.support import CliContext, pass_cli
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings

logger = logging.getLogger("oms.serve")


def _start_logging() -> None:
    from oms.entrypoints.logs import configure_logging

    try:
        configure_logging()
    except ValueError as error:
        raise BadInput(str(error)) from None


def _ready(cli: CliContext, *, serving: bool = False) -> Runtime:
    """The runtime (a server's, which keeps caches, if `serving`), once its database is at the newest migration (the
    embedded SQLite default migrates itself); otherwise one line that says to run `oms db upgrade`, and no server."""
    from oms.entrypoints.readiness import DatabaseNotReady

    runtime = cli.serving_runtime() if serving else cli.runtime
    try:
        runtime.require_ready()
    except DatabaseNotReady as error:
        raise click.ClickException(f"{error} (database {runtime.database})") from None
    return runtime


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--demo", is_flag=True, help="Load demo data and the demo users (demo/demo, viewer/viewer) first "
              "(once: nothing happens if they are there).")
@click.option("--no-scheduler", is_flag=True, help="Serve the API only (run `oms scheduler` elsewhere).")
@pass_cli
def serve(cli: CliContext, host: str, port: int, threads: int, demo: bool, no_scheduler: bool) -> None:
    """Serve the web console (/console/) and the HTTP API (/api/v1), run the scheduled jobs and the event relay, on
    the database of OMS_DATABASE_URL (default: ./oms.db, created and migrated on first start). Refuses to start
    on a database that is not migrated. Logs go to stderr (OMS_LOG_LEVEL, OMS_LOG_FORMAT=json). For production on
    PostgreSQL use gunicorn (see the README)."""
    import gc

    import waitress

    from oms.adapters.payments import payment_provider
    from oms.entrypoints.demo import load_demo_data, load_demo_users
    from oms.entrypoints.http.app import app_of
    from oms.entrypoints.relay import BackgroundRelay, relay_of
    from oms.entrypoints.scheduler import DELIVER_WEBHOOKS, background_scheduler

    _start_logging()
    runtime = _ready(cli, serving=True)
    if demo:
        if runtime.payments is None:  # the demo's cards are charged by the test provider unless one is set
            runtime.payments = payment_provider("test")
        loaded = load_demo_data(runtime.system)
        load_demo_users(runtime.users, runtime.passwords, runtime.system.bus.clock)
        logger.info("demo data loaded" if loaded else "demo data already there")
    app = app_of(runtime)
    scheduler = None if no_scheduler else background_scheduler(
        runtime.system, webhooks=runtime.webhook_worker(),
        webhook_interval=Settings.from_env().webhook_interval_seconds, payments=runtime.payments)
    if scheduler is not None:
        scheduler.start()
    # hands the events to the registered subscribers, and has the webhook deliveries it wrote sent at once
    relay = BackgroundRelay(relay_of(runtime, after_webhooks=None if scheduler is None else
                                     lambda: scheduler.modify_job(DELIVER_WEBHOOKS, next_run_time=datetime.now(UTC))))
    relay.start()
    logger.info("oms serving http://%s:%s/ (the console; the API at /api/v1, its documentation at /api/v1/docs) "
                "on database %s", host, port, runtime.database)
    if demo:
        logger.info("sign in as demo / demo (admin) or viewer / viewer")
    # What start-up made (modules, the app, the caches' first fill) lives as long as the process: kept out of the
    # garbage collector's full passes, which would otherwise walk all of it, 100 ms and more, in some requests.
    gc.collect()
    gc.freeze()
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="oms")
    finally:
        relay.stop()
        if scheduler is not None:
            scheduler.shutdown(wait=False)


@click.command("scheduler")
@pass_cli
def scheduler(cli: CliContext) -> None:
    """Run the scheduled jobs only, in the foreground (one such process per deployment). Refuses to start on a
    database that is not migrated."""
    from oms.entrypoints.scheduler import blocking_scheduler

    _start_logging()
    runtime = _ready(cli)
    logger.info("oms scheduler on %s", runtime.database)
    blocking_scheduler(runtime.system, webhooks=runtime.webhook_worker(),
                       webhook_interval=Settings.from_env().webhook_interval_seconds,
                       payments=runtime.payments).start()
