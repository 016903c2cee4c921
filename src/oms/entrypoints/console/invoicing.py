"""Invoices and credit notes in the console: a page per document with its lines, taxes and totals and the steps its
status allows (post, credit, delete); orders link here through their billing section."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from oms.application.invoicing.actions import INVOICE
from oms.application.invoicing.queries import show_invoice
from oms.application.shared.actions import Action
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES, action_named, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can, require
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


def _can(action: Action) -> bool:
    return can(action.role)


def invoice_page(ref: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    try:
        view = api().system.read(show_invoice, ref, today=api().system.bus.clock.now().date())
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    buttons = offered(INVOICE, str(view.status), _can)
    record = action_named("payment", "record")
    residual = view.residual.amount if view.residual is not None else 0
    pay_url = action_url(record, customer_code=view.customer_code, currency=view.currency, invoice_id=view.number,
                         amount=residual, _back=request.path) if residual > 0 and _can(record) else None
    return render_template("console/invoice.html", view=view, buttons=buttons, has_inputs=has_inputs,
                           action_url=action_url, pay_url=pay_url)


def register(bp: Blueprint) -> None:
    bp.add_url_rule(f"{INVOICE.path}/<path:ref>", "invoice", invoice_page)
    DETAIL_PAGES[INVOICE.name] = "console.invoice"
