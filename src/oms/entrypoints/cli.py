"""The `oms` command: run the system, load data, and work every document of the sales flow.

Exit codes: 0 done, 1 refused by the domain (the reason on stderr, one line), 2 usage error or malformed value.
"""

from __future__ import annotations

import click

from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.cli_masterdata import customer, product
from oms.entrypoints.cli_orders import order
from oms.entrypoints.cli_quotations import quotation
from oms.entrypoints.cli_stock import stock
from oms.entrypoints.cli_support import CliContext, OmsGroup
from oms.entrypoints.demo import load_demo_data, walk_through


@click.group(cls=OmsGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """oms: quotations, sales orders, stock reservation and goods issue."""
    if ctx.obj is None:
        ctx.obj = CliContext(bootstrap)


@main.command()
def demo() -> None:
    """Load demo data in memory and walk through quotation -> order -> goods issue."""
    system = bootstrap()
    load_demo_data(system)
    walk_through(system, click.echo)


for group in (quotation, order, stock, product, customer):
    main.add_command(group)
