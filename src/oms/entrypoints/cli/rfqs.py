"""`oms rfq ...`: requests for quotation. `create`, `answer` and `award`, whose lines have a syntax of their own, are
written by hand, as are the reads (`list`, `compare`: the comparison as a table); send, decline, close and cancel
come from the action table (see `actions`)."""

from __future__ import annotations

from datetime import date, datetime

import click

from oms.application.procurement import rfqs as r
from oms.application.procurement.listings import rfq_page
from oms.application.procurement.rfq_actions import RFQ
from oms.application.procurement.rfq_queries import rfq_comparison
from oms.application.procurement.rfq_views import ComparisonView
from oms.application.shared.actions import Action
from oms.domain.procurement.rfqs import RfqStatus
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.paging import paging_options
from oms.entrypoints.cli.support import (
    ISO_DATE,
    CliContext,
    fail,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)


@click.group("rfq")
def rfq() -> None:
    """Requests for quotation: sent to several suppliers, their offers compared and awarded as purchase orders."""


@rfq.command("list", help="List requests for quotation, newest first, a page at a time.")
@click.option("--status", "status", multiple=True, type=click.Choice([s.value for s in RfqStatus]),
              help="Repeat for any of several.")
@click.option("--branch", help="Branch code.")
@click.option("--search", help="A part of the number, in any case.")
@paging_options("newest")
@json_option
@pass_cli
def list_rfqs(cli: CliContext, /, status: tuple[str, ...], branch: str | None, search: str | None,
              created_from: datetime | None, created_until: datetime | None, limit: int, order: str,
              cursor: str | None, as_json: bool) -> None:
    found = cli.system.read(rfq_page, cli.runtime.listings, statuses=status, branch_code=branch,
                            created_from=created_from, created_until=created_until, search=search,
                            newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "status", "branch", "lines", "answered", "created"],
                [[i.number, i.status, i.branch_code, i.lines, f"{i.answered}/{i.suppliers}",
                  i.created_at.date().isoformat()] for i in found.items])
    print_next_page(found.next_cursor)


def print_comparison(view: ComparisonView) -> None:
    """The comparison as one table: a row per offer, under its line; `*` marks the cheapest and the fastest."""
    rates = ", ".join(f"1 {rate.currency} = {text(rate.rate)} {view.currency}" for rate in view.rates
                      if rate.currency != view.currency)  # the branch's own currency needs no rate
    click.echo(f"{view.rfq} on {view.day.isoformat()} in {view.currency}" + (f" ({rates})" if rates else ""))
    rows = []
    for line in view.lines:
        if not line.offers:
            rows.append([line.position, line.sku, text(line.quantity), "-", "", "", "", "", "", "no offer"])
        for offer in line.offers:
            flags = [flag for flag, on in (("cheapest", offer.cheapest), ("fastest", offer.fastest),
                                           ("partial", offer.partial), ("expired", offer.expired)) if on]
            unit = f"/{offer.purchase_unit}" if offer.purchase_unit else ""
            rows.append([line.position, line.sku, text(line.quantity), offer.supplier_code,
                         f"{text(offer.price)}{unit}", text(offer.converted_unit_price) + (" *" if offer.cheapest
                                                                                       else ""),
                         text(offer.quantity), f"{offer.lead_time_days}d" + (" *" if offer.fastest else ""),
                         offer.valid_until.isoformat(), " ".join(flags)])
        if line.missing:
            rows.append([line.position, line.sku, text(line.quantity), ", ".join(line.missing), "", "", "", "", "",
                         "missing"])
    print_table(["#", "sku", "wanted", "supplier", "price", f"per unit {view.currency}", "offered", "lead",
                 "valid until", "flags"], rows)


@rfq.command("compare", help="Compare the offers of every line in the branch's currency per stock unit: the cheapest "
             "and the fastest marked (*), partial offers flagged, expired ones left out unless asked for.")
@click.argument("ref", metavar="RFQ")
@click.option("--day", type=ISO_DATE, help="The day whose exchange rates and validity count. Default: today.")
@click.option("--include-expired", is_flag=True, help="Show expired offers too (never marked).")
@json_option
@pass_cli
def compare(cli: CliContext, /, ref: str, day: date | None, include_expired: bool, as_json: bool) -> None:
    view = cli.system.read(rfq_comparison, ref, day=day or cli.system.bus.clock.now().date(),
                           include_expired=include_expired)
    if as_json:
        print_json(view)
    else:
        print_comparison(view)


def _parts(given: str, least: int, most: int, form: str) -> list[str]:
    parts = given.split(":")
    if not least <= len(parts) <= most or not all(parts[:least]):
        fail(f"invalid {given!r}: write {form}")
    return parts + [""] * (most - len(parts))


