"""The `oms` command."""

from __future__ import annotations

import click

from oms.entrypoints.bootstrap import bootstrap
from oms.entrypoints.demo import load_demo_data, walk_through


@click.group()
def main() -> None:
    """oms: quotations, sales orders, stock reservation and goods issue."""


@main.command()
def demo() -> None:
    """Load demo data in memory and walk through quotation -> order -> goods issue."""
    system = bootstrap()
    load_demo_data(system)
    walk_through(system, click.echo)
