"""`oms branch|warehouse|tax ...`: the set-up an operator does once: branches, their warehouses, tax rates."""

from __future__ import annotations

import click

import oms
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table


@click.group("branch")
def branch() -> None:
    """Branches: selling units with a currency and a tax jurisdiction."""


@branch.command("create")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--currency", required=True, help="ISO 4217 code of the branch's documents, e.g. EUR.")
@click.option("--jurisdiction", required=True, help="Where its documents are taxed, e.g. DE or US-CA.")
@pass_cli
def create_branch(cli: CliContext, code: str, name: str, currency: str, jurisdiction: str) -> None:
    """Create a branch."""
    cli.handle(oms.CreateBranch(code=code, name=name, currency=currency, tax_jurisdiction=jurisdiction))
    click.echo(f"branch {code} created")


@branch.command("list")
@json_option
@pass_cli
def list_branches(cli: CliContext, as_json: bool) -> None:
    """List branches and their warehouses by priority."""
    with cli.system.uow_factory() as uow:
        rows = [[b.code, b.name, b.currency, b.tax_jurisdiction,
                 " ".join(w.code for w in uow.masterdata.warehouses.for_branch(b.id))]
                for b in sorted(uow.masterdata.branches.list(), key=lambda b: b.code)]
    if as_json:
        print_json([dict(zip(["code", "name", "currency", "tax_jurisdiction", "warehouses"], r, strict=True))
                    for r in rows])
    else:
        print_table(["code", "name", "currency", "jurisdiction", "warehouses"], rows)


@click.group("warehouse")
def warehouse() -> None:
    """Warehouses: stock locations of a branch; orders reserve from the lowest priority number first."""


@warehouse.command("create")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--branch", "branch_code", required=True, help="Branch code.")
@click.option("--priority", type=click.IntRange(0), default=100, show_default=True)
@pass_cli
def create_warehouse(cli: CliContext, code: str, name: str, branch_code: str, priority: int) -> None:
    """Create a warehouse of a branch."""
    cli.handle(oms.CreateWarehouse(code=code, name=name, branch_code=branch_code, priority=priority))
    click.echo(f"warehouse {code} created in branch {branch_code} (priority {priority})")


@click.group("tax")
def tax() -> None:
    """Tax rates per jurisdiction and category."""


@tax.command("set")
@click.argument("jurisdiction")
@click.argument("category", type=click.Choice([c.value for c in oms.TaxCategory]))
@click.argument("rate")
@pass_cli
def set_rate(cli: CliContext, jurisdiction: str, category: str, rate: str) -> None:
    """Set the RATE (a fraction: 0.19 for 19%) of a CATEGORY in a JURISDICTION; documents already made keep
    theirs."""
    cli.handle(oms.SetTaxRate(jurisdiction=jurisdiction, category=oms.TaxCategory(category), rate=rate))
    click.echo(f"{category} tax in {jurisdiction} is now {rate}")


@tax.command("list")
@json_option
@pass_cli
def list_rates(cli: CliContext, as_json: bool) -> None:
    """List the tax rates."""
    with cli.system.uow_factory() as uow:
        rates = sorted(uow.masterdata.tax_rates.list(), key=lambda r: (r.jurisdiction, r.category))
    rows = [[r.jurisdiction, r.category, r.rate] for r in rates]
    if as_json:
        print_json([dict(zip(["jurisdiction", "category", "rate"], row, strict=True)) for row in rows])
    else:
        print_table(["jurisdiction", "category", "rate"], rows)
