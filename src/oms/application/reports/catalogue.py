"""Every report, declared once: its name, what it groups by, which documents it counts, the filters it takes and
the function that makes its table. The HTTP API, the CLI and the console serve every report from this catalogue,
so a report added here is reachable through all of them (and exportable as CSV, SVG and PNG)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date

from attrs import frozen

from oms.application.reports.requests import FILTERS, ReportRequest, Scope, resolve, settled_range
from oms.domain.reports.tables import ReportTable
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.ports.unit_of_work import UnitOfWork


class Dating(enum.StrEnum):
    RANGE = "range"  # covers the days from `start` to `end`
    AS_OF = "as_of"  # taken at a day (`as_of`): a balance, an ageing, what is open
    NONE = "none"  # what is open now


@frozen(kw_only=True)
class ReportDefinition:
    """`groupings`: the values `by` takes, the first the default (none: the report has one grouping); `bases`:
    the values `basis` takes, the first the default, each explained in `basis_meanings`; `filters`: those of
    `FILTERS` it takes."""

    name: str
    title: str
    summary: str
    dating: Dating
    run: Callable[[UnitOfWork, Scope], ReportTable]
    groupings: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    basis_meanings: Mapping[str, str] = {}
    filters: frozenset[str] = frozenset()

    def __attrs_post_init__(self) -> None:
        unknown = self.filters - set(FILTERS)
        if unknown:
            raise ValueError(f"{self.name}: unknown filters {sorted(unknown)}")


def _definitions() -> dict[str, ReportDefinition]:
    from oms.application.reports.backlog import BACKLOG
    from oms.application.reports.carts import CART_RECOVERY
    from oms.application.reports.margins import GROSS_MARGIN
    from oms.application.reports.mrr import MRR
    from oms.application.reports.order_analysis import ORDER_ANALYSIS
    from oms.application.reports.payables_ageing import PAYABLES_AGEING
    from oms.application.reports.purchase_commitments import PURCHASE_COMMITMENTS
    from oms.application.reports.purchase_spend import PURCHASE_SPEND
    from oms.application.reports.quotations import QUOTATION_CONVERSION
    from oms.application.reports.receivables_ageing import RECEIVABLES_AGEING
    from oms.application.reports.sales import SALES
    from oms.application.reports.slow_movers import SLOW_MOVERS
    from oms.application.reports.stock_cover import STOCK_COVER
    from oms.application.reports.stock_valuation import STOCK_VALUATION
    from oms.application.reports.supplier_on_time import SUPPLIER_ON_TIME

    found = {}
    for definition in (SALES, GROSS_MARGIN, BACKLOG, ORDER_ANALYSIS, QUOTATION_CONVERSION, MRR, CART_RECOVERY,
                       PURCHASE_SPEND, PURCHASE_COMMITMENTS, SUPPLIER_ON_TIME, RECEIVABLES_AGEING, PAYABLES_AGEING,
                       STOCK_VALUATION, SLOW_MOVERS, STOCK_COVER):
        found[definition.name] = definition
    return found


_REPORTS: dict[str, ReportDefinition] = {}


def report_catalogue() -> Mapping[str, ReportDefinition]:
    """Every report by name, in the order a menu lists them."""
    if not _REPORTS:
        _REPORTS.update(_definitions())
    return _REPORTS


def report_named(name: str) -> ReportDefinition:
    found = report_catalogue().get(name)
    if found is None:
        raise NotFound("report", name)
    return found


def scope_of(uow: UnitOfWork, definition: ReportDefinition, request: ReportRequest, today: date) -> Scope:
    """The request checked against what the report takes, its codes resolved and its dates settled."""
    for name, _ in request.given_filters().items():
        if name not in definition.filters:
            raise InvalidValue(name, f"is not a filter of the {definition.name} report")
    by = _choice("by", request.by, definition.groupings, definition.name)
    basis = _choice("basis", request.basis, definition.bases, definition.name)
    if definition.dating is not Dating.RANGE and (request.start is not None or request.end is not None):
        raise InvalidValue("start" if request.start is not None else "end",
                           f"the {definition.name} report is taken at a day (as_of), not over a period"
                           if definition.dating is Dating.AS_OF else
                           f"the {definition.name} report shows what stands now, not a period")
    if definition.dating is not Dating.AS_OF and request.as_of is not None:
        raise InvalidValue("as_of", f"the {definition.name} report covers a period (start, end), not a day"
                           if definition.dating is Dating.RANGE else
                           f"the {definition.name} report shows what stands now; it takes no day")
    if request.as_of is not None and request.as_of > today:
        raise InvalidValue("as_of", "must not be in the future")
    return Scope(today=today, by=by, basis=basis,
                 range=settled_range(request, today) if definition.dating is Dating.RANGE else None,
                 as_of=(request.as_of or today) if definition.dating is Dating.AS_OF else None,
                 filters=tuple(request.given_filters().items()), **resolve(uow, request))


def _choice(field: str, given: str | None, allowed: tuple[str, ...], report: str) -> str | None:
    if not allowed:
        if given is not None:
            raise InvalidValue(field, f"the {report} report takes no {field}")
        return None
    if given is None:
        return allowed[0]
    if given not in allowed:
        raise InvalidValue(field, f"must be one of {', '.join(allowed)}")
    return given


def run_report(uow: UnitOfWork, name: str, request: ReportRequest, today: date) -> ReportTable:
    """The report `name` for `request` (NotFound for a report that does not exist; InvalidValue naming the field
    for a filter, grouping, basis or date it does not take)."""
    definition = report_named(name)
    return definition.run(uow, scope_of(uow, definition, request, today))
