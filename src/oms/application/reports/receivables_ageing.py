"""Receivables ageing: what customers owe on a day on posted invoices, by days past due (ageing.py says how)."""

from __future__ import annotations

from oms.application.reports.ageing import ageing_table
from oms.application.reports.catalogue import Dating, ReportDefinition
from oms.application.reports.requests import Scope
from oms.domain.reports.tables import ReportTable
from oms.ports.unit_of_work import UnitOfWork

POSTED = "posted"
BASES = {POSTED: "posted invoices dated on or before the day, less posted credit notes and payments dated on or "
                 "before it, with tax, in the invoice's currency, by days past the due date"}


def receivables_ageing_report(uow: UnitOfWork, scope: Scope) -> ReportTable:
    return ageing_table(uow.reports.receivables_at, scope, report="receivables-ageing", party="customer",
                        documents="invoices, credit notes and payments", basis=f"Receivables: {BASES[POSTED]}")


RECEIVABLES_AGEING = ReportDefinition(
    name="receivables-ageing", title="Receivables ageing", dating=Dating.AS_OF, run=receivables_ageing_report,
    summary="What customers owe on posted invoices on a day, by days past due",
    groupings=("customer", "branch"), bases=(POSTED,), basis_meanings=BASES,
    filters=frozenset({"branch", "customer"}))
