"""`oms demo`: the walk through the sales flow in memory, and the demo's console users."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner

import oms
from oms.adapters.memory import InMemoryUnitOfWork
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.memory.listings import InMemoryListings
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import sign_in
from oms.application.masterdata.queries import product_page
from oms.application.processes.billing import order_billing
from oms.application.processes.invoice_documents import invoice_page
from oms.application.production.listings import service_order_page, work_order_page
from oms.application.subscriptions.listings import subscription_page
from oms.application.subscriptions.views import SubscriptionView
from oms.domain.access.tokens import Role
from oms.entrypoints.cli import main
from oms.entrypoints.csvfiles import every
from oms.entrypoints.demo import load_demo_data, load_demo_users
from oms.ports.unit_of_work import UnitOfWork


def test_the_demo_walks_through_quotation_order_and_goods_issue() -> None:
    result = CliRunner().invoke(main, ["demo"])

    assert result.exit_code == 0, result.output
    assert "accepted and converted into SO-" in result.output
    assert "partially_issued" in result.output
    assert "is completed; audit trail" in result.output


def test_the_demo_users_are_loaded_once_and_sign_in_with_their_username_as_password() -> None:
    users, hasher, clock = InMemoryUserStore(), Argon2PasswordHasher.fast(), oms.SystemClock()

    first = load_demo_users(users, hasher, clock)
    second = load_demo_users(users, hasher, clock)

    assert (first, second) == (True, False)
    assert [(u.username, u.role) for u in users.list()] == [("demo", Role.ADMIN), ("viewer", Role.VIEWER)]
    assert sign_in(users, hasher, clock, "demo", "demo").role is Role.ADMIN
    assert sign_in(users, hasher, clock, "viewer", "viewer").role is Role.VIEWER


def test_the_demo_data_has_draft_posted_paid_and_overdue_invoices_a_credit_note_and_an_order_partly_invoiced(
        ) -> None:
    system = oms.bootstrap()
    load_demo_data(system)
    uow = system.uow_factory()
    assert isinstance(uow, InMemoryUnitOfWork)

    subscriptions = _subscription_documents(system, uow)
    page = [item for item in system.read(invoice_page, InMemoryListings(uow.store), limit=100).items
            if item.number not in subscriptions]
    billing = [{str(line.status) for line in system.read(order_billing, order.number).lines}
               for order in system.read(_orders)]
    posted = [system.invoice(item.id) for item in page if (item.kind, item.status) == ("invoice", "posted")]

    assert sorted((item.kind, item.status) for item in page) == [
        ("credit_note", "posted"), ("invoice", "draft"), ("invoice", "draft"), ("invoice", "posted"),
        ("invoice", "posted")]
    assert {"invoiced", "to_invoice"} in billing  # an order partly invoiced: a line billed, a line still to bill
    assert sorted((str(view.payment_status), view.overdue) for view in posted) == [
        ("paid", False), ("partially_paid", True)]


def _orders(uow: UnitOfWork) -> list[oms.SalesOrder]:
    return list(uow.sales.orders.list())


def _subscriptions(system: oms.OrderManagement, uow: InMemoryUnitOfWork) -> list[SubscriptionView]:
    page = system.read(subscription_page, InMemoryListings(uow.store), newest_first=False, limit=100)
    return [system.read(oms.show_subscription, item.number) for item in page.items]


def _subscription_documents(system: oms.OrderManagement, uow: InMemoryUnitOfWork) -> set[str]:
    """The numbers of the invoices and credit notes the demo's subscriptions billed."""
    return {number for view in _subscriptions(system, uow) for billed in view.renewals + view.changes
            for number in (billed.invoice, billed.credit_note) if number is not None}


def test_every_demo_product_has_a_category_and_the_categories_group_several_products() -> None:
    system = oms.bootstrap()
    load_demo_data(system)
    uow = system.uow_factory()
    assert isinstance(uow, InMemoryUnitOfWork)
    listings = InMemoryListings(uow.store)

    products = list(every(listings, product_page))
    furniture = product_page(listings, category="furniture", limit=500)

    assert [p.sku for p in products if p.category is None] == []
    assert len({p.category for p in products}) >= 10
    assert {p.sku for p in furniture.items} >= {"DESK-OAK", "CHAIR-ERGO", "TABLE"}


