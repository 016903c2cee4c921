"""What to buy: the reorder rules judged against stock, incoming purchases and sales demand, and the day's proposal
prepared once (the daily job).

Demand is what confirmed (or partially issued, or held after confirming) sales orders still need of a stocked line
and could not reserve: its backordered quantity. It counts against the first warehouse by priority of the order's
branch, where `reserve_backorders` takes stock from first. Incoming is what open purchase-order lines into the
warehouse still expect (ordered - received, see `incoming_supply`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from attrs import frozen

from oms.application.masterdata.lines import LineInput
from oms.application.procurement.purchase_orders import CreatePurchaseOrder, create_purchase_order
from oms.application.procurement.rfqs import CreateRfq, RfqLineInput, create_rfq
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.views import Quantity, quantity
from oms.domain.masterdata.exchange_rates import RateSource, rate_on
from oms.domain.masterdata.supplier_prices import STOCK_UNIT_PRICE
from oms.domain.procurement.planning import Position, Proposal, ProposalLine, ProposalRun, propose
from oms.domain.sales.sales_order import ISSUABLE, SalesOrder, SalesOrderStatus
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.ids import new_id
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork

Place = tuple[str, str]  # (product id, warehouse id)


def _open(order: SalesOrder) -> bool:
    return order.status in ISSUABLE or (order.status is SalesOrderStatus.ON_HOLD and order.held_from in ISSUABLE)


def sales_demand(uow: UnitOfWork) -> dict[Place, Decimal]:
    """Backordered quantities of open sales orders, by product and the first warehouse of the order's branch."""
    demand: dict[Place, Decimal] = defaultdict(Decimal)
    first: dict[str, str | None] = {}
    for order in uow.sales.orders.awaiting_issue():
        if not _open(order):
            continue
        if order.branch_id not in first:
            warehouses = [w for w in uow.masterdata.warehouses.for_branch(order.branch_id) if w.active]
            first[order.branch_id] = warehouses[0].id if warehouses else None
        warehouse_id = first[order.branch_id]
        if warehouse_id is None:
            continue
        for line in order.lines:
            short = order.backordered(line)
            if short > 0:
                demand[(line.product_id, warehouse_id)] += short
    return demand


def incoming_supply(uow: UnitOfWork) -> dict[Place, Decimal]:
    """What purchase-order lines still expect, by product and the order's warehouse: ordered - received on ordered
    and partially received orders, the whole line on drafts and orders sent or awaiting approval (so a proposal
    turned into draft orders is not proposed again), nothing on closed, received or cancelled ones."""
    incoming: dict[Place, Decimal] = defaultdict(Decimal)
    for order in uow.procurement.orders.still_open():
        for line in order.lines:
            still = order.open_quantity(line)
            if still > 0 and line.kind.tracks_stock:
                incoming[(line.product_id, order.warehouse_id)] += still
    return incoming


def _rates(uow: UnitOfWork) -> RateSource:
    def rate(from_currency: str, to_currency: str, day: date) -> Decimal:
        return rate_on(from_currency, to_currency, day,
                       uow.masterdata.exchange_rates.on_or_before(from_currency, to_currency, day))
    return rate


def proposals(uow: UnitOfWork, day: date) -> list[Proposal]:
    """Every active rule whose projected stock is below its minimum, with its quantity and preferred supplier."""
    rules = [rule for rule in uow.planning.rules.list() if rule.active]
    if not rules:
        return []
    levels = uow.stock.levels(sorted({r.product_id for r in rules}), sorted({r.warehouse_id for r in rules}))
    available = {(level.product_id, level.warehouse_id): level.available for level in levels}
    incoming, demand = incoming_supply(uow), sales_demand(uow)
    rates, found = _rates(uow), []
    suppliers = {s.id: s for s in uow.masterdata.suppliers.list()}
    lead_times = {s.id: s.lead_time_days for s in suppliers.values()}
    for rule in rules:
        place = (rule.product_id, rule.warehouse_id)
        position = Position(available=available.get(place, Decimal(0)), incoming=incoming.get(place, Decimal(0)),
                            demand=demand.get(place, Decimal(0)))
        warehouse = uow.masterdata.warehouses.get(rule.warehouse_id)
        currency = uow.masterdata.branches.get(warehouse.branch_id).currency
        prices = [p for p in uow.masterdata.supplier_prices.for_product(rule.product_id)
                  if p.supplier_id in suppliers and suppliers[p.supplier_id].active]
        proposal = propose(rule, position, prices, day=day, currency=currency, rates=rates, lead_times=lead_times)
        if proposal is not None:
            found.append(proposal)
    return found


