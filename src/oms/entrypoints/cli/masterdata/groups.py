"""`oms product|customer|branch|warehouse|tax`: the master-data groups and their lists, read as the HTTP API reads."""

from __future__ import annotations

from collections.abc import Callable

import click

from oms.application.masterdata.queries import branch_list, customer_page, product_page, tax_rate_list, warehouse_list
from oms.application.masterdata.views import BranchList, WarehouseList
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_next_page, print_table
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.listings import MAX_LIMIT

F = Callable[..., None]


@click.group("product")
def product() -> None:
    """Products: the catalog, kept one by one or imported and exported as CSV."""


@click.group("customer")
def customer() -> None:
    """Customers: who buys, kept one by one or imported and exported as CSV."""


@click.group("branch")
def branch() -> None:
    """Branches: selling units with a currency and a tax jurisdiction."""


@click.group("warehouse")
def warehouse() -> None:
    """Warehouses: stock locations of a branch; orders reserve from the lowest priority number first."""


@click.group("tax")
def tax() -> None:
    """Tax rates per jurisdiction and category."""


def paging(what: str) -> Callable[[F], F]:
    """The options of a master-data listing, as the HTTP API's query parameters."""
    def decorate(function: F) -> F:
        for option in reversed([
            click.option("--active/--inactive", "active", default=None, help="Only the active, or the inactive."),
            click.option("--search", help=f"A part of the {what} or of the name, in any case."),
            click.option("--order", type=click.Choice(["ascending", "descending"]), default="ascending",
                         show_default=True),
            click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True),
            click.option("--cursor", help="Where the previous page ended (printed under it)."),
            json_option,
        ]):
            function = option(function)
        return function

    return decorate


@product.command("list")
@paging("SKU")
@click.option("--category", help="Only the products of this category (exactly).")
@pass_cli
def list_products(cli: CliContext, active: bool | None, search: str | None, order: str, limit: int,
                  cursor: str | None, as_json: bool, category: str | None) -> None:
    """List products by SKU, a page at a time."""
    page = product_page(cli.runtime.listings, active=active, search=search, descending=order == "descending",
                        limit=limit, cursor=cursor, category=category)
    if as_json:
        print_json(page)
        return
    print_table(["sku", "name", "kind", "uom", "price", "currency", "tax", "category", "active"],
                [[p.sku, p.name, p.kind, p.uom, p.price, p.price.currency.code, p.tax_category, p.category,
                  p.active] for p in page.items])
    print_next_page(page.next_cursor)


@customer.command("list")
@paging("code")
@pass_cli
def list_customers(cli: CliContext, active: bool | None, search: str | None, order: str, limit: int,
                   cursor: str | None, as_json: bool) -> None:
    """List customers by code, a page at a time."""
    page = customer_page(cli.runtime.listings, active=active, search=search, descending=order == "descending",
                         limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    print_table(["code", "name", "email", "tax_exempt", "active"],
                [[c.code, c.name, c.email, c.tax_exempt, c.active] for c in page.items])
    print_next_page(page.next_cursor)


def _branches_and_warehouses(uow: MasterDataUnitOfWork) -> tuple[BranchList, WarehouseList]:
    return branch_list(uow), warehouse_list(uow)


@branch.command("list")
@json_option
@pass_cli
def list_branches(cli: CliContext, as_json: bool) -> None:
    """List branches, with their warehouses by priority."""
    branches, warehouses = cli.system.read(_branches_and_warehouses)
    if as_json:
        print_json(branches)
        return
    by_priority = sorted(warehouses.items, key=lambda w: (w.priority, w.code))
    print_table(["code", "name", "currency", "jurisdiction", "warehouses"],
                [[b.code, b.name, b.currency, b.tax_jurisdiction,
                  " ".join(w.code for w in by_priority if w.branch_code == b.code)] for b in branches.items])


@warehouse.command("list")
@json_option
@pass_cli
def list_warehouses(cli: CliContext, as_json: bool) -> None:
    """List warehouses by code."""
    warehouses = cli.system.read(warehouse_list)
    if as_json:
        print_json(warehouses)
        return
    print_table(["code", "name", "branch", "priority", "active"],
                [[w.code, w.name, w.branch_code, w.priority, w.active] for w in warehouses.items])


@tax.command("list")
@json_option
@pass_cli
def list_rates(cli: CliContext, as_json: bool) -> None:
    """List the tax rates."""
    rates = cli.system.read(tax_rate_list)
    if as_json:
        print_json(rates)
        return
    print_table(["jurisdiction", "category", "rate"], [[r.jurisdiction, r.category, r.rate] for r in rates.items])
