"""Subscriptions on memory, SQLite and PostgreSQL through the Python API: plans and subscriptions come back as stored;
a year of a subscription's life (catch-up after an outage, a quantity change, an upgrade, a pause and a resume, a
cancellation) bills the same periods, invoices and credit notes on every backend; and the exactly-once guarantees
hold on SQL whatever races: clients renewing the same subscriptions at once bill each period once, and a second
renewal record of a period is refused by the store itself (peers.md 3b S3, S5).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.application.processes.subscription_renewals import BATCH
from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict
from oms.domain.shared.ids import new_id
from oms.ports.subscriptions.recurring import BilledPrice, SubscriptionTerms
from oms.ports.subscriptions.repositories import RENEWAL, BillingRecord
from oms.ports.unit_of_work import UnitOfWork

from .integration_helpers import Backend, seed_master_data, snapshot

D = Decimal
CLIENTS = 6
SUBSCRIPTIONS = 5


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def seeded(uow_factory: Callable[[], UnitOfWork], start: date = date(2026, 1, 31)
           ) -> tuple[oms.OrderManagement, oms.FixedClock]:
    """The shared master data, SEAT (a service) and the plans BASIC (30.00 a month, then 31.00 from version 2) and
    PRO (60.00 a month)."""
    clock = oms.FixedClock(at(start))
    system = oms.bootstrap(uow_factory=uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    for code, price in (("BASIC", "30.00"), ("PRO", "60.00"), ("BASIC", "31.00")):
        system.handle(oms.CreatePlan(code=code, name=code.title(), currency="EUR", trial_days=0,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price=price),)))
    return system, clock


def a_year(system: oms.OrderManagement, clock: oms.FixedClock) -> tuple[str, list[object]]:
    """A subscription from Jan 31 through a year of renewals and changes; what each step answered."""
    answers: list[object] = []

    def on(day: date) -> None:
        clock.current = at(day)
        answers.append(oms.renew_due_subscriptions(system, day).renewed.get("SUB-000001"))

    sub = str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                          start_day=date(2026, 1, 31))))
    on(date(2026, 1, 31))
    on(date(2026, 4, 2))  # an outage: Feb 28 and Mar 31 caught up in order
    clock.current = at(date(2026, 4, 10))
    answers.append(system.handle(oms.ChangeQuantity(subscription_id=sub, sku="SEAT", quantity="3")))
    answers.append(system.handle(oms.ChangePlan(subscription_id=sub, plan_code="PRO",
                                                quantities=(oms.QuantityInput(sku="SEAT", quantity="2"),))))
    answers.append(system.handle(oms.PauseSubscription(subscription_id=sub, start=date(2026, 5, 10),
                                                       until=date(2026, 7, 5))))
    on(date(2026, 4, 30))
    on(date(2026, 5, 31))  # wholly paused: nothing billed
    clock.current = at(date(2026, 6, 15))
    answers.append(system.handle(oms.ResumeSubscription(subscription_id=sub)))
    on(date(2026, 6, 30))
    clock.current = at(date(2026, 7, 12))
    answers.append(system.handle(oms.CancelSubscription(subscription_id=sub, reason="moving on")))
    on(date(2026, 12, 31))
    return sub, answers


def picture(system: oms.OrderManagement, sub: str) -> object:
    """What the subscription billed: its view (but its id), and each invoice's and credit note's kind, number and
    totals."""
    view = system.read(oms.show_subscription, sub)
    documents = []
    for record in (*view.renewals, *view.changes):
        for number in (record.invoice, record.credit_note):
            if number is not None:
                document = system.invoice(number)
                documents.append((document.kind, document.number, document.totals.net_total.amount,
                                  document.totals.tax_total.amount, [line.description for line in document.lines]))
    kind, fields = snapshot(view)
    return kind, {name: value for name, value in fields.items() if name != "id"}, documents


def test_plans_and_a_subscription_come_back_as_stored(backend: Backend) -> None:
    system, clock = seeded(backend.uow_factory)
    sub = str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                          start_day=date(2026, 1, 31),
                                          quantities=(oms.QuantityInput(sku="SEAT", quantity="3"),))))
    oms.renew_due_subscriptions(system, date(2026, 1, 31))
    clock.current = at(date(2026, 2, 10))
    system.handle(oms.PauseSubscription(subscription_id=sub, start=date(2026, 3, 1), until=date(2026, 4, 1)))
    system.handle(oms.ChangeQuantity(subscription_id=sub, sku="SEAT", quantity="1"))  # a decrease: at period end

    with backend.uow_factory() as uow:
        kept = uow.subscriptions.subscriptions.get(sub)
        first = snapshot(kept)
        versions = snapshot(uow.subscriptions.plans.versions("BASIC"))
        current = uow.subscriptions.plans.current("BASIC")
        records = snapshot(uow.subscriptions.billing.of_subscription(sub))
        due = [s.number for s in uow.subscriptions.subscriptions.due(date(2026, 2, 28))]
        due_numbers = list(uow.subscriptions.subscriptions.due_numbers(date(2026, 2, 28)))
        not_yet = list(uow.subscriptions.subscriptions.due_numbers(date(2026, 2, 27)))
    with backend.uow_factory() as uow:
        again = snapshot(uow.subscriptions.subscriptions.get(sub))

    assert again == first
    assert (kept.number, kept.status, kept.next_period_start, kept.anchor) == (
        "SUB-000001", oms.SubscriptionStatus.ACTIVE, date(2026, 2, 28), date(2026, 1, 31))
    assert [(line.sku, line.quantity, line.unit_price) for line in kept.lines] == [("SEAT", D(3), D("31.00"))]
    assert kept.pending is not None
    assert [(line.sku, line.quantity) for line in kept.pending.lines] == [("SEAT", D(1))]
    assert [(p.start, p.end) for p in kept.pauses] == [(date(2026, 3, 1), date(2026, 4, 1))]
    assert kept.billed_period is not None
    assert (kept.billed_period.start, kept.billed_period.end) == (date(2026, 1, 31), date(2026, 2, 28))
    assert [version[1]["version"] for version in versions] == [1, 2]
    assert current is not None
    assert (current.version, [line.unit_price for line in current.lines]) == (2, [D("31.00")])
    assert [(r[1]["change"], r[1]["period_start"], r[1]["charged"]) for r in records] == [
        (RENEWAL, date(2026, 1, 31), D("93.00"))]
    assert due == due_numbers == ["SUB-000001"]
    assert not_yet == []


def test_what_mrr_reads_of_all_subscriptions_at_once_is_what_each_subscription_and_its_records_hold(
        backend: Backend) -> None:
    system, clock = seeded(backend.uow_factory)
    subs = [str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code=plan,
                                            start_day=date(2026, 1, 31))))
            for plan in ("BASIC", "PRO", "BASIC", "BASIC")]
    oms.renew_due_subscriptions(system, date(2026, 1, 31))
    clock.current = at(date(2026, 2, 10))
    system.handle(oms.ChangeQuantity(subscription_id=subs[0], sku="SEAT", quantity="2"))  # an increase: billed now
    system.handle(oms.PauseSubscription(subscription_id=subs[1], start=date(2026, 3, 1), until=date(2026, 4, 1)))
    system.handle(oms.CancelSubscription(subscription_id=subs[2], reason="moving on"))
    clock.current = at(date(2026, 3, 31))
    oms.renew_due_subscriptions(system, date(2026, 3, 31))

    with backend.uow_factory() as uow:
        terms = uow.subscriptions.subscriptions.terms()
        prices = {sub: list(records) for sub, records in uow.subscriptions.billing.prices().items()}
    with backend.uow_factory() as uow:
        held = [SubscriptionTerms.of(subscription) for subscription in uow.subscriptions.subscriptions.list()]
        records = {sub: sorted(uow.subscriptions.billing.of_subscription(sub),
                               key=lambda r: (r.effective_on, r.at, r.id)) for sub in subs}

    assert terms == held
    assert prices == {sub: [BilledPrice(effective_on=r.effective_on, change=r.change, charged=r.charged,
                                        recurring=r.recurring)
                            for before, r in zip([None, *kept], kept, strict=False)
                            if before is None or (before.change, before.charged, before.recurring)
                            != (r.change, r.charged, r.recurring)]
                      for sub, kept in records.items()}
    assert [(t.status, len(t.history), len(t.pauses)) for t in terms] == [
        (oms.SubscriptionStatus.ACTIVE, 0, 0), (oms.SubscriptionStatus.PAUSED, 1, 1),
        (oms.SubscriptionStatus.CANCELLED, 1, 0), (oms.SubscriptionStatus.ACTIVE, 0, 0)]
    assert [(p.effective_on, p.change, p.recurring) for p in prices[subs[0]]] == [
        (date(2026, 1, 31), RENEWAL, D("31.00")), (date(2026, 2, 10), "quantity", D("62.00")),
        (date(2026, 2, 28), RENEWAL, D("62.00"))]  # and the renewal of Mar 31, the same, left out
    assert [(p.effective_on, p.recurring) for p in prices[subs[3]]] == [(date(2026, 1, 31), D("31.00"))]
    assert [len(records[sub]) for sub in subs] == [4, 3, 2, 3]


def test_a_year_of_renewals_and_changes_bills_the_same_documents_on_every_backend(backend: Backend) -> None:
    store = oms.InMemoryStore()
    reference_system, reference_clock = seeded(lambda: oms.InMemoryUnitOfWork(store))
    reference = a_year(reference_system, reference_clock)
    system, clock = seeded(backend.uow_factory)

    sub, answers = a_year(system, clock)

    view = system.read(oms.show_subscription, sub)
    assert picture(system, sub) == picture(reference_system, reference[0])
    assert len(answers) == len(reference[1])
    assert view.status == oms.SubscriptionStatus.CANCELLED
    assert [(r.period_start, r.charged.amount) for r in view.renewals] == [
        (date(2026, 1, 31), D("31.00")), (date(2026, 2, 28), D("31.00")), (date(2026, 3, 31), D("31.00")),
        (date(2026, 4, 30), D("38.71")),  # 2 PRO seats, 10 of 31 days before the pause
        (date(2026, 5, 31), D("0.00")),  # wholly paused
        (date(2026, 6, 30), D("120.00"))]
    assert [(r.change, r.charged.amount, r.credited.amount) for r in view.changes] == [
        ("quantity", D("62.00"), D("20.67")),  # 3 seats instead of 1 for Apr 10-29, of 30 days
        ("plan", D("80.00"), D("62.00")),  # those days' 3 BASIC seats credited, 2 PRO seats charged
        ("resume", D("60.00"), D("0.00")),  # Jun 15-29 of the paused period of 30 days
        ("cancellation", D("0.00"), D("73.55"))]  # Jul 12-30 of 31 days credited


def _renew_concurrently(url: str, day: date) -> list[BaseException]:
    """CLIENTS clients, each with its own database handle, running the renewal job at the same moment."""
    barrier, failures = threading.Barrier(CLIENTS), []

    def client() -> None:
        database = SqlDatabase.from_url(url)
        try:
            system = oms.bootstrap(uow_factory=database.unit_of_work, clock=oms.FixedClock(at(day)))
            barrier.wait(30)
            run = oms.renew_due_subscriptions(system, day)
            assert run.failed == {}, run.failed
        except BaseException as error:  # reported to the test's thread
            failures.append(error)
        finally:
            database.dispose()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return failures


def test_clients_renewing_the_same_subscriptions_at_once_bill_each_period_once(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system, _ = seeded(database.unit_of_work, date(2026, 1, 15))
    subs = [str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                            start_day=date(2026, 1, 15)))) for _ in range(SUBSCRIPTIONS)]

    failures = _renew_concurrently(sql_url, date(2026, 3, 20))  # three periods due each

    assert failures == []
    for sub in subs:
        view = system.read(oms.show_subscription, sub)
        assert [r.period_start for r in view.renewals] == [date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)]
        assert len({r.invoice for r in view.renewals}) == 3
        assert view.next_period is not None
        assert view.next_period.start == date(2026, 4, 15)
    customer = system.read(lambda uow: uow.masterdata.customers.by_code("ACME"))
    assert customer is not None
    invoices = system.read(lambda uow: uow.invoicing.invoices.of_customer(customer.id))
    assert len(invoices) == 3 * SUBSCRIPTIONS
    database.dispose()


def test_the_store_refuses_a_second_renewal_record_of_a_period(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system, _ = seeded(database.unit_of_work)
    sub = str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                          start_day=date(2026, 1, 31))))
    oms.renew_due_subscriptions(system, date(2026, 1, 31))

    def record(change: str) -> BillingRecord:
        return BillingRecord(id=new_id(), subscription_id=sub, change=change, period_start=date(2026, 1, 31),
                             period_end=date(2026, 2, 28), effective_on=date(2026, 1, 31), currency="EUR",
                             charged=D("31.00"), credited=D("0.00"), invoice_id=None, invoice_number=None,
                             credit_note_id=None, credit_note_number=None, at=at(date(2026, 1, 31)), actor="test")

    def add(change: str) -> None:
        with database.unit_of_work() as uow:
            uow.subscriptions.billing.add(record(change))  # past the pointer, straight to the store
            uow.commit()

    with pytest.raises((AlreadyExists, ConcurrencyConflict)):
        add(RENEWAL)
    add("quantity")  # a change of the same period is not a renewal
    with database.unit_of_work() as uow:
        assert [r.change for r in uow.subscriptions.billing.of_subscription(sub)] == [RENEWAL, "quantity"]
    database.dispose()


@pytest.mark.postgres
def test_a_job_passes_over_a_subscription_another_transaction_holds_and_renews_it_once_free(
        clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    system, _ = seeded(database.unit_of_work)
    sub = str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                          start_day=date(2026, 1, 31))))
    holder = database.unit_of_work()

    with holder:
        assert holder.subscriptions.subscriptions.claim(sub) is not None  # held until this block ends
        passed_over = system.handle(oms.RenewSubscription(subscription_id=sub, unless_taken=True))
    renewed = system.handle(oms.RenewSubscription(subscription_id=sub, unless_taken=True))

    assert passed_over == ()
    assert len(renewed) == 1
    database.dispose()


def test_a_batch_is_claimed_by_id_or_number_and_what_does_not_exist_is_left_out(backend: Backend) -> None:
    system, _ = seeded(backend.uow_factory)
    subs = [str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                            start_day=date(2026, 1, 31)))) for _ in range(3)]
    with backend.uow_factory() as uow:
        number = uow.subscriptions.subscriptions.get(subs[1]).number
        claimed = uow.subscriptions.subscriptions.claim_many([subs[0], number, "SUB-999999", subs[2]])

        assert {ref: found.id for ref, found in claimed.items()} == {subs[0]: subs[0], number: subs[1],
                                                                     subs[2]: subs[2]}


@pytest.mark.postgres
def test_a_batch_claim_passes_over_the_subscriptions_another_transaction_holds(clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    system, _ = seeded(database.unit_of_work)
    subs = [str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                            start_day=date(2026, 1, 31)))) for _ in range(3)]
    holder = database.unit_of_work()

    with holder:
        assert holder.subscriptions.subscriptions.claim(subs[1]) is not None  # held until this block ends
        with database.unit_of_work() as uow:
            claimed = sorted(uow.subscriptions.subscriptions.claim_many(subs))
    database.dispose()

    assert claimed == sorted([subs[0], subs[2]])


@pytest.mark.postgres
def test_a_batch_of_renewals_waits_for_postgresql_a_fixed_number_of_times_whatever_its_size(
        clean_postgres_url: str) -> None:
    """A renewal of a batch waits for PostgreSQL for nothing of its own: the subscriptions taken, the numbers of the
    orders, the invoices and the journal entries (each series in one statement), the plan, the parties, the tax
    rates, the chart, the mappings and the ledger's settings come once a batch (master data kept as the scheduler
    keeps it)."""
    database = SqlDatabase.from_url(clean_postgres_url, cache=True)
    system, _ = seeded(database.unit_of_work, date(2026, 3, 1))
    for _ in range(BATCH):
        system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                    start_day=date(2026, 3, 1)))
    system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                start_day=date(2026, 2, 1)))  # renewed first: the chart made, master data kept
    oms.renew_due_subscriptions(system, date(2026, 2, 1))

    before = database.traffic.round_trips
    run = oms.renew_due_subscriptions(system, date(2026, 3, 1))
    waited = database.traffic.round_trips - before
    database.dispose()

    assert len(run.renewed) == BATCH + 1
    assert not run.failed
    batches = -(-len(run.renewed) // BATCH)
    # none per renewal; per batch: its subscriptions taken, its orders' numbers, its invoices' numbers (with the
    # orders' writes before them and the settings, the mappings and the chart after them), its entries' numbers and
    # the commit (with the rest); per run: what is due (twice)
    assert waited == 5 * batches + 2
