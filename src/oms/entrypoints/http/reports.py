"""Reports for viewers: the overview of what waits in the back office today (the console's home page)."""

from __future__ import annotations

from decimal import Decimal

import attrs
from attrs import frozen

from oms.application.reports.overview import Overview, overview
from oms.domain.access.tokens import Role
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import LIMIT, parameters

bp = ApiBlueprint("reports", __name__, tag="reports")


@frozen(kw_only=True)
class OverviewQuery:
    """`low_stock_threshold`: a level is low at or below this available quantity; `limit`: rows per list."""

    low_stock_threshold: Decimal = Decimal(5)
    limit: int = attrs.field(default=10, metadata=LIMIT)


@bp.operation("GET", "/overview", summary="What waits today: orders to confirm, to ship and backordered, "
              "quotations expiring within a week, stock running low", role=Role.VIEWER, response=Overview,
              query=OverviewQuery)
def show_overview(call: Call) -> Overview:
    wanted = call.query(OverviewQuery)
    with parameters({"threshold": "low_stock_threshold"}):
        return call.system.read(overview, api().listings, today=call.system.bus.clock.now().date(),
                                low_stock_threshold=wanted.low_stock_threshold, limit=wanted.limit)
