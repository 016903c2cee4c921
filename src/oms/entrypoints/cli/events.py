"""`oms relay` (hands the committed events to the registered subscribers) and `oms events` (the global event feed)."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

import click

from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table

logger = logging.getLogger("oms.relay")


@click.command("relay")
@click.option("--once", is_flag=True, help="Hand out every event waiting, then exit.")
@click.option("--poll", default=1.0, show_default=True, type=click.FloatRange(0.05, 60),
              help="Seconds to sleep when nothing is waiting.")
@pass_cli
def relay(cli: CliContext, once: bool, poll: float) -> None:
    """Hand every committed event at least once to each registered subscriber (webhooks, the broker), on the
    database of OMS_DATABASE_URL, until stopped (Ctrl-C, SIGTERM). Several may run: each subscriber is served by one
    at a time. Refuses to start on a database that is not migrated."""
    from oms.entrypoints.cli.serve import _ready, _start_logging
    from oms.entrypoints.relay import relay_of

    _start_logging()
    runtime = _ready(cli)
    relay = relay_of(runtime)
    if once:
        count = relay.drain()
        click.echo(f"{count} event deliveries")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    logger.info("oms relay on %s", runtime.database)
    try:
        relay.run(stop, poll)
    except KeyboardInterrupt:
        stop.set()


@click.command("events")
@click.option("--after", default=None, metavar="CURSOR", help="Start after this cursor (next_cursor of a page).")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Only events of this type (repeatable).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 500), help="At most this many.")
@json_option
@pass_cli
def events(cli: CliContext, after: str | None, types: tuple[str, ...], limit: int, as_json: bool) -> None:
    """The committed events of every document, in order (the global event feed)."""
    from oms.application.shared.relay import event_feed
    from oms.domain.event_types import schema_version

    page = event_feed(cli.runtime.events, after, types, limit)
    if as_json:  # as the HTTP feed and the webhooks carry them: the type's payload version beside it
        print_json({"items": [{"id": e.id, "seq": e.seq, "type": e.type, "version": schema_version(e.type),
                               "aggregate_id": e.aggregate_id, "occurred_at": e.occurred_at,
                               "payload": dict(e.payload)} for e in page.items],
                    "next_cursor": page.next_cursor})
        return
    rows: list[list[Any]] = [[e.seq, e.occurred_at, e.type, f"v{schema_version(e.type)}", e.aggregate_id]
                             for e in page.items]
    print_table(["Seq", "Occurred", "Type", "Version", "Document"], rows)
    click.echo(f"next cursor: {page.next_cursor}")