def test_the_demo_data_has_work_orders_in_every_state_one_made_to_order_and_a_service_order_with_hours() -> None:
    system = oms.bootstrap()
    load_demo_data(system)
    uow = system.uow_factory()
    assert isinstance(uow, InMemoryUnitOfWork)

    orders = system.read(work_order_page, InMemoryListings(uow.store), limit=50).items
    services = [system.read(oms.show_service_order, s.number)
                for s in system.read(service_order_page, InMemoryListings(uow.store)).items]
    missing = {c.sku: c.missing for o in orders if o.status == "released"
               for c in system.read(oms.show_work_order, o.number).components if c.missing}

    assert {str(o.status) for o in orders} == set(oms.WorkOrderStatus)
    assert [o.sales_order_number is not None for o in orders].count(True) == 1
    assert missing == {"TOP": Decimal(5)}
    assert system.read(oms.show_bom, "TABLE").revision == 2
    assert sorted((line.billable, line.approved) for s in services for line in s.labour) == [
        (False, True), (True, False), (True, True)]


@pytest.mark.parametrize("today", [date(2028, 2, 29), date(2027, 1, 5)])  # a month's end; a year's start
def test_the_demo_subscriptions_are_in_every_state_whatever_the_day_and_leave_the_daily_jobs_nothing_to_do(
        today: date) -> None:
    system = oms.bootstrap(clock=oms.FixedClock(datetime.combine(today, datetime.min.time(), UTC)
                                                + timedelta(hours=9, minutes=30)))
    load_demo_data(system)
    uow = system.uow_factory()
    assert isinstance(uow, InMemoryUnitOfWork)
    before = _subscriptions(system, uow)

    renewed = oms.renew_due_subscriptions(system, today)
    dunned = oms.run_subscription_dunning(system, today)

    by_status = {str(view.status): view for view in before}
    changes = {billed.change: billed for view in before for billed in view.changes}
    assert set(by_status) == set(oms.SubscriptionStatus)
    assert [view.customer_code for view in before if view.payment_exception] == ["CUST-014"]
    assert max(len(view.renewals) for view in before) == 4  # renewed month after month
    assert changes["quantity"].invoice is not None
    assert (changes["plan"].credit_note, changes["plan"].invoice) != (None, None)
    assert {"failed", "succeeded", "unknown"} <= {c.outcome for view in before for c in view.charges}
    assert by_status["trialing"].anchor > today
    expired_on = by_status["expired"].ends_on
    assert expired_on is not None
    assert expired_on <= today  # the term is over
    assert (renewed.renewed, renewed.failed, dunned.charges.answered, dunned.failed) == ({}, {}, {}, {})
    assert _subscriptions(system, uow) == before  # no retry was due, no period, nothing pending


def test_the_demo_carts_are_active_abandoned_recovered_and_expired_and_leave_the_recovery_job_nothing_to_do(
        ) -> None:
    from oms.application.carts.views import CartState
    from oms.application.processes.cart_queries import cart_page

    system = oms.bootstrap()
    load_demo_data(system)
    now = system.bus.clock.now()

    pages = {state: system.read(cart_page, now, state=state).items for state in CartState}
    claimed = oms.run_cart_recovery(system, now).done

    assert [(c.customer_code, c.abandoned, c.stages_claimed) for c in pages[CartState.ACTIVE]] == [
        (None, True, 2), ("CUST-003", True, 1), ("CUST-002", False, 0)]
    assert [(c.customer_code, c.stages_claimed, c.order_number is not None)
            for c in pages[CartState.CONVERTED]] == [("CUST-004", 1, True)]
    assert [(c.customer_code, c.stages_claimed) for c in pages[CartState.EXPIRED]] == [(None, 0)]
    assert claimed == 0
