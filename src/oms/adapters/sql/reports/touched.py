"""The days of a sales basis that the outbox events after the summary's cursor touch: an order's booking day, the
days of its goods issues and return receipts, a posted invoice's date (what summary.py recomputes, and what a report
reads from the documents instead of the summary).

The events' documents are found first (each once), then each document's days by the index on its id: for a batch,
on PostgreSQL, through a LATERAL subquery; for a report, the documents are read first and their days asked for by
their ids. A join of the outbox to the goods issues by order, as it was, the planner hashed over every goods issue
at 1,000,000 orders when its statistics said many events waited for the relay (a second a report), and any plan it
thought large enough cost a JIT compilation of 0.3-0.7 s."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, true, union, union_all
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.tables import invoices
from oms.adapters.sql.reports.lines import Basis, day_of
from oms.adapters.sql.sales.tables import customer_returns, goods_issues, return_receipts, sales_orders
from oms.adapters.sql.shared.tables import outbox
from oms.domain.invoicing.invoices import InvoiceStatus


def pending_documents() -> Any:
    """The ids of the documents (`aggregate_id`) of every event after the cursor (`after`), sequenced or not yet,
    each once: two conditions each served by the index on `published_seq` (an OR of them would scan the outbox)."""
    seq = outbox.c.published_seq
    return union(*(select(outbox.c.aggregate_id).where(after) for after in (seq > bindparam("after"), seq.is_(None))))


def _sources(basis: Basis, postgres: bool) -> list[tuple[Any, Any, Any, list[ColumnElement[bool]]]]:
    """Where the basis's days are: (the day, the tables, their column that holds the event's document id, more
    conditions)."""
    if basis is Basis.BOOKINGS:
        o = sales_orders.c
        return [(day_of(o.created_at, postgres), sales_orders, o.id, [])]
    if basis is Basis.REVENUE:
        i = invoices.c
        return [(i.invoice_date, invoices, i.id, [i.status == InvoiceStatus.POSTED])]
    issue, back, receipt = goods_issues.c, customer_returns.c, return_receipts.c
    received = customer_returns.join(return_receipts, receipt.return_id == back.id)
    return [(day_of(issue.issued_at, postgres), goods_issues, issue.sales_order_id, []),
            (day_of(receipt.received_at, postgres), received, back.sales_order_id, [])]


def touched_days(basis: Basis, postgres: bool) -> Any:
    """The distinct days of the basis that the documents of the events of a batch (after `after`, up to `upto`)
    count on."""
    seq = outbox.c.published_seq
    documents = select(outbox.c.aggregate_id).where(seq > bindparam("after"), seq <= bindparam("upto")) \
        .distinct().subquery("documents")
    selects = []
    for day, tables, document, more in _sources(basis, postgres):
        if postgres:
            days = select(day.label("day")).select_from(tables).where(document == documents.c.aggregate_id, *more) \
                .distinct().lateral("days")
            selects.append(select(days.c.day).select_from(documents.join(days, true())))
        else:
            selects.append(select(day.label("day")).select_from(
                documents.join(tables, document == documents.c.aggregate_id)).where(*more))
    touched = (union_all(*selects) if len(selects) > 1 else selects[0]).subquery("touched")
    return select(touched.c.day).where(touched.c.day.is_not(None)).distinct()


def days_of(basis: Basis, postgres: bool, count: int) -> Any:
    """The distinct days of the basis that the documents `document_0` to `document_<count - 1>` count on."""
    selects = [select(day.label("day")).select_from(tables).where(
        document.in_([bindparam(f"document_{index}", type_=document.type) for index in range(count)]), *more)
        for day, tables, document, more in _sources(basis, postgres)]
    found = (union_all(*selects) if len(selects) > 1 else selects[0]).subquery("found")
    return select(found.c.day).where(found.c.day.is_not(None)).distinct()
