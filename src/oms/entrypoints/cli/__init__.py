"""The `oms` command: run the system, load data, and work every document of the sales flow.

Every command of the action tables is a command here (`oms order confirm SO-000001`, see `actions`); reads, the
CSV files and running the system are written by hand.

Exit codes: 0 done; 1 refused (by a business rule, something named does not exist, or the database cannot be used
as it is, e.g. not migrated; the reason on stderr, one line); 2 usage error or malformed value; 3 an unexpected
error (one line on stderr names it and the file that holds its traceback; OMS_DEBUG=1 prints the traceback
instead); 75 the database was busy with another writer for longer than a command waits (SQLite), nothing was
changed: try again; 130 interrupted (Ctrl-C); 141 the reader of the output went away (`oms customer export | head`),
quietly.

Help, --version and the commands that keep to memory import neither SQLAlchemy nor Flask: each command imports
what it needs when it runs.
"""

from __future__ import annotations

import os

import click

from oms.application.actions import ACTIONS
from oms.entrypoints.cli.accounting import account, ledger
from oms.entrypoints.cli.actions import add_action_commands
from oms.entrypoints.cli.db import db
from oms.entrypoints.cli.events import events, relay
from oms.entrypoints.cli.exits import BadInput, OmsGroup
from oms.entrypoints.cli.invoicing import invoice
from oms.entrypoints.cli.maintenance import system
from oms.entrypoints.cli.masterdata import branch, customer, product, rate, supplier, tax, warehouse
from oms.entrypoints.cli.payments import payment, receivables, statement
from oms.entrypoints.cli.planning import proposal, reorder_rule
from oms.entrypoints.cli.procurement import po, procurement
from oms.entrypoints.cli.reports import show_overview
from oms.entrypoints.cli.rfqs import rfq
from oms.entrypoints.cli.sales import order, quotation
from oms.entrypoints.cli.serve import scheduler, serve
from oms.entrypoints.cli.stock import stock
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.cli.tokens import token
from oms.entrypoints.cli.users import user
from oms.entrypoints.cli.vendor_bills import bill, supplier_payment
from oms.entrypoints.cli.webhooks import webhook, webhooks
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings


@click.group(cls=OmsGroup)
@click.version_option(package_name="oms", prog_name="oms", message="%(prog)s %(version)s")
@click.option("--database-url", envvar="OMS_DATABASE_URL", default=None, metavar="URL",
              help="sqlite:///path/oms.db or postgresql://user@host/db (default: OMS_DATABASE_URL, else ./oms.db).")
@click.pass_context
def main(ctx: click.Context, database_url: str | None) -> None:
    """oms: quotations, sales orders, stock reservation and goods issue.

    Exit codes: 0 done, 1 refused, 2 usage error or bad value, 3 unexpected error (one line says where its
    traceback went), 75 the database was busy: nothing changed, try again.
    """
    if ctx.obj is None:
        try:
            settings = Settings.from_env({**os.environ, **({"OMS_DATABASE_URL": database_url} if database_url else {})})
        except ValueError as error:
            raise BadInput(str(error)) from None
        ctx.obj = CliContext(lambda: Runtime.from_settings(settings),
                             serving_factory=lambda: Runtime.from_settings(settings, serving=True))


@main.command()
def demo() -> None:
    """Load demo data in memory and walk through quotation -> order -> goods issue."""
    from oms.entrypoints.bootstrap import bootstrap
    from oms.entrypoints.demo import load_demo_data, walk_through

    system = bootstrap()
    load_demo_data(system)
    walk_through(system, click.echo)


GROUPS = (quotation, order, invoice, payment, receivables, stock, product, customer, branch, warehouse, tax, system,
          ledger, account, webhook, supplier, rate, po, procurement, bill, supplier_payment, rfq, reorder_rule,
          proposal)
customer.add_command(statement)
add_action_commands({group.name or "": group for group in GROUPS}, ACTIONS)
for command in (serve, scheduler, *GROUPS, show_overview, token, user, db, webhooks, relay, events):
    main.add_command(command)