def _line(uow: UnitOfWork, proposal: Proposal) -> ProposalLine:
    rule, position, offer = proposal.rule, proposal.position, proposal.offer
    product = uow.masterdata.products.get(rule.product_id)
    warehouse = uow.masterdata.warehouses.get(rule.warehouse_id)
    supplier = None if offer is None else uow.masterdata.suppliers.get(offer.supplier_id)
    return ProposalLine(id=new_id(), product_id=product.id, sku=product.sku, warehouse_id=warehouse.id,
                        warehouse_code=warehouse.code, available=position.available, incoming=position.incoming,
                        demand=position.demand, minimum=rule.minimum, maximum=rule.maximum,
                        quantity=proposal.quantity, supplier_id=None if supplier is None else supplier.id,
                        supplier_code=None if supplier is None else supplier.code,
                        unit_price=None if offer is None else offer.stock_unit_price,
                        currency=None if offer is None else offer.currency)


def proposal_lines(uow: UnitOfWork, day: date) -> list[ProposalLine]:
    """What to buy on `day`, by SKU then warehouse code."""
    lines = [_line(uow, proposal) for proposal in proposals(uow, day)]
    return sorted(lines, key=lambda line: (line.sku, line.warehouse_code))


# -- views -----------------------------------------------------------------------------------------------------

@frozen(kw_only=True)
class ProposalLineView:
    """A product to buy for a warehouse: the position it was judged on (projected = available + incoming -
    demand), the rule's levels, the quantity to buy and the preferred supplier (null: no supplier sells it) with
    its price per stock unit."""

    sku: str
    warehouse_code: str
    available: Quantity
    incoming: Quantity
    demand: Quantity
    projected: Quantity
    minimum: Quantity
    maximum: Quantity
    quantity: Quantity
    supplier_code: str | None
    unit_price: Decimal | None
    currency: str | None
    purchase_order: str | None  # the draft purchase order made of a prepared line
    rfq: str | None  # or the request for quotation


@frozen(kw_only=True)
class PurchaseProposalView:
    """What to buy on `day`: computed now, or as prepared on that day (`prepared_at` set)."""

    day: date
    prepared_at: datetime | None
    lines: list[ProposalLineView]


def _line_view(uow: UnitOfWork, line: ProposalLine, units: Mapping[str, str]) -> ProposalLineView:
    uom = units.get(line.product_id) or uow.masterdata.products.get(line.product_id).uom
    projected = line.available + line.incoming - line.demand
    return ProposalLineView(
        sku=line.sku, warehouse_code=line.warehouse_code, available=quantity(line.available, uom),
        incoming=quantity(line.incoming, uom), demand=quantity(line.demand, uom), projected=quantity(projected, uom),
        minimum=quantity(line.minimum, uom), maximum=quantity(line.maximum, uom),
        quantity=quantity(line.quantity, uom), supplier_code=line.supplier_code,
        unit_price=line.unit_price, currency=line.currency, purchase_order=line.purchase_order, rfq=line.rfq)


def _view(uow: UnitOfWork, day: date, lines: list[ProposalLine], prepared_at: datetime | None) -> PurchaseProposalView:
    units = {p.id: p.uom for p in uow.masterdata.products.list()} if lines else {}
    return PurchaseProposalView(day=day, prepared_at=prepared_at,
                                lines=[_line_view(uow, line, units) for line in lines])


