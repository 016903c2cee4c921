"""`register_console`: the console's blueprint, sessions, CSRF protection and sign-in throttle on a Flask app."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Flask, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.exceptions import HTTPException, NotFound

from oms.entrypoints.console import (
    actions,
    auth,
    home,
    imports,
    invoicing,
    masterdata,
    payments,
    rfqs,
    sales,
    stock,
    supplier_payments,
    tokens,
)
from oms.entrypoints.console.accounting import register as register_books
from oms.entrypoints.console.carts import register as register_carts
from oms.entrypoints.console.config import EXTENSION, Console
from oms.entrypoints.console.events import register as register_events
from oms.entrypoints.console.planning import register as register_planning
from oms.entrypoints.console.procurement import register as register_procurement
from oms.entrypoints.console.production import register as register_production
from oms.entrypoints.console.rendering import register_filters
from oms.entrypoints.console.reports import register as register_reports
from oms.entrypoints.console.subscriptions import register as register_subscriptions
from oms.entrypoints.console.vendor_bills import register as register_bills
from oms.entrypoints.console.webhooks import register as register_webhooks

logger = logging.getLogger(__name__)

NAVIGATION = (("console.home", "Home"), ("console.quotations", "Quotations"), ("console.sales_orders", "Sales orders"),
              ("console.stock", "Stock"), ("console.products", "Products"), ("console.customers", "Customers"),
              ("console.suppliers", "Suppliers"), ("console.branches", "Branches"),
              ("console.warehouses", "Warehouses"), ("console.tax_rates", "Tax rates"),
              ("console.exchange_rates", "Exchange rates"), ("console.tokens", "API tokens"),
              ("console.users", "Users"))
"""The menu: (endpoint, label); families add theirs with `add_to_menu`."""
_menu: list[tuple[str, str]] = list(NAVIGATION)


def add_to_menu(endpoint: str, label: str) -> None:
    if (endpoint, label) not in _menu:
        _menu.append((endpoint, label))


def _nothing_here(anything: str) -> Any:
    raise NotFound(f"there is no page at /console/{anything}")


def _blueprint() -> Blueprint:
    bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
                   static_folder="static", static_url_path="/static")
    bp.add_url_rule("/sign-in", "sign_in", auth.sign_in_page, methods=["GET", "POST"])
    bp.add_url_rule("/sign-out", "sign_out", auth.sign_out, methods=["POST"])
    bp.add_url_rule("/<path:anything>", "nothing_here", _nothing_here)  # a page, not the API's problem document
    home.register(bp)
    sales.register(bp)
    invoicing.register(bp)
    payments.register(bp)
    register_bills(bp)
    supplier_payments.register(bp)
    register_books(bp)
    register_procurement(bp)
    add_to_menu("console.purchase_orders", "Purchase orders")
    add_to_menu("console.chart", "Books")
    stock.register(bp)
    masterdata.register(bp)
    imports.register(bp)
    tokens.register(bp)
    register_webhooks(bp)
    rfqs.register(bp)
    add_to_menu("console.webhooks", "Webhooks")
    register_events(bp)
    add_to_menu("console.events", "Events")
    register_planning(bp)
    add_to_menu("console.purchase_planning", "Purchase planning")
    register_production(bp)
    register_subscriptions(bp)
    register_carts(bp)
    register_reports(bp)
    actions.register(bp)
    return bp


def register_console(app: Flask, console: Console) -> None:
    """Serve the console under /console on `app` (which serves the API too)."""
    app.extensions[EXTENSION] = console
    auth.configure_sessions(app, console.settings.secret_key)
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_SSL_STRICT=True)
    csrf = CSRFProtect(app)
    bp = _blueprint()

    @bp.before_request
    def protect_forms() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()  # a POST without this session's token (a forged one) is refused: 400

    @bp.context_processor
    def page_context() -> dict[str, Any]:
        return {"user": auth.current_user(), "can": auth.can, "csrf_token": generate_csrf, "menu": _menu}

    @bp.errorhandler(CSRFError)
    def forged(error: CSRFError) -> tuple[str, int]:
        return render_template("console/error.html", title="The form was refused",
                               detail=f"{error.description} Reload the page and send the form again."), 400

    @bp.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_template("console/error.html", title=error.name, detail=error.description), error.code or 500

    @bp.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        logger.exception("unexpected error answering %s %s", request.method, request.path, exc_info=error)
        return render_template("console/error.html", title="Something went wrong",
                               detail="The server failed to answer; nothing was changed. The log says why."), 500

    app.register_blueprint(bp)
    register_filters(app)
