"""`oms supplier|rate`: suppliers (list, show with prices, a price for a quantity, a product's preferred supplier)
and exchange rates (list, the rate of a day); creating and changing them come from the action table."""

from __future__ import annotations

from datetime import date, datetime

import click

from oms.application.masterdata import supplier_queries as sq
from oms.application.masterdata.supplier_views import PurchasePrice
from oms.entrypoints.cli.masterdata.groups import paging
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_next_page, print_table

DAY = click.option("--day", type=click.DateTime(["%Y-%m-%d"]), default=None,
                   help="The day (YYYY-MM-DD; default today).")
QUANTITY = click.option("--quantity", default="1", show_default=True, help="In stock units.")


@click.group("supplier")
def supplier() -> None:
    """Suppliers: whom stock is bought from, and their prices per product."""


@click.group("rate")
def rate() -> None:
    """Exchange rates per currency pair and day."""


def _day(cli: CliContext, value: datetime | None) -> date:
    return value.date() if value is not None else cli.system.bus.clock.now().date()


@supplier.command("list")
@paging("code")
@pass_cli
def list_suppliers(cli: CliContext, active: bool | None, search: str | None, order: str, limit: int,
                   cursor: str | None, as_json: bool) -> None:
    """List suppliers by code, a page at a time."""
    page = sq.supplier_page(cli.runtime.listings, active=active, search=search, descending=order == "descending",
                            limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    print_table(["code", "name", "currency", "terms", "lead days", "active"],
                [[s.code, s.name, s.currency, s.payment_terms, s.lead_time_days, s.active] for s in page.items])
    print_next_page(page.next_cursor)


@supplier.command("prices")
@click.argument("sku")
@json_option
@pass_cli
def product_prices(cli: CliContext, sku: str, as_json: bool) -> None:
    """Every supplier's prices for a product."""
    prices = cli.system.read(sq.product_supplier_prices, sku)
    if as_json:
        print_json(prices)
        return
    print_table(["supplier", "min qty", "price", "currency", "unit", "factor", "per stock unit", "lead days", "from",
                 "to", "preferred", "id"],
                [[p.supplier_code, p.min_quantity, p.price.amount, p.price.currency.code, p.purchase_unit,
                  p.unit_factor, p.stock_unit_price.amount, p.lead_time_days, p.valid_from or "", p.valid_to or "",
                  p.preferred, p.id] for p in prices.items])


def _print_price(found: PurchasePrice) -> None:
    entry = found.entry
    print_table(["supplier", "sku", "quantity", "day", "price", "unit", "per stock unit", "converted", "lead days"],
                [[entry.supplier_code, entry.sku, found.quantity, found.day, entry.price,
                  entry.purchase_unit or "-", entry.stock_unit_price, found.converted, entry.lead_time_days]])


@supplier.command("price")
@click.argument("code")
@click.argument("sku")
@QUANTITY
@DAY
@click.option("--currency", default=None, help="Also price it in this currency, at the day's rate.")
@json_option
@pass_cli
def purchase_price(cli: CliContext, code: str, sku: str, quantity: str, day: datetime | None, currency: str | None,
                   as_json: bool) -> None:
    """The supplier's price for a quantity of a product on a day."""
    found = cli.system.read(sq.purchase_price, code, sku, quantity, _day(cli, day), currency)
    print_json(found) if as_json else _print_price(found)


@supplier.command("preferred")
@click.argument("sku")
@click.option("--branch", required=True, help="The branch whose currency offers are compared in.")
@QUANTITY
@DAY
@json_option
@pass_cli
def preferred(cli: CliContext, sku: str, branch: str, quantity: str, day: datetime | None, as_json: bool) -> None:
    """The preferred supplier of a product: the flagged price, else the cheapest in the branch's currency."""
    found = cli.system.read(sq.preferred_supplier, sku, quantity, _day(cli, day), branch)
    print_json(found) if as_json else _print_price(found)


@rate.command("list")
@json_option
@pass_cli
def list_rates(cli: CliContext, as_json: bool) -> None:
    """List the exchange rates by pair, newest first."""
    rates = cli.system.read(sq.exchange_rate_list)
    if as_json:
        print_json(rates)
        return
    print_table(["from", "to", "day", "rate"], [[r.from_currency, r.to_currency, r.day, r.rate] for r in rates.items])


@rate.command("on")
@click.argument("from_currency")
@click.argument("to_currency")
@DAY
@json_option
@pass_cli
def rate_on(cli: CliContext, from_currency: str, to_currency: str, day: datetime | None, as_json: bool) -> None:
    """The rate of a pair on a day: its latest on or before it, else 1/its inverse's."""
    found = cli.system.read(sq.exchange_rate_on, from_currency, to_currency, _day(cli, day))
    if as_json:
        print_json(found)
        return
    print_table(["from", "to", "day", "rate"], [[found.from_currency, found.to_currency, found.day, found.rate]])
