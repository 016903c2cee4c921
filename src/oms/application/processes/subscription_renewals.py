"""Billing subscriptions: a process across subscriptions, sales and invoicing (none of them knows the others).

- `RenewSubscription` renews one subscription's due periods, in order, each made into ONE sales order and ONE posted
  invoice billing it, of exactly that period (at the plan's current prices), in the same transaction as the domain's
  `renew`, which moves the subscription's pointer by one period. Exactly once: a period is only renewed from the
  pointer, the subscription's row is held by the transaction and its version guards the pointer (a concurrent
  renewal waits, or conflicts at commit and, retried, finds nothing due), and the record of the renewal is unique by
  (subscription, period start);
- the changes that prorate (quantity, plan, pause, resume, cancellation) credit the days billed that will not be
  served as billed by a posted credit note of the period's renewal invoice, and charge the days that will be by a
  posted invoice, in the change's transaction;
- an invoice billed for a subscription with a payment method is charged after the commit: its charge (attempt 0)
  is claimed in the billing transaction (subscription_charges.py); every billing record keeps the whole-period price
  of the lines it leaves in effect (`recurring`, what MRR is computed from);
- `renew_due_subscriptions` is the scheduler's job (and `oms renewals run`'s): the periods due by a day (today, or
  a day before it) of every subscription, `BATCH` subscriptions renewed in a transaction (`RenewSubscriptions`), a
  failure of one logged and reported without stopping the others (its batch is renewed again one by one).
  Whatever the day, a renewal is made and its invoice dated when it runs (its lines state their period), so invoice
  numbers stay in date order and the lock date holds.

The documents are made as the other billing processes make them (billing.py, service_billing.py): lines priced by
the product's tax category at the rate of the invoicing branch's jurisdiction, the customer's exemption, prices
without tax; posted at once, numbered from their series in the posting transaction, the invoice due by the
customer's payment terms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from attrs import field, frozen

from oms.application.accounting.books import lock_date
from oms.application.invoicing.receivables import due_date_of
from oms.application.masterdata.lines import LineInput, line_drafts
from oms.application.processes.billing import order_line_billable
from oms.application.processes.subscription_charges import System, charge_when_billed
from oms.application.sales.sales_orders import load_inventory
from oms.application.shared.collection import batch_pace
from oms.application.shared.commands import Command, CommandHandler, Handlers
from oms.application.shared.documents import next_number
from oms.application.subscriptions import subscriptions as changes
from oms.application.subscriptions.subscriptions import ProrationBilled, subscription_by_ref
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind
from oms.domain.masterdata.parties import Branch, Customer
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount, DiscountKind
from oms.domain.shared.errors import DomainError, InvalidValue, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxRounding, rate_for
from oms.domain.subscriptions.periods import Period
from oms.domain.subscriptions.plans import period_amount
from oms.domain.subscriptions.proration import BillLine
from oms.domain.subscriptions.records import Proration
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.subscriptions.repositories import RENEWAL, BillingRecord, SubscriptionsUnitOfWork
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)
C = TypeVar("C", bound=Command[ProrationBilled])


@frozen(kw_only=True)
class RenewSubscription(Command[tuple[str, ...]]):
    """Renew every period of the subscription due by `day` (default: today), in order, each made into one sales
    order and one posted invoice billing it, dated today (nothing billed for a period wholly paused); then let the
    calendar end or pause it. A day after today is refused: a period is billed once it has started, never ahead.
    Returns the invoices' ids."""

    subscription_id: DocumentRef
    day: date | None = None
    unless_taken: bool = False  # the renewal job's: when another transaction holds it now, renew nothing at once


@frozen(kw_only=True)
class RenewSubscriptions(Command[dict[str, tuple[str, ...]]]):
    """The renewal job's batch: renew every period due by `day` of each subscription named, as `RenewSubscription`
    does, all in one transaction; a subscription another transaction holds now is left out (the job's second pass
    renews what is still due). Returns the invoices' ids by the subscription's reference, for those it renewed."""

    subscription_ids: tuple[DocumentRef, ...]
    day: date
    actor: str = "scheduler"


