"""`oms cart ...` and `oms carts recover|expire`: the shop front's commands from the action table (`cart open --branch
BER`, `cart add CART SKU QTY`, `cart change CART LINE QTY`, `cart remove CART LINE`, `cart contact`, `cart sign-in
CART CUSTOMER --cart-token T`, `cart checkout CART TOTAL`, `cart policy BRANCH ...`), the follow-up list and the
recovery rate written by hand, and the recovery and expiry jobs run once."""

from __future__ import annotations

import click

from oms.application.carts.views import CartState, CartView
from oms.application.processes.cart_queries import cart_page, recovery_rate, show_cart
from oms.application.processes.cart_recovery import CartJobRun, run_cart_expiry, run_cart_recovery
from oms.entrypoints.cli.support import (
    CliContext,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)
from oms.entrypoints.wording import plural
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_LIMIT


@click.group("cart")
def cart() -> None:
    """Carts: opened by the shop front, checked out into sales orders, followed up when abandoned."""


@cart.command("show", help="Show a cart priced now: its lines and totals (what a checkout compares), its holds, "
              "abandonment and recovery messages.")
@click.argument("cart_id", metavar="CART_ID")
@json_option
@pass_cli
def show(cli: CliContext, /, cart_id: str, as_json: bool) -> None:
    view = cli.system.read(show_cart, cart_id, cli.system.bus.clock.now())
    if as_json:
        print_json(view)
    else:
        print_cart(view)


def print_cart(view: CartView) -> None:
    """The cart's state, its lines priced, its totals and its recovery messages."""
    who = view.customer_code or "anonymous"
    contact = f" ({view.email})" if view.email else ""
    state = "abandoned" if view.abandoned else view.status
    click.echo(f"cart {view.id} {state}: {who}{contact}, branch {view.branch_code}"
               + (f", order {view.order_number}" if view.order_number else ""))
    click.echo(f"last activity {text(view.last_activity_at)}, stock held until {text(view.held_until)}, "
               f"priced at {text(view.priced_at)} (valid until {text(view.prices_valid_until)})")
    click.echo("")
    print_table(["sku", "product", "quantity", "unit price", "net", "tax", "total"],
                [[line.sku, line.product_name, text(line.quantity), text(line.unit_price), text(line.net),
                  text(line.tax), text(line.total)] for line in view.lines])
    click.echo(f"net {text(view.net_total)}, tax {text(view.tax_total)}, total {text(view.total)} "
               f"{view.total.currency.code}")
    if view.reminders:
        click.echo("")
        print_table(["recovery stage", "claimed", "sent"],
                    [[r.stage, text(r.claimed_at), text(r.sent_at)] for r in view.reminders])


@cart.command("list", help="List carts by id, a page at a time: active, abandoned, converted or expired.")
@click.option("--state", type=click.Choice([s.value for s in CartState]), default="active", show_default=True)
@click.option("--branch", help="Branch code.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT, show_default=True)
@click.option("--cursor", help="Where the previous page ended (printed under it).")
@json_option
@pass_cli
def list_carts(cli: CliContext, /, state: str, branch: str | None, limit: int, cursor: str | None,
               as_json: bool) -> None:
    found = cli.system.read(cart_page, cli.system.bus.clock.now(), state=CartState(state), branch_code=branch,
                            limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["cart", "status", "customer", "contact", "value", "idle min", "abandoned", "stages"],
                [[c.id, c.status, c.customer_code or "-", c.contact or "-", text(c.value), c.idle_minutes,
                  "yes" if c.abandoned else "no", c.stages_claimed] for c in found.items])
    print_next_page(found.next_cursor)


@cart.command("recovery-rate", help="The recovery rate by month: carts messaged, recovered, recovered / messaged.")
@click.option("--from-month", help="YYYY-MM (default: eleven months before --to-month).")
@click.option("--to-month", help="YYYY-MM (default: this month).")
@json_option
@pass_cli
def show_recovery_rate(cli: CliContext, /, from_month: str | None, to_month: str | None, as_json: bool) -> None:
    found = cli.system.read(recovery_rate, cli.system.bus.clock.now().date(), from_month, to_month)
    if as_json:
        print_json(found)
        return
    print_table(["month", "messaged", "recovered", "rate"],
                [[p.month, p.messaged, p.recovered, "-" if p.rate is None else p.rate] for p in found.periods])


@click.group("carts")
def carts() -> None:
    """The carts' jobs (recovery messages every 5 minutes, expiry hourly), run by hand."""


def _said(run: CartJobRun, done: str) -> None:
    click.echo(f"{plural(run.seen, 'cart')} looked at, {run.done} {done}")
    for failure in run.failed:
        click.echo(f"failed: {failure}", err=True)


@carts.command("recover", help="Claim the due recovery stage of every abandoned cart (the messages go after commit).")
@pass_cli
def recover(cli: CliContext, /) -> None:
    _said(run_cart_recovery(cli.system, cli.system.bus.clock.now(), actor=cli.actor), "stage(s) claimed")


@carts.command("expire", help="Expire the carts idle past their branch's expiry.")
@pass_cli
def expire(cli: CliContext, /) -> None:
    _said(run_cart_expiry(cli.system, cli.system.bus.clock.now(), actor=cli.actor), "expired")
