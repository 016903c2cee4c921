"""Payments in the console: the list (with Record…), a page per payment with what it pays and the steps it allows
(allocate, unallocate), a customer's statement and the receivables' ageing; the forms are the declared actions'."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint

from oms.application.invoicing.actions import PAYMENT
from oms.application.invoicing.payments import payment_list, show_payment
from oms.application.invoicing.statements import customer_statement, receivables_ageing
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.masterdata import Register, record_list
from oms.entrypoints.console.pages import query_day, viewer_page
from oms.entrypoints.http.config import api

PAYMENTS = Register(resource=PAYMENT, title="Payments", endpoint="payments", page="payment", read=payment_list,
                    columns=("number", "payment_date", "customer_code", "amount", "method", "unallocated",
                             "reference"))


def _today() -> date:
    return api().system.bus.clock.now().date()


def payment_page(ref: str) -> Any:
    buttons = offered(PAYMENT, None, lambda action: can(action.role))
    return viewer_page("console/payment.html", lambda: api().system.read(show_payment, ref), buttons=buttons,
                       has_inputs=has_inputs, action_url=action_url)


def statement_page(code: str) -> Any:
    return viewer_page("console/statement.html", lambda: api().system.read(
        customer_statement, code, today=_today(), from_date=query_day("from_date"), to_date=query_day("to_date")))


def ageing_page() -> Any:
    return viewer_page("console/ageing.html", lambda: api().system.read(receivables_ageing,
                                                                        as_of=query_day("as_of") or _today()))


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu  # the app registers this module: import it once it is made

    bp.add_url_rule(PAYMENT.path, "payments", lambda: record_list(PAYMENTS))
    bp.add_url_rule(f"{PAYMENT.path}/<path:ref>", "payment", payment_page)
    bp.add_url_rule("/customers/<code>/statement", "statement", statement_page)
    bp.add_url_rule("/receivables/ageing", "ageing", ageing_page)
    DETAIL_PAGES[PAYMENT.name] = "console.payment"
    add_to_menu("console.payments", "Payments")
    add_to_menu("console.ageing", "Receivables")