@hand_written(RFQ, "create")
def create_command(action: Action) -> click.Command:
    @click.command("create", help=f"{action.summary}. BRANCH is the branch's code.", short_help=action.summary)
    @click.argument("branch")
    @click.option("--line", "lines", multiple=True, metavar="SKU:QTY[:WANTED_DATE]", help="A line; repeat for more.")
    @click.option("--supplier", "suppliers", multiple=True, help="A supplier's code; repeat for more.")
    @click.option("--notes", default="")
    @json_option
    @pass_cli
    def create(cli: CliContext, /, branch: str, lines: tuple[str, ...], suppliers: tuple[str, ...], notes: str,
               as_json: bool) -> None:
        inputs = []
        for given in lines:
            sku, quantity, wanted = _parts(given, 2, 3, "SKU:QUANTITY[:YYYY-MM-DD]")
            inputs.append(r.RfqLineInput(sku=sku, quantity=quantity,
                                         wanted_date=ISO_DATE.convert(wanted, None, None) if wanted else None))
        say(action, perform(cli, action, r.CreateRfq(branch_code=branch, lines=tuple(inputs), suppliers=suppliers,
                                                     notes=notes))[1], as_json)

    return create


@hand_written(RFQ, "answer")
def answer_command(action: Action) -> click.Command:
    @click.command("answer", help=f"{action.summary}. Each --offer is LINE:PRICE:QTY[:LEAD_DAYS[:FACTOR[:MIN_QTY]]]: "
                   "the RFQ line's number, the price per unit of purchase, the quantity offered in it, the lead time "
                   "(default: the supplier's), the stock units in one unit of purchase (default 1) and the minimum.",
                   short_help=action.summary)
    @click.argument("ref", metavar="RFQ")
    @click.argument("supplier")
    @click.option("--offer", "offers", multiple=True, required=True, metavar="LINE:PRICE:QTY[:LEAD[:FACTOR[:MIN]]]")
    @click.option("--valid-until", type=ISO_DATE, required=True, help="The last day the offers hold.")
    @click.option("--unit", "purchase_unit", default="", help="The unit of purchase's name (pack of 10).")
    @click.option("--reference", default="", help="The supplier's own number for the quotation.")
    @json_option
    @pass_cli
    def answer(cli: CliContext, /, ref: str, supplier: str, offers: tuple[str, ...], valid_until: date,
               purchase_unit: str, reference: str, as_json: bool) -> None:
        inputs = []
        for given in offers:
            line, price, quantity, lead, factor, minimum = _parts(given, 3, 6, "LINE:PRICE:QTY[:LEAD[:FACTOR[:MIN]]]")
            if lead and not lead.isdigit():
                fail(f"invalid lead time {lead!r} in {given!r}: whole days")
            inputs.append(r.OfferInput(line=line, price=price, quantity=quantity,
                                       lead_time_days=int(lead) if lead else None, unit_factor=factor or "1",
                                       min_quantity=minimum or "0", purchase_unit=purchase_unit))
        say(action, perform(cli, action, r.RecordSupplierQuotation(
            rfq_id=ref, supplier_code=supplier, valid_until=valid_until, lines=tuple(inputs),
            reference=reference))[1], as_json)

    return answer


@hand_written(RFQ, "award")
def award_command(action: Action) -> click.Command:
    @click.command("award", help=f"{action.summary}. Each --line is LINE:SUPPLIER:QTY (quantity in stock units); "
                   "each --quotation a supplier whose every offer is awarded up to what is left.",
                   short_help=action.summary)
    @click.argument("ref", metavar="RFQ")
    @click.option("--line", "lines", multiple=True, metavar="LINE:SUPPLIER:QTY")
    @click.option("--quotation", "quotations", multiple=True, metavar="SUPPLIER")
    @click.option("--key", help="The award's key: the same key again gives the same award.")
    @json_option
    @pass_cli
    def award(cli: CliContext, /, ref: str, lines: tuple[str, ...], quotations: tuple[str, ...], key: str | None,
              as_json: bool) -> None:
        inputs = []
        for given in lines:
            line, supplier, quantity = _parts(given, 3, 3, "LINE:SUPPLIER:QUANTITY")
            inputs.append(r.AwardInput(line=line, supplier_code=supplier, quantity=quantity))
        if not inputs and not quotations:
            fail("name what to award: --line LINE:SUPPLIER:QTY or --quotation SUPPLIER")
        answer = perform(cli, action, r.AwardRfq(rfq_id=ref, lines=tuple(inputs), quotations=quotations,
                                                 key=key))[1]
        if as_json:
            say(action, answer, as_json)
            return
        click.echo(f"award {answer.id}: purchase orders {', '.join(answer.purchase_orders) or 'none'}")

    return award
