"""The rules of the reports on orders and quotations, on figures given directly: open value at the line's net unit
price rounded to the currency, delay days, what is still to deliver and to bill, what counts as a quotation's
outcome, and (a property) that the backlog grouped any way adds up to the same open value as its lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from attrs import asdict
from hypothesis import given
from hypothesis import strategies as st

from oms.adapters.memory.reports.orders import open_lines_by_group
from oms.application.reports.backlog import backlog_report, delay_days, open_value
from oms.application.reports.order_analysis import to_bill, to_deliver
from oms.application.reports.quotations import OUTCOME
from oms.application.reports.requests import Scope
from oms.domain.sales.quotation import QuotationStatus
from oms.ports.reports.orders import BacklogKey, OpenOrderLine, OrderLineFigures

D = Decimal
TODAY = date(2026, 3, 13)


def line(quantity: str = "10", net: str = "50.00", issued: str = "0", returned: str = "0", *, day: date = TODAY,
         status: str = "confirmed", ships: bool = True, policy: str = "delivered", billed: str = "0",
         customer: str = "c1", sku: str = "PART", currency: str = "EUR") -> OrderLineFigures:
    return OrderLineFigures(
        order_id=f"o-{customer}-{sku}-{quantity}", order_number="SO-000001", order_day=day, status=status,
        branch_id="b1", customer_id=customer, currency=currency, line_id=f"l-{customer}-{sku}", position=1,
        product_id=sku, sku=sku, ships=ships, invoice_policy=policy, quantity=D(quantity), net=D(net),
        issued=D(issued), returned=D(returned), billed_quantity=D(billed))


def scope(by: str = "line") -> Scope:
    return Scope(today=TODAY, range=None, as_of=None, by=by, basis="open")


def test_open_value_is_the_open_quantity_at_the_net_unit_price_rounded_half_up_to_the_currency() -> None:
    assert open_value(line("3", "10.00", issued="1")) == D("6.67")
    assert open_value(line("3", "10.00", issued="1", currency="JPY")) == D("7")
    assert open_value(line("10", "50.00", issued="4", returned="2")) == D("30.00")  # a return reopens nothing


def test_a_line_is_late_from_the_day_after_its_order_date() -> None:
    assert delay_days(line(day=TODAY), scope()) is None
    assert delay_days(line(day=date(2026, 3, 10)), scope()) == 3


def test_to_deliver_is_nothing_for_a_completed_order_or_a_service() -> None:
    assert to_deliver(line(issued="4")) == D(6)
    assert to_deliver(line(issued="4", status="completed")) == D(0)
    assert to_deliver(line(ships=False)) == D(0)


def test_to_bill_follows_the_lines_invoice_policy_and_is_never_negative() -> None:
    assert to_bill(line(issued="4", billed="3")) == D(1)
    assert to_bill(line("2", ships=False, policy="ordered")) == D(2)
    assert to_bill(line(issued="5", returned="3", billed="5")) == D(0)


def test_every_quotation_status_but_cancelled_and_superseded_has_an_outcome() -> None:
    assert set(QuotationStatus) - set(OUTCOME) == {QuotationStatus.CANCELLED, QuotationStatus.SUPERSEDED}


def _uow(lines: list[OrderLineFigures]) -> Any:
    """A store holding these open lines (customers and branches coded by their ids in capitals), grouping them as
    the in-memory store does."""
    def coded(key: str) -> SimpleNamespace:
        return SimpleNamespace(code=key.upper())

    labels: dict[BacklogKey, Callable[[OrderLineFigures], str]] = {
        BacklogKey.CUSTOMER: lambda each: each.customer_id.upper(), BacklogKey.PRODUCT: lambda each: each.sku,
        BacklogKey.BRANCH: lambda each: each.branch_id.upper(), BacklogKey.ALL: lambda each: ""}
    return SimpleNamespace(
        reports=SimpleNamespace(
            open_order_lines=lambda _scope, limit: [
                OpenOrderLine(**asdict(each, recurse=False), customer_code=each.customer_id.upper(),
                              branch_code=each.branch_id.upper()) for each in lines[:limit]],
            open_order_groups=lambda _scope, key, today: open_lines_by_group(lines, labels[key], today)),
        masterdata=SimpleNamespace(customers=SimpleNamespace(get=coded), branches=SimpleNamespace(get=coded)))


open_lines = st.builds(
    lambda quantity, issued, cents, customer, sku, days: line(
        str(quantity), str(D(cents) / 100), str(min(issued, quantity - 1)), customer=customer, sku=sku,
        day=date(2026, 3, 13 - days)),
    st.integers(1, 50), st.integers(0, 50), st.integers(1, 10**6), st.sampled_from(["c1", "c2", "c3"]),
    st.sampled_from(["PART", "BOLT"]), st.integers(0, 12))


@given(st.lists(open_lines, max_size=12))
def test_the_backlog_by_customer_by_product_and_by_branch_adds_up_to_the_open_value_of_its_lines(
        lines: list[OrderLineFigures]) -> None:
    totals = {by: backlog_report(_uow(lines), scope(by)).totals for by in ("line", "customer", "product", "branch")}

    values = {by: None if found is None else found[-2] for by, found in totals.items()}
    assert set(values.values()) == {sum((open_value(each) for each in lines), D(0))}
