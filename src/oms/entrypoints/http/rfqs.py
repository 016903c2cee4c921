"""Requests for quotation: listed, shown and compared to viewers, worked as their actions declare. An RFQ is
addressed by its id or its number (RFQ-000001)."""

from __future__ import annotations

from datetime import date, datetime

import attrs
from attrs import frozen

from oms.application.procurement import rfq_queries as queries
from oms.application.procurement.listings import rfq_page
from oms.application.procurement.rfq_actions import RFQ, RFQ_ACTIONS
from oms.application.procurement.rfq_views import ComparisonView, RfqList, RfqView
from oms.domain.access.tokens import Role
from oms.domain.procurement.rfqs import RfqStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, DOCUMENT_PARAMETERS, SEARCH, STATUSES, Order, Paging, parameters

bp = ApiBlueprint("rfqs", __name__, tag=RFQ.tag)
VIEWER = Role.VIEWER


@frozen(kw_only=True)
class RfqFilter(Paging):
    """`status` may be repeated (any of them); `branch` is a code (an unknown one matches nothing); `created_from`
    is inclusive, `created_until` exclusive; `search` a part of the number, in any case."""

    status: tuple[RfqStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    branch: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@frozen(kw_only=True)
class ComparisonQuery:
    """The day whose exchange rates and validity count (today when not given); expired offers too, unmarked."""

    day: date | None = None
    include_expired: bool = False


@bp.operation("GET", "/rfqs", summary="List requests for quotation, newest first, a page at a time", role=VIEWER,
              response=RfqList, query=RfqFilter)
def list_rfqs(call: Call) -> RfqList:
    wanted = call.query(RfqFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(rfq_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                branch_code=wanted.branch, created_from=wanted.created_from,
                                created_until=wanted.created_until, search=wanted.search,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/rfqs/<ref>", summary="Show a request for quotation: lines, suppliers' answers, quotations, "
              "awards and audit trail", role=VIEWER, response=RfqView)
def get_rfq(call: Call) -> RfqView:
    return call.system.read(queries.show_rfq, call.args["ref"])


@bp.operation("GET", "/rfqs/<ref>/comparison", summary="Compare the offers of every line in the branch's currency "
              "per stock unit: cheapest and fastest marked, partial offers flagged", role=VIEWER,
              response=ComparisonView, query=ComparisonQuery, errors=(404, 409, 422))
def compare_rfq(call: Call) -> ComparisonView:
    wanted = call.query(ComparisonQuery)
    return call.system.read(queries.rfq_comparison, call.args["ref"],
                            day=wanted.day or call.system.bus.clock.now().date(),
                            include_expired=wanted.include_expired)


bp.actions(RFQ_ACTIONS)
