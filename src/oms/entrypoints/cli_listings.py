"""Listing rows for `oms quotation list` and `oms order list`."""

from __future__ import annotations

from typing import Any

import oms


def _codes(system: oms.OrderManagement) -> tuple[dict[str, str], dict[str, str]]:
    with system.uow_factory() as uow:
        return ({c.id: c.code for c in uow.customers.list()}, {b.id: b.code for b in uow.branches.list()})


def quotation_rows(system: oms.OrderManagement, *, status: str | None, customer: str | None, branch: str | None,
                   limit: int) -> list[dict[str, Any]]:
    customers, branches = _codes(system)
    with system.uow_factory() as uow:
        found = [q for q in uow.quotations.list()
                 if (status is None or q.status == status)
                 and (customer is None or customers[q.customer_id] == customer)
                 and (branch is None or branches[q.branch_id] == branch)]
    found.sort(key=lambda q: (q.created_at, q.id), reverse=True)
    return [{"id": q.id, "number": q.number, "status": q.status.value, "customer": customers[q.customer_id],
             "branch": branches[q.branch_id], "valid_until": q.valid_until.isoformat(),
             "grand_total": str(q.grand_total), "currency": q.currency} for q in found[:limit]]


def order_rows(system: oms.OrderManagement, *, status: str | None, customer: str | None, branch: str | None,
               limit: int) -> list[dict[str, Any]]:
    customers, branches = _codes(system)
    with system.uow_factory() as uow:
        found = [o for o in uow.sales_orders.list()
                 if (status is None or o.status == status)
                 and (customer is None or customers[o.customer_id] == customer)
                 and (branch is None or branches[o.branch_id] == branch)]
    found.sort(key=lambda o: (o.created_at, o.id), reverse=True)
    return [{"id": o.id, "number": o.number, "status": o.status.value, "customer": customers[o.customer_id],
             "branch": branches[o.branch_id], "created_at": o.created_at.isoformat(),
             "grand_total": str(o.grand_total), "currency": o.currency} for o in found[:limit]]