def what_to_buy(uow: UnitOfWork, day: date) -> PurchaseProposalView:
    """What to buy, computed now with the rates and prices of `day`."""
    return _view(uow, day, proposal_lines(uow, day), None)


def run_view(uow: UnitOfWork, run: ProposalRun) -> PurchaseProposalView:
    return _view(uow, run.day, run.lines, run.prepared_at)


def prepared_proposal(uow: UnitOfWork, day: date | None = None) -> PurchaseProposalView:
    """The proposal prepared on `day` (the latest prepared one without it); NotFound when none is."""
    run = uow.planning.runs.latest() if day is None else uow.planning.runs.on(day)
    if run is None:
        raise NotFound("purchase_proposal", "latest" if day is None else day.isoformat())
    return run_view(uow, run)


# -- the daily job ---------------------------------------------------------------------------------------------

@frozen(kw_only=True)
class PreparePurchaseProposal(Command[date]):
    """Prepare the day's purchase proposal (today, by the clock, without `day`) unless it is prepared already:
    once a day, whatever runs it twice. Returns the day."""

    day: date | None = None


def prepare_purchase_proposal(cmd: PreparePurchaseProposal, uow: UnitOfWork, clock: Clock) -> date:
    now = clock.now()
    day = cmd.day or now.date()
    if uow.planning.runs.on(day) is None:  # a racing second run fails its insert, retries and stops here
        uow.planning.runs.add(ProposalRun.prepare(day, proposal_lines(uow, day), at=now, actor=cmd.actor))
    return day


def prepared(uow: UnitOfWork, _command: PreparePurchaseProposal, result: date) -> PurchaseProposalView:
    return prepared_proposal(uow, result)


# -- turning a selection into draft purchase orders ------------------------------------------------------------

@frozen(kw_only=True)
class ProposalPick:
    """A line of the proposal: its product in its warehouse."""

    sku: str
    warehouse_code: str


@frozen(kw_only=True)
class CreateProposedPurchaseOrders(Command[list[str]]):
    """Turn the picked lines of the proposal prepared on `day` (the latest without it) into draft purchase orders:
    one per preferred supplier and warehouse, holding its lines at the proposed quantities and the supplier's
    price (converted into the supplier's currency at the day's rate where its price is in another). A line is
    ordered once; one without a supplier is refused. Returns the new orders' numbers."""

    day: date | None = None
    picks: tuple[ProposalPick, ...]


def _price(line: ProposalLine, currency: str, day: date, rates: RateSource) -> Decimal:
    """The line's price per stock unit in `currency` (the supplier's), at the day's rate."""
    if line.unit_price is None or line.currency is None:
        raise refuse("ProposalLineMustHaveSupplier", f"no supplier sells {line.sku}: order it by hand")
    rate = rates(line.currency, currency, day)
    return (line.unit_price * rate).quantize(STOCK_UNIT_PRICE, rounding=ROUND_HALF_UP)


def create_proposed_purchase_orders(cmd: CreateProposedPurchaseOrders, uow: UnitOfWork, clock: Clock) -> list[str]:
    run, picked = _picked(uow, cmd.day, cmd.picks)
    groups: dict[tuple[str, str], list[ProposalLine]] = {}
    for line in picked:
        if line.supplier_id is None or line.purchase_order is not None or line.rfq is not None:
            line.order("")  # refuses with the rule that names why
        groups.setdefault((line.supplier_id or "", line.warehouse_id), []).append(line)
    rates, numbers = _rates(uow), []
    for (supplier_id, warehouse_id), lines in groups.items():
        supplier = uow.masterdata.suppliers.get(supplier_id)
        warehouse = uow.masterdata.warehouses.get(warehouse_id)
        branch = uow.masterdata.branches.get(warehouse.branch_id)

        order_id = create_purchase_order(CreatePurchaseOrder(
            actor=cmd.actor, supplier_code=supplier.code, branch_code=branch.code, warehouse_code=warehouse.code,
            supplier_reference=f"proposal of {run.day.isoformat()}",
            lines=tuple(LineInput(sku=line.sku, quantity=line.quantity,
                                  unit_price=_price(line, supplier.currency, run.day, rates)) for line in lines)),
            uow, clock)
        number = uow.procurement.orders.get(order_id).number
        for line in lines:
            line.order(number)
        numbers.append(number)
    return numbers


