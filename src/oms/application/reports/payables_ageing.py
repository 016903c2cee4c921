"""Payables ageing: what we owe suppliers on a day on posted vendor bills, by days past due (ageing.py says how)."""

from __future__ import annotations

from oms.application.reports.ageing import ageing_table
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import ReportTable
from oms.ports.unit_of_work import UnitOfWork

POSTED = "posted"
BASES = {POSTED: "posted vendor bills dated on or before the day, less posted debit notes and payments to suppliers "
                 "dated on or before it, with tax, in the bill's currency, by days past the due date"}


def payables_ageing_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    return ageing_table(uow.reports.payables_at, scope, report="payables-ageing", party="supplier",
                        documents="bills, debit notes and payments", basis=f"Payables: {BASES[POSTED]}")


PAYABLES_AGEING = ReportDefinition(
    name="payables-ageing", title="Payables ageing", dating=Dating.AS_OF, run=payables_ageing_report,
    summary="What we owe suppliers on posted vendor bills on a day, by days past due",
    groupings=("supplier", "branch"), bases=(POSTED,), basis_meanings=BASES,
    filters=frozenset({"branch", "supplier"}))