def _parties(uow: UnitOfWork, subscription: Subscription) -> tuple[Branch, Customer]:
    if subscription.branch_id is None:
        raise refuse("SubscriptionNeedsABranch", f"{subscription.number} has no branch to invoice it")
    return (uow.masterdata.branches.get(subscription.branch_id),
            uow.masterdata.customers.get(subscription.customer_id))


def _new_document(subscription: Subscription, branch: Branch, customer: Customer, at: datetime,
                  credits: str | None = None) -> Invoice:
    return Invoice(id=new_id(), kind=InvoiceKind.INVOICE if credits is None else InvoiceKind.CREDIT_NOTE,
                   customer_id=customer.id, branch_id=branch.id, currency=subscription.currency,
                   prices_include_tax=False, tax_rounding=TaxRounding.PER_LINE, created_at=at,
                   credited_invoice_id=credits)


def _post(uow: UnitOfWork, document: Invoice, at: datetime, actor: str) -> Invoice:
    """Post the document at once, numbered from its series in this transaction, due by the customer's terms."""
    day = at.date()
    series = DocumentType.INVOICE if document.kind is InvoiceKind.INVOICE else DocumentType.CREDIT_NOTE
    document.post(number=next_number(uow, series, period=str(day.year)), invoice_date=day, at=at, actor=actor,
                  lock_date=lock_date(uow))
    document.due_date = due_date_of(uow, document)
    uow.invoicing.invoices.add(document)
    return document


def _description(product_name: str, subscription: Subscription, line: BillLine) -> str:
    return f"{product_name}, {subscription.number}, {line.start} to {line.end - timedelta(days=1)}"


def _document(uow: UnitOfWork, subscription: Subscription, lines: Sequence[BillLine],
              at: datetime, actor: str, credits: str | None = None) -> Invoice:
    """A posted invoice of a proration's `lines` (a credit note of the invoice `credits`, if given)."""
    branch, customer = _parties(uow, subscription)
    rates = list(uow.masterdata.tax_rates.for_jurisdiction(branch.tax_jurisdiction))
    terms = PricingTerms(currency=Currency.of(subscription.currency), tax_exempt=customer.tax_exempt)
    document = _new_document(subscription, branch, customer, at, credits)
    for line in lines:
        product = uow.masterdata.products.get(line.product_id)
        rate = rate_for(rates, branch.tax_jurisdiction, line.tax_category)
        [totals] = price_document([PricingLine(quantity=Decimal(1), unit_price=line.amount, tax_rate=rate,
                                               tax_category=line.tax_category)], terms).lines
        source = Billable(document_id=subscription.id, line_id=new_id(), sku=line.sku,
                          description=_description(product.name, subscription, line), uom=product.uom,
                          unit_price=line.unit_price, tax_category=line.tax_category, tax_rate=rate,
                          whole=line.quantity, totals=totals)
        document.bill(source, line_id=new_id(), quantity=line.quantity, billed_before=Decimal(0))
    return _post(uow, document, at, actor)


def _prorated(line: BillLine, currency: Currency) -> Discount | None:
    """What a line billed for part of its period takes off its whole price: an amount discount, so that the order
    shows the price of the period and bills exactly the days it covers."""
    whole = currency.round(line.quantity * line.unit_price)
    return None if line.amount == whole else Discount(DiscountKind.AMOUNT, whole - line.amount)


