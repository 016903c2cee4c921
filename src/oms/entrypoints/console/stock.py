"""Stock: the levels per product and warehouse (on hand, reserved, available) and the movement ledger, with
filters; Receive and Adjust are the declared actions' forms, pre-filled with the row's SKU and warehouse."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from oms.application.actions import ACTIONS
from oms.application.masterdata.queries import product_page, warehouse_list
from oms.application.stock.actions import STOCK
from oms.application.stock.queries import movement_page, product_stock
from oms.application.stock.valuation import stock_valuation
from oms.application.stock.views import StockLevelView
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import action_url
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.paging import PAGE_SIZE, day, next_page_url
from oms.entrypoints.http.config import api
from oms.ports.stock.repositories import StockUnitOfWork

STOCK_ACTIONS = {action.name: action for action in ACTIONS if action.resource.name == STOCK.name}


def levels_of(uow: StockUnitOfWork, skus: list[str]) -> list[StockLevelView]:
    """The stock of each product in every warehouse that has had some, read in one transaction."""
    return [level for sku in skus for level in product_stock(uow, sku).items]


def _wanted(*names: str) -> dict[str, str]:
    return {name: request.args.get(name, "").strip() for name in names}


def levels() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = _wanted("search", "warehouse", "cursor")
    products = product_page(api().listings, search=wanted["search"] or None, limit=PAGE_SIZE,
                            cursor=wanted["cursor"] or None)
    found = api().system.read(levels_of, [product.sku for product in products.items])
    shown = [level for level in found if not wanted["warehouse"] or level.warehouse_code == wanted["warehouse"]]
    return render_template("console/stock.html", levels=shown, wanted=wanted, actions=STOCK_ACTIONS,
                           action_url=action_url, warehouses=api().system.read(warehouse_list).items,
                           next_url=next_page_url("console.stock", products.next_cursor))


def movements() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = _wanted("sku", "warehouse", "document", "from", "until", "cursor")
    page, error = None, None
    try:
        page = api().system.read(
            movement_page, api().listings, sku=wanted["sku"] or None, warehouse_code=wanted["warehouse"] or None,
            document=wanted["document"] or None, at_from=day(wanted["from"], "from"),
            at_until=day(wanted["until"], "until", next_day=True), limit=PAGE_SIZE, cursor=wanted["cursor"] or None)
    except (DomainError, ValueError) as refused:
        error = str(refused)
    return render_template("console/movements.html", page=page, error=error, wanted=wanted,
                           warehouses=api().system.read(warehouse_list).items,
                           next_url=next_page_url("console.movements", page.next_cursor if page else None))


def valuation() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = _wanted("at", "warehouse")
    report, error = None, None
    try:
        at = day(wanted["at"], "at")
        report = api().system.read(stock_valuation, at=at.date() if at else None,
                                   warehouse_code=wanted["warehouse"] or None)
    except (DomainError, ValueError) as refused:
        error = str(refused)
    return render_template("console/valuation.html", report=report, error=error, wanted=wanted,
                           warehouses=api().system.read(warehouse_list).items)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/stock", "stock", levels)
    bp.add_url_rule("/stock/movements", "movements", movements)
    bp.add_url_rule("/stock/valuation", "valuation", valuation)
