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
what it needs when it runs. `oms --help` and `oms --version` import no command at all: `COMMANDS` names each with
its short help, and a group is imported, with its commands from the action tables, when it is run or its help is
asked for.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from oms.entrypoints.cli.lazy import Lazy, LazyGroup

if TYPE_CHECKING:
    from oms.entrypoints.runtime import Runtime
    from oms.entrypoints.settings import Settings

CLI = "oms.entrypoints.cli"
MASTERDATA = ("oms.application.masterdata.actions:ACTIONS",)
STOCK = ("oms.application.stock.actions:ACTIONS",)
SALES = ("oms.application.sales.actions:ACTIONS",)
INVOICING = ("oms.application.invoicing.actions:ACTIONS",)
PROCESSES = ("oms.application.processes.actions:ACTIONS",)
MAINTENANCE = ("oms.application.shared.maintenance:ACTIONS",)
ACCOUNTING = ("oms.application.accounting.actions:ACTIONS",)
WEBHOOKS = ("oms.application.webhooks.actions:ACTIONS",)
PROCUREMENT = ("oms.application.procurement.actions:ACTIONS",)
BILLS = ("oms.application.invoicing.bill_actions:ACTIONS",)
BILLING = ("oms.application.processes.bill_actions:ACTIONS",)
RFQS = ("oms.application.procurement.rfq_actions:RFQ_ACTIONS",)
PLANNING = ("oms.application.procurement.planning_actions:ACTIONS",)
PROPOSALS = ("oms.application.processes.planning_actions:ACTIONS",)
PRODUCTION = ("oms.application.production.actions:ACTIONS",)
SERVICE_WORK = ("oms.application.processes.service_work:ACTIONS",)
MAKE_TO_ORDER = ("oms.application.processes.make_to_order:ACTIONS",)
SUBSCRIPTIONS = ("oms.application.subscriptions.actions:ACTIONS",)
CARTS = ("oms.application.processes.cart_actions:ACTIONS",)
RENEWALS = ("oms.application.processes.subscription_actions:ACTIONS",
            "oms.application.processes.dunning_actions:ACTIONS")

