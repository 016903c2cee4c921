"""`oms serve` (the API and the scheduler in one process) and `oms scheduler` (the jobs alone)."""

from __future__ import annotations

import logging

import click

from oms.entrypoints.cli.support import BadInput, CliContext, pass_cli

logger = logging.getLogger("oms.serve")


def _start_logging() -> None:
    from oms.entrypoints.logs import configure_logging

    try:
        configure_logging()
    except ValueError as error:
        raise BadInput(str(error)) from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--demo", is_flag=True, help="Load demo data first (once: nothing happens if it is there).")
@click.option("--no-scheduler", is_flag=True, help="Serve the API only (run `oms scheduler` elsewhere).")
@pass_cli
def serve(cli: CliContext, host: str, port: int, threads: int, demo: bool, no_scheduler: bool) -> None:
    """Serve the HTTP API and run the scheduled jobs, on the database of OMS_DATABASE_URL (default: ./oms.db,
    created and migrated on first start). Logs go to stderr (OMS_LOG_LEVEL, OMS_LOG_FORMAT=json). For production
    on PostgreSQL use gunicorn (see the README)."""
    import waitress

    from oms.entrypoints.demo import load_demo_data
    from oms.entrypoints.http import create_app
    from oms.entrypoints.http.config import HttpSettings
    from oms.entrypoints.scheduler import background_scheduler

    _start_logging()
    runtime = cli.runtime
    if demo:
        loaded = load_demo_data(runtime.system)
        logger.info("demo data loaded" if loaded else "demo data already there")
    app = create_app(runtime.system, tokens=runtime.tokens, idempotency=runtime.idempotency,
                     listings=runtime.listings)
    retention = HttpSettings.from_env().idempotency_retention
    scheduler = None if no_scheduler else background_scheduler(runtime.system, idempotency=runtime.idempotency,
                                                               retention=retention)
    if scheduler is not None:
        scheduler.start()
    logger.info("oms serving http://%s:%s/api/v1 (database %s)", host, port, runtime.database_url or "in memory")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="oms")
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


@click.command("scheduler")
@pass_cli
def scheduler(cli: CliContext) -> None:
    """Run the scheduled jobs only, in the foreground (one such process per deployment)."""
    from oms.entrypoints.http.config import HttpSettings
    from oms.entrypoints.scheduler import blocking_scheduler

    _start_logging()
    logger.info("oms scheduler on %s", cli.runtime.database_url)
    blocking_scheduler(cli.system, idempotency=cli.runtime.idempotency,
                       retention=HttpSettings.from_env().idempotency_retention).start()