@frozen(kw_only=True)
class CreateProposedRfqs(Command[list[str]]):
    """Turn the picked lines of the proposal prepared on `day` (the latest without it) into draft requests for
    quotation: one per branch of their warehouses, for the proposed quantities, to `suppliers` (codes), or without
    them to every active supplier with a price of one of the products. A line is ordered or requested once. Returns
    the new requests' numbers."""

    day: date | None = None
    picks: tuple[ProposalPick, ...]
    suppliers: tuple[str, ...] = ()


def _picked(uow: UnitOfWork, day: date | None, picks: tuple[ProposalPick, ...]) -> tuple[ProposalRun,
                                                                                        list[ProposalLine]]:
    run = uow.planning.runs.latest() if day is None else uow.planning.runs.on(day)
    if run is None:
        raise NotFound("purchase_proposal", "latest" if day is None else day.isoformat(), "day")
    if not picks:
        raise InvalidValue("picks", "pick at least one line")
    lines: list[ProposalLine] = []
    for index, pick in enumerate(picks):
        line = run.line(pick.sku, pick.warehouse_code)
        if line is None:
            raise NotFound("proposal_line", f"{pick.sku} in {pick.warehouse_code}", f"picks.{index}")
        if line not in lines:
            lines.append(line)
    return run, lines


def create_proposed_rfqs(cmd: CreateProposedRfqs, uow: UnitOfWork, clock: Clock) -> list[str]:
    run, lines = _picked(uow, cmd.day, cmd.picks)
    by_branch: dict[str, list[ProposalLine]] = {}
    for line in lines:
        line.request("")  # refuses a line ordered or requested already, before anything is made
        line.rfq = None
        by_branch.setdefault(uow.masterdata.warehouses.get(line.warehouse_id).branch_id, []).append(line)
    suppliers = cmd.suppliers
    if not suppliers:
        active = {s.id: s.code for s in uow.masterdata.suppliers.list() if s.active}
        suppliers = tuple(sorted({active[p.supplier_id] for line in lines
                                  for p in uow.masterdata.supplier_prices.for_product(line.product_id)
                                  if p.supplier_id in active and p.valid_on(run.day)}))
    numbers = []
    for branch_id, held in by_branch.items():
        rfq_id = create_rfq(CreateRfq(actor=cmd.actor, branch_code=uow.masterdata.branches.get(branch_id).code,
                                      lines=tuple(RfqLineInput(sku=line.sku, quantity=line.quantity) for line in held),
                                      suppliers=suppliers, notes=f"proposal of {run.day.isoformat()}"), uow, clock)
        number = uow.procurement.rfqs.get(rfq_id).number
        for line in held:
            line.request(number)
        numbers.append(number)
    return numbers


def requested(uow: UnitOfWork, command: CreateProposedRfqs, _result: list[str]) -> PurchaseProposalView:
    return prepared_proposal(uow, command.day)


def ordered(uow: UnitOfWork, command: CreateProposedPurchaseOrders, _result: list[str]) -> PurchaseProposalView:
    return prepared_proposal(uow, command.day)


HANDLERS: Handlers = {PreparePurchaseProposal: prepare_purchase_proposal,
                      CreateProposedPurchaseOrders: create_proposed_purchase_orders,
                      CreateProposedRfqs: create_proposed_rfqs}