# Every command but `demo`, by name: where it is, its short help as `oms --help` lists it (the first sentence of its
# help; a test holds the two the same) and the action tables with commands on its resources, in the order of
# `oms.application.actions.ACTIONS` (a test holds them complete).
COMMANDS = {
    "account": Lazy(f"{CLI}.accounting:account",
        "Accounts of the chart: create, rename, deactivate, delete (an account without entries).", ACCOUNTING),
    "bill": Lazy(f"{CLI}.vendor_bills:bill",
        "Vendor bills and debit notes: drafts made from purchase orders, posted with a number and a 3-way match per "
        "line, paid once matched or released.", BILLS + BILLING),
    "bom": Lazy(f"{CLI}.boms:bom",
        "Bills of materials: what a product is made of (components with scrap, operations with labour), in revisions "
        "of which one is active.", PRODUCTION),
    "branch": Lazy(f"{CLI}.masterdata:branch",
        "Branches: selling units with a currency and a tax jurisdiction.", MASTERDATA),
    "cart": Lazy(f"{CLI}.carts:cart",
        "Carts: opened by the shop front, checked out into sales orders, followed up when abandoned.", CARTS),
    "carts": Lazy(f"{CLI}.carts:carts",
        "The carts' jobs (recovery messages every 5 minutes, expiry hourly), run by hand."),
    "customer": Lazy(f"{CLI}.masterdata:customer",
        "Customers: who buys, kept one by one or imported and exported as CSV.",
        MASTERDATA, also=(f"{CLI}.payments:statement",)),
    "db": Lazy(f"{CLI}.db:db", "The database's schema: migrations shipped with oms."),
    "events": Lazy(f"{CLI}.events:events", "The committed events of every document, in order (the global event feed)."),
    "invoice": Lazy(f"{CLI}.invoicing:invoice",
        "Invoices and credit notes: drafts made from confirmed orders, posted with a number, credited.",
        INVOICING + PROCESSES + SERVICE_WORK),
    "ledger": Lazy(f"{CLI}.accounting:ledger",
        "The books: chart of accounts, trial balance, general ledger, journal entries, the lock date.", ACCOUNTING),
    "order": Lazy(f"{CLI}.sales:order",
        "Sales orders: confirmed against stock, issued in one or more goods issues, completed.",
        SALES + PROCESSES + SERVICE_WORK + MAKE_TO_ORDER),
    "overview": Lazy(f"{CLI}.reports:show_overview",
        "What waits today: orders to confirm, to ship and backordered, quotations expiring within a week, stock "
        "running low; oldest first."),
    "report": Lazy(f"{CLI}.reports:show_report",
        "A report (`oms reports` lists them): its table, and its chart or CSV written to a file."),
    "reports": Lazy(f"{CLI}.reports:reports_group",
        "The reports' catalogue, and their summaries rebuilt from the documents."),
    "payment": Lazy(f"{CLI}.payments:payment",
        "Payments received: recorded (posted at once, numbered PAY-<year>-), allocated to posted invoices; what is "
        "not allocated is the customer's credit.", INVOICING),
    "plan": Lazy(f"{CLI}.subscriptions:plan",
        "Subscription plans: products billed every period at their prices, in versions (a new version's prices apply "
        "from each subscription's next renewal).", SUBSCRIPTIONS),
    "po": Lazy(f"{CLI}.procurement:po",
        "Purchase orders: ordered from suppliers (with a manager's approval above the branch's threshold), received "
        "into stock in one or more goods receipts, closed or cancelled.", PROCUREMENT),
    "procurement": Lazy(f"{CLI}.procurement:procurement",
        "A branch's procurement settings: approval threshold and over-receipt tolerances.", PROCUREMENT),
    "product": Lazy(f"{CLI}.masterdata:product",
        "Products: the catalog, kept one by one or imported and exported as CSV.", MASTERDATA),
    "proposal": Lazy(f"{CLI}.planning:proposal",
        "Purchase proposals: what to buy, now or as prepared on a day.", PROPOSALS),
    "quotation": Lazy(f"{CLI}.sales:quotation",
        "Quotations: offers to customers, converted into sales orders once accepted.", SALES),
    "rate": Lazy(f"{CLI}.masterdata:rate", "Exchange rates per currency pair and day.", MASTERDATA),
    "receivables": Lazy(f"{CLI}.payments:receivables", "What customers owe."),
    "relay": Lazy(f"{CLI}.events:relay",
        "Hand every committed event at least once to each registered subscriber (webhooks, the broker), on the "
        "database of OMS_DATABASE_URL, until stopped (Ctrl-C, SIGTERM)."),
    "renewals": Lazy(f"{CLI}.subscriptions:renewals",
        "Renewals of subscriptions: the scheduler's daily job, run by hand."),
    "reorder-rule": Lazy(f"{CLI}.planning:reorder_rule",
        "Reorder rules: the minimum, maximum and multiple of a product's stock in a warehouse.", PLANNING),
    "rfq": Lazy(f"{CLI}.rfqs:rfq",
        "Requests for quotation: sent to several suppliers, their offers compared and awarded as purchase orders.",
        RFQS),
    "scheduler": Lazy(f"{CLI}.serve:scheduler",
        "Run the scheduled jobs only, in the foreground (one such process per deployment)."),
    "serve": Lazy(f"{CLI}.serve:serve",
        "Serve the web console (/console/) and the HTTP API (/api/v1), run the scheduled jobs and the event relay, on"
        " the database of OMS_DATABASE_URL (default: ./oms.db, created and migrated on first start)."),
    "service": Lazy(f"{CLI}.service_orders:service",
        "Service work orders: scheduled with a technician, hours logged and approved, invoiced by their policy.",
        PRODUCTION + SERVICE_WORK),
    "stock": Lazy(f"{CLI}.stock:stock",
        "Stock per product and warehouse: on hand, reserved, available, and every movement.", STOCK),
    "subscription": Lazy(f"{CLI}.subscriptions:subscription",
        "Subscriptions: a customer's plan billed every period by a posted invoice, changed, paused and cancelled with "
        "the days prorated.", SUBSCRIPTIONS + RENEWALS),
    "supplier": Lazy(f"{CLI}.masterdata:supplier",
        "Suppliers: whom stock is bought from, and their prices per product.", MASTERDATA),
    "supplier-payment": Lazy(f"{CLI}.vendor_bills:supplier_payment",
        "Payments to suppliers: recorded (posted at once, numbered SPAY-<year>-), allocated to posted bills.", BILLS),
    "system": Lazy(f"{CLI}.maintenance:system", "Maintenance: the scheduler's jobs, run now.", MAINTENANCE),
    "tax": Lazy(f"{CLI}.masterdata:tax", "Tax rates per jurisdiction and category.", MASTERDATA),
    "token": Lazy(f"{CLI}.tokens:token", "API tokens: who may use the HTTP API, with which role."),
    "user": Lazy(f"{CLI}.users:user", "Console users: who may sign in to the web console, with which role."),
    "warehouse": Lazy(f"{CLI}.masterdata:warehouse",
        "Warehouses: stock locations of a branch; orders reserve from the lowest priority number first.", MASTERDATA),
    "webhook": Lazy(f"{CLI}.webhooks:webhook",
        "Webhook subscriptions: outside URLs that get oms events, signed (see docs/webhooks.md).", WEBHOOKS),
    "webhooks": Lazy(f"{CLI}.webhooks:webhooks", "The webhook delivery worker."),
    "wo": Lazy(f"{CLI}.work_orders:wo",
        "Production work orders: released against stock, outputs reported into stock consuming their components, "
        "closed done or short.", PRODUCTION + MAKE_TO_ORDER),
}


def _runtime(settings: Settings, *, serving: bool = False) -> Runtime:
    from oms.entrypoints.runtime import Runtime

    return Runtime.from_settings(settings, serving=serving)


@click.group(cls=LazyGroup, lazy=COMMANDS)
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
        from oms.entrypoints.cli.exits import BadInput
        from oms.entrypoints.cli.support import CliContext
        from oms.entrypoints.settings import Settings

        try:
            settings = Settings.from_env({**os.environ, **({"OMS_DATABASE_URL": database_url} if database_url else {})})
        except ValueError as error:
            raise BadInput(str(error)) from None
        ctx.obj = CliContext(lambda: _runtime(settings), serving_factory=lambda: _runtime(settings, serving=True))


@main.command()
def demo() -> None:
    """Load demo data in memory and walk through quotation -> order -> goods issue."""
    from oms.entrypoints.bootstrap import bootstrap
    from oms.entrypoints.demo import load_demo_data, walk_through

    system = bootstrap()
    load_demo_data(system)
    walk_through(system, click.echo)
