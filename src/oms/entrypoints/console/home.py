"""The home page: what waits for someone - orders to confirm and to ship, backorders, quotations that expire this
week, and stock running low - as `GET /api/v1/overview` answers it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, render_template
from werkzeug.wrappers import Response

from oms.application.reports.overview import overview
from oms.entrypoints.console.auth import require
from oms.entrypoints.http.config import api


def home() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    today = api().clock.now().date()
    found = api().system.read(overview, api().listings, today=today)
    return render_template("console/home.html", overview=found, today=today, week=timedelta(days=7))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/", "home", home)