def _renewal_documents(uow: UnitOfWork, subscription: Subscription, lines: Sequence[BillLine], at: datetime,
                       actor: str) -> tuple[SalesOrder, Invoice]:
    """A renewal's sales order (its reference: the subscription's number) and the invoice billing it whole, made
    together (S15), the invoice to be posted (`_bill`): the order is confirmed (stocked lines reserve what there is
    and backorder the rest, for the warehouse to ship) and, with nothing to ship, completed at once."""
    branch, customer = _parties(uow, subscription)
    names = {line.product_id: uow.masterdata.products.get(line.product_id).name for line in lines}
    order = SalesOrder(id=new_id(), number=next_number(uow, DocumentType.SALES_ORDER), customer_id=customer.id,
                       branch_id=branch.id, currency=subscription.currency, created_at=at,
                       tax_exempt=customer.tax_exempt, prices_include_tax=False, tax_rounding=TaxRounding.PER_LINE,
                       allow_backorder=True, customer_reference=subscription.number)
    order.add_lines(line_drafts(uow, branch, [
        LineInput(sku=line.sku, quantity=line.quantity, unit_price=line.unit_price,
                  discount=_prorated(line, subscription.money),
                  description=_description(names[line.product_id], subscription, line)) for line in lines]))
    order.confirm(load_inventory(uow, order, at=at), at, actor)
    document = _new_document(subscription, branch, customer, at)
    for line in order.lines:
        document.bill(order_line_billable(order, line), line_id=new_id(), quantity=line.quantity,
                      billed_before=Decimal(0))
    if not any(line.kind.ships for line in order.lines):
        order.complete(load_inventory(uow, order), at, actor)
    uow.sales.orders.add(order)
    return order, document


@frozen(kw_only=True)
class _Renewed:
    """A period renewed, its order made and its invoice (None: nothing billed) not posted yet; `recurring`: the
    whole-period price of the lines in effect after it."""

    subscription: Subscription
    period: Period
    charged: Decimal
    recurring: Decimal
    order: SalesOrder | None
    invoice: Invoice | None


def _renew_due(uow: UnitOfWork, subscription: Subscription, day: date, at: datetime, actor: str) -> list[_Renewed]:
    """Renew the subscription's periods due by `day`, in order, each with its order and invoice made (`_bill` posts
    and records them); then let the calendar end or pause it."""
    renewed: list[_Renewed] = []
    for period in subscription.due(day):
        prices = uow.subscriptions.plans.current_of(subscription.plan_to_renew)
        renewal = subscription.renew(period.start, at, actor=actor, prices=prices)
        order, invoice = _renewal_documents(uow, subscription, renewal.lines, at, actor) if renewal.billed \
            else (None, None)
        renewed.append(_Renewed(subscription=subscription, period=period, charged=renewal.total,
                                recurring=period_amount(subscription.lines, subscription.money), order=order,
                                invoice=invoice))
    subscription.on_day(at, actor)
    return renewed


def _bill(uow: UnitOfWork, renewed: Sequence[_Renewed], at: datetime, actor: str) -> list[str]:
    """Post the invoices of periods renewed, in order, record the renewals (unique by subscription and period) and
    claim their charges; the invoices' ids."""
    invoices: list[str] = []
    for made in renewed:
        subscription, order, invoice = made.subscription, made.order, made.invoice
        if invoice is not None:
            _post(uow, invoice, at, actor)
        uow.subscriptions.billing.add(BillingRecord(
            id=new_id(), subscription_id=subscription.id, change=RENEWAL, period_start=made.period.start,
            period_end=made.period.end, effective_on=made.period.start, currency=subscription.currency,
            charged=made.charged, credited=Currency.of(subscription.currency).round(Decimal(0)),
            invoice_id=None if invoice is None else invoice.id, invoice_number=None if invoice is None
            else invoice.number, credit_note_id=None, credit_note_number=None, at=at, actor=actor,
            recurring=made.recurring, order_id=None if order is None else order.id,
            order_number=None if order is None else order.number))
        if invoice is not None:
            invoices.append(invoice.id)
            charge_when_billed(uow, subscription, invoice, at)
    return invoices


def renew_subscription(cmd: RenewSubscription, uow: UnitOfWork, clock: Clock) -> tuple[str, ...]:
    now = clock.now()
    day = now.date() if cmd.day is None else cmd.day
    if day > now.date():
        raise InvalidValue("day", f"must not be after today ({now.date()}): a period is billed once it has started")
    if cmd.unless_taken:
        subscription = uow.subscriptions.subscriptions.claim(cmd.subscription_id)
        if subscription is None:
            return ()
    else:
        subscription = subscription_by_ref(uow, cmd.subscription_id)
    return tuple(_bill(uow, _renew_due(uow, subscription, day, now, cmd.actor), now, cmd.actor))


