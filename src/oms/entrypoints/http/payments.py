"""Payments, customer statements and the receivables' ageing, read by viewers; payments are recorded, allocated and
unallocated by the invoicing actions (`application/invoicing/actions.py`)."""

from __future__ import annotations

from datetime import date

import attrs
from attrs import frozen

from oms.application.invoicing.payments import payment_list, show_payment
from oms.application.invoicing.statements import customer_statement, receivables_ageing
from oms.application.invoicing.views import AgeingView, PaymentList, PaymentView, StatementView
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE

bp = ApiBlueprint("payments", __name__, tag="payments")


@frozen(kw_only=True)
class PaymentFilter:
    """One customer's payments (its code), or everyone's."""

    customer: str | None = attrs.field(default=None, metadata=CODE)


@frozen(kw_only=True)
class StatementPeriod:
    """From `from_date` (the balance before it is the opening balance; from the first entry when not given) up to
    `to_date` (today when not given)."""

    from_date: date | None = None
    to_date: date | None = None


@frozen(kw_only=True)
class AgeingDate:
    """The day the receivables are aged on (today when not given)."""

    as_of: date | None = None


def _today(call: Call) -> date:
    return call.system.bus.clock.now().date()


@bp.operation("GET", "/payments", summary="Payments, oldest first: everyone's or one customer's", role=Role.VIEWER,
              response=PaymentList, query=PaymentFilter, errors=(404,))
def list_payments(call: Call) -> PaymentList:
    return call.system.read(payment_list, call.query(PaymentFilter).customer)


@bp.operation("GET", "/payments/<ref>", summary="Show a payment: what it pays and what it has left",
              role=Role.VIEWER, response=PaymentView)
def get_payment(call: Call) -> PaymentView:
    return call.system.read(show_payment, call.args["ref"])


@bp.operation("GET", "/customers/<code>/statement", summary="A customer's statement: posted invoices, credit notes "
              "and payments with the running balance, and its unallocated credit", role=Role.VIEWER,
              response=StatementView, query=StatementPeriod, errors=(404, 422))
def get_customer_statement(call: Call) -> StatementView:
    period = call.query(StatementPeriod)
    return call.system.read(customer_statement, call.args["code"], today=_today(call), from_date=period.from_date,
                            to_date=period.to_date)


@bp.operation("GET", "/receivables/ageing", summary="What customers owe by days past due: current, 1-30, 31-60, "
              "61-90 and over 90", role=Role.VIEWER, response=AgeingView, query=AgeingDate)
def get_receivables_ageing(call: Call) -> AgeingView:
    return call.system.read(receivables_ageing, as_of=call.query(AgeingDate).as_of or _today(call))
