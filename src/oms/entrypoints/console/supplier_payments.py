"""Payments to suppliers in the console: a page per payment with the bills it pays and the steps it allows
(allocate to another bill, take it off one); paying a bill from its page leads here."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from oms.application.invoicing.bill_actions import SUPPLIER_PAYMENT
from oms.application.invoicing.vendor_bills import show_supplier_payment
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.http.config import api


def supplier_payment_page(ref: str) -> Any:
    buttons = offered(SUPPLIER_PAYMENT, None, lambda action: can(action.role))
    return viewer_page("console/supplier_payment.html", lambda: api().system.read(show_supplier_payment, ref),
                       buttons=buttons, has_inputs=has_inputs, action_url=action_url)


def register(bp: Blueprint) -> None:
    bp.add_url_rule(f"{SUPPLIER_PAYMENT.path}/<path:ref>", "supplier_payment", supplier_payment_page)
    DETAIL_PAGES[SUPPLIER_PAYMENT.name] = "console.supplier_payment"