def renew_subscriptions(cmd: RenewSubscriptions, uow: UnitOfWork, clock: Clock) -> dict[str, tuple[str, ...]]:
    """The batch in two steps, so that the gapless series are held for as short a time as can be: every renewal's
    order and invoice are made first, and the orders are written with the events raised so far; then the invoices
    are posted, numbered from a block of their series reserved in one statement, as are their journal entries'
    numbers (the accounting policy posts one an invoice), and what the postings read of the books comes with the
    invoices' block. Another job's batch makes its documents meanwhile, and waits only to number them."""
    now = clock.now()
    if cmd.day > now.date():
        raise InvalidValue("day", f"must not be after today ({now.date()}): a period is billed once it has started")
    claimed = uow.subscriptions.subscriptions.claim_many([str(ref) for ref in cmd.subscription_ids])
    uow.sequences.reserve(DocumentType.SALES_ORDER, len(claimed))  # a period each, as a rule: one order each
    made = {str(ref): _renew_due(uow, subscription, cmd.day, now, cmd.actor) for ref in cmd.subscription_ids
            if (subscription := claimed.get(str(ref))) is not None}
    uow.flush()  # the orders are written ahead of the numbering, with its first statement,
    uow.flush_events()  # and so are the events raised so far (the orders', the renewals')
    posted = sum(renewed.invoice is not None for renewals in made.values() for renewed in renewals)
    year = str(now.date().year)
    if posted:
        uow.accounting.read_ahead()  # what the postings read of the books, in the invoice series' round trip
    uow.sequences.reserve(DocumentType.INVOICE, posted, period=year)
    uow.sequences.reserve(DocumentType.JOURNAL_ENTRY, posted, period=year)
    return {ref: tuple(_bill(uow, renewed, now, cmd.actor)) for ref, renewed in made.items()}


def _renewal_invoice(uow: UnitOfWork, proration: Proration) -> str:
    """The invoice that billed the renewal of the prorated period (what a credit note of it credits)."""
    found = next((record.invoice_id for record in uow.subscriptions.billing.of_subscription(proration.subscription_id)
                  if record.change == RENEWAL and record.period_start == proration.period.start
                  and record.invoice_id is not None), None)
    if found is None:
        raise refuse("NothingToCredit", f"{proration.number}: the period {proration.period} was not invoiced")
    return found


def bill_proration(uow: UnitOfWork, proration: Proration, change: str, at: datetime,
                   actor: str) -> ProrationBilled:
    """The posted credit note of a proration's credits and the posted invoice of its charges, recorded."""
    subscription = uow.subscriptions.subscriptions.get(proration.subscription_id)
    note = None if not proration.credits else _document(uow, subscription, proration.credits, at, actor,
                                                         credits=_renewal_invoice(uow, proration))
    invoice = None if not proration.charges else _document(uow, subscription, proration.charges, at, actor)
    uow.subscriptions.billing.add(BillingRecord(
        id=new_id(), subscription_id=subscription.id, change=change, period_start=proration.period.start,
        period_end=proration.period.end, effective_on=proration.effective_on, currency=proration.currency,
        charged=proration.charge_total, credited=proration.credit_total,
        invoice_id=None if invoice is None else invoice.id, invoice_number=None if invoice is None else invoice.number,
        credit_note_id=None if note is None else note.id, credit_note_number=None if note is None else note.number,
        at=at, actor=actor, recurring=period_amount(subscription.lines, subscription.money)))
    if invoice is not None:
        charge_when_billed(uow, subscription, invoice, at)
    return ProrationBilled(credit_note_id=None if note is None else note.id,
                           invoice_id=None if invoice is None else invoice.id)


def _billed(change: str, apply: Callable[[C, SubscriptionsUnitOfWork, Clock], Proration | None]
            ) -> CommandHandler[C, ProrationBilled]:
    """The handler of a change: the subscription's own use case, then its proration billed."""
    def handle(cmd: C, uow: UnitOfWork, clock: Clock) -> ProrationBilled:
        proration = apply(cmd, uow, clock)
        return ProrationBilled() if proration is None else bill_proration(uow, proration, change, clock.now(),
                                                                         cmd.actor)
    return handle


