"""`oms demo`: the walk through the sales flow in memory, and the demo's console users."""

from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner

import oms
from oms.adapters.memory import InMemoryUnitOfWork
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.memory.listings import InMemoryListings
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import sign_in
from oms.application.processes.billing import order_billing
from oms.application.processes.invoice_documents import invoice_page
from oms.application.production.listings import service_order_page, work_order_page
from oms.domain.access.tokens import Role
from oms.entrypoints.cli import main
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

    page = system.read(invoice_page, InMemoryListings(uow.store))
    billing = [{str(line.status) for line in system.read(order_billing, order.number).lines}
               for order in system.read(_orders)]
    posted = [system.invoice(item.id) for item in page.items if (item.kind, item.status) == ("invoice", "posted")]

    assert sorted((item.kind, item.status) for item in page.items) == [
        ("credit_note", "posted"), ("invoice", "draft"), ("invoice", "draft"), ("invoice", "posted"),
        ("invoice", "posted")]
    assert {"invoiced", "to_invoice"} in billing  # an order partly invoiced: a line billed, a line still to bill
    assert sorted((str(view.payment_status), view.overdue) for view in posted) == [
        ("paid", False), ("partially_paid", True)]


def _orders(uow: UnitOfWork) -> list[oms.SalesOrder]:
    return list(uow.sales.orders.list())


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
