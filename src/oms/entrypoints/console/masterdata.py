"""Master data: products, customers and suppliers (lists with search, an activity filter and cursor paging; a page
each with Edit; a product's and a supplier's page list their supplier prices), branches, warehouses, tax rates and
exchange rates (lists); creating and changing them are the declared actions' forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from attrs import frozen
from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from oms.application.actions import ACTIONS
from oms.application.masterdata import queries
from oms.application.masterdata import supplier_queries as sq
from oms.application.masterdata.actions import (
    BRANCH,
    CUSTOMER,
    EXCHANGE_RATE,
    PRODUCT,
    SUPPLIER,
    TAX_RATE,
    WAREHOUSE,
)
from oms.application.shared.actions import Action, Resource
from oms.application.stock.queries import product_stock
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, form_of
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.forms import flat_inputs
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.console.rendering import as_json
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


@frozen(kw_only=True)
class Register:
    """One list of master data: what it shows (`columns` of the view as the API answers it), how it is read
    (`read`: a page by search, activity and cursor, or the whole list), and where one of it is shown (`page`)."""

    resource: Resource
    title: str
    endpoint: str
    columns: tuple[str, ...]
    read: Callable[..., Any]
    paged: bool = False
    page: str | None = None
    exports: tuple[str, ...] = ()  # the CSV files (console/imports.py) its page offers to download
    filters: tuple[str, ...] = ()  # more filters of a paged list, each a text given to `read` by its name


REGISTERS = (
    Register(resource=PRODUCT, title="Products", endpoint="products", page="product", paged=True,
             exports=("products",), filters=("category",),
             columns=("sku", "name", "kind", "uom", "price", "tax_category", "category", "active"),
             read=queries.product_page),
    Register(resource=CUSTOMER, title="Customers", endpoint="customers", page="customer", paged=True,
             exports=("customers",),
             columns=("code", "name", "email", "tax_exempt", "active"), read=queries.customer_page),
    Register(resource=SUPPLIER, title="Suppliers", endpoint="suppliers", page="supplier", paged=True,
             exports=("suppliers", "supplier_prices"),
             columns=("code", "name", "currency", "payment_terms", "lead_time_days", "active"),
             read=sq.supplier_page),
    Register(resource=BRANCH, title="Branches", endpoint="branches", columns=("code", "name", "currency",
             "tax_jurisdiction"), read=queries.branch_list),
    Register(resource=WAREHOUSE, title="Warehouses", endpoint="warehouses", columns=("code", "name", "branch_code",
             "priority", "active"), read=queries.warehouse_list),
    Register(resource=TAX_RATE, title="Tax rates", endpoint="tax_rates", columns=("jurisdiction", "category",
             "rate"), read=queries.tax_rate_list),
    Register(resource=EXCHANGE_RATE, title="Exchange rates", endpoint="exchange_rates", columns=(
             "from_currency", "to_currency", "day", "rate"), read=sq.exchange_rate_list, exports=("exchange_rates",)),
)
ACTIVITY = {"": None, "true": True, "false": False}


def actions_on(resource: Resource, *, collection: bool) -> list[Action]:
    return [a for a in ACTIONS if a.resource.name == resource.name and a.collection == collection]


def record_list(register: Register) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = {name: request.args.get(name, "").strip() for name in ("search", "active", "cursor", *register.filters)}
    page, error = None, None
    try:
        if register.paged:
            more = {name: wanted[name] or None for name in register.filters}
            page = register.read(api().listings, search=wanted["search"] or None,
                                 active=ACTIVITY.get(wanted["active"]), limit=PAGE_SIZE,
                                 cursor=wanted["cursor"] or None, **more)
        else:
            page = api().system.read(register.read)
    except DomainError as refused:
        error = problem_for(refused).detail
    return render_template("console/records.html", register=register, page=page, error=error, wanted=wanted,
                           actions=actions_on(register.resource, collection=True), action_url=action_url,
                           next_url=next_page_url(f"console.{register.endpoint}", getattr(page, "next_cursor", None)))


def prefill(action: Action, view: Any) -> dict[str, str]:
    """A form's inputs filled with the values shown now (an amount's `amount`, flags as true/false), so Edit starts
    from what is there."""
    flat: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict) and set(value) != {"amount", "currency"}:
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            flat[prefix] = (value["amount"] if isinstance(value, dict) else
                            str(value).lower() if isinstance(value, bool) else "" if value is None else str(value))

    walk("", as_json(view))
    names = {leaf.name for leaf in flat_inputs(form_of(action))}
    return {name: value for name, value in flat.items() if name in names}


def record_page(register: Register, ref: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    show = register.resource.show
    assert show is not None
    try:
        view = api().system.read(show, ref)
        levels = api().system.read(product_stock, ref).items if register.resource is PRODUCT else None
        prices = (api().system.read(sq.product_supplier_prices, ref).items if register.resource is PRODUCT
                  else getattr(view, "prices", None))
    except DomainError as refused:
        problem = problem_for(refused)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    edits = [(action, f"{action_url(action, ref)}?{urlencode({**prefill(action, view), '_back': request.path})}")
             for action in actions_on(register.resource, collection=False)]  # a field `name` is no url_for argument
    removal = next((a for a in ACTIONS if a.resource is SUPPLIER and a.name == "remove-price"), None)
    return render_template("console/record.html", register=register, view=view, ref=ref, edits=edits,
                           levels=levels, prices=prices, removal=removal, action_url=action_url)


def register(bp: Blueprint) -> None:
    for each in REGISTERS:
        bp.add_url_rule(each.resource.path, each.endpoint, lambda each=each: record_list(each))
        if each.page is not None:
            bp.add_url_rule(f"{each.resource.path}/<path:ref>", each.page,
                            lambda ref, each=each: record_page(each, ref))
            DETAIL_PAGES[each.resource.name] = f"console.{each.page}"