def due_subscriptions(uow: SubscriptionsUnitOfWork, today: date) -> list[str]:
    """The numbers of the subscriptions with a period to renew (or an end to reach) by `today`."""
    return list(uow.subscriptions.subscriptions.due_numbers(today))


@frozen(kw_only=True)
class RenewalRun:
    """What one run of the renewal job did: per subscription number, the invoices it made, or why it failed."""

    renewed: dict[str, tuple[str, ...]] = field(factory=dict)
    failed: dict[str, str] = field(factory=dict)


BATCH = 50
"""Subscriptions the renewal job renews in one transaction: the commit, the round trips and the gapless numbers'
locks are taken once for them all, and the set-based flush writes their documents together. Two jobs on
PostgreSQL renewed 30,000 due 12-17% faster at 50 than at 25 (fewer hand-overs of the series between them, fewer
commits), 100 did no better than 50, and 12 did worse (docs/benchmarks.md); a batch holds the invoices' series
for about 40 ms, which another posting meanwhile waits for."""


def renew_due_subscriptions(system: System, today: date, actor: str = "scheduler", batch: int = BATCH
                            ) -> RenewalRun:
    """The scheduler's job: renew every period due by `today` (today, or a day before it), `batch` subscriptions in a
    transaction (`RenewSubscriptions`); one that fails is logged and reported, and the others are renewed all the
    same: a batch that fails changed nothing and is renewed again one subscription a transaction.

    Jobs running at once share the work: a first pass leaves out the subscriptions another transaction holds at that
    moment (FOR UPDATE SKIP LOCKED on PostgreSQL), a second pass renews what is still due, one at a time, waiting for
    them. A subscription another job held in the first pass is reported with the invoices this run made of it:
    none. The garbage collector runs at the batch pace meanwhile (collection.py)."""
    with batch_pace():
        return _renew_all_due(system, today, actor, batch)


def _renew_all_due(system: System, today: date, actor: str, batch: int) -> RenewalRun:
    run = RenewalRun()
    due = system.read(due_subscriptions, today)
    for start in range(0, len(due), max(batch, 1)):
        numbers = tuple(due[start:start + max(batch, 1)])
        try:
            renewed: dict[str, tuple[str, ...]] = system.handle(
                RenewSubscriptions(subscription_ids=numbers, day=today, actor=actor))
        except Exception:  # one of them failed, and the batch with it: each on its own, to renew the others
            logger.info("a batch of %d renewals failed; renewing them one by one", len(numbers))
            for number in numbers:
                _renew_one(system, run, number, RenewSubscription(subscription_id=number, day=today,
                                                                  unless_taken=True, actor=actor))
            continue
        for number in numbers:
            run.renewed[number] = run.renewed.get(number, ()) + renewed.get(number, ())
    for number in system.read(due_subscriptions, today):
        if number not in run.failed:
            _renew_one(system, run, number, RenewSubscription(subscription_id=number, day=today, actor=actor))
    return run


def _renew_one(system: System, run: RenewalRun, number: str, command: RenewSubscription) -> None:
    try:
        invoices: tuple[str, ...] = system.handle(command)
    except Exception as error:  # one subscription's failure, whatever it is, must not stop the others
        logger.exception("renewing %s failed", number)
        run.failed[number] = str(error) if isinstance(error, DomainError) else repr(error)
        return
    run.renewed[number] = run.renewed.get(number, ()) + invoices


HANDLERS: Handlers = {
    RenewSubscription: renew_subscription,
    RenewSubscriptions: renew_subscriptions,
    changes.ChangeQuantity: _billed("quantity", changes.change_quantity),
    changes.ChangePlan: _billed("plan", changes.change_plan),
    changes.PauseSubscription: _billed("pause", changes.pause_subscription),
    changes.ResumeSubscription: _billed("resume", changes.resume_subscription),
    changes.CancelSubscription: _billed("cancellation", changes.cancel_subscription),
}
