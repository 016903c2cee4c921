"""`oms serve` (the API and the scheduler in one process) and `oms scheduler` (the jobs alone)."""

from __future__ import annotations

import logging

import click

from oms.entrypoints.cli.support import CliContext, pass_cli
from oms.entrypoints.demo import load_demo_data

logger = logging.getLogger(__name__)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--demo", is_flag=True, help="Load demo data first (once: nothing happens if it is there).")
@click.option("--no-scheduler", is_flag=True, help="Serve the API only (run `oms scheduler` elsewhere).")
@pass_cli
def serve(cli: CliContext, host: str, port: int, threads: int, demo: bool, no_scheduler: bool) -> None:
    """Serve the HTTP API and run the scheduled jobs, on the database of OMS_DATABASE_URL (default: ./oms.db,
    created and migrated on first start). For production on PostgreSQL use gunicorn (see the README)."""
    import waitress

    from oms.entrypoints.http import create_app
    from oms.entrypoints.scheduler import background_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runtime = cli.serving_runtime()
    if demo:
        loaded = load_demo_data(runtime.system)
        click.echo("demo data loaded" if loaded else "demo data already there", err=True)
    app = create_app(runtime.system, tokens=runtime.tokens, listings=runtime.listings)
    scheduler = None if no_scheduler else background_scheduler(runtime.system)
    if scheduler is not None:
        scheduler.start()
    click.echo(f"oms serving http://{host}:{port}/api/v1 (database {runtime.database_url or 'in memory'})",
               err=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="oms")
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


@click.command("scheduler")
@pass_cli
def scheduler(cli: CliContext) -> None:
    """Run the scheduled jobs only, in the foreground (one such process per deployment)."""
    from oms.entrypoints.scheduler import blocking_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo(f"oms scheduler on {cli.runtime.database_url}", err=True)
    blocking_scheduler(cli.system).start()
