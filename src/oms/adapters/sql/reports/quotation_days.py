"""The quotations' days (`report_quotation_days`): the quotations created on each day (UTC) per branch, currency
and status, how many and their net totals, which the quotation-conversion report reads unfiltered or by branch
instead of every quotation of its range (a year's ~157,000 at 1,000,000 orders).

How it stays right:
- triggers on `quotations` (migration 0041) keep it in the statement that writes a quotation, by difference: its
  old row is taken off its day, branch, currency and status, its new row added, so it is the quotations' sum
  whatever writes them (a command, an import, a statement typed by hand) and whatever runs beside it; a row reaching
  zero quotations stays, at zero, and is not read;
- each day's quotations are spread over `SLOTS` rows by their id (the same quotation always in the same slot), so
  that transactions writing quotations of one branch on one day at once seldom wait for each other's row until
  they commit; the report adds the slots up. A transaction changing many quotations (the daily expiry) may meet
  another at two rows in the other order: PostgreSQL then stops one as a deadlock, which the unit of work reports
  as a conflict to run again (shared/errors.py);
- net totals are kept as whole ten-thousandths (a quotation's net total has at most 4 decimals), summed exactly on
  both databases;
- `rebuild_quotation_days` recomputes it from the quotations (`oms reports rebuild`), with the quotations' writers
  kept waiting meanwhile on PostgreSQL (SQLite has one writer at a time anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text

from oms.adapters.sql.reports.tables import report_quotation_days
from oms.adapters.sql.shared.metadata import AMOUNT
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.money import Currency
from oms.ports.reports.orders import QuotationFigures
from oms.ports.unit_of_work import UnitOfWork

SLOTS = 8
HEX_DIGITS = "0123456789abcdef"
# The expressions of migration 0041's triggers, of a quotations row: its day in UTC, its slot (the last hex digit of
# its id modulo 8, any other character 7), its net total in ten-thousandths (see the migration).
KEPT_AS = {
    "postgresql": {"day": "(created_at AT TIME ZONE 'UTC')::date",
                   "slot": f"(strpos('{HEX_DIGITS}', right(id, 1)) + 7) % {SLOTS}",
                   "net": f"(net_total * {10 ** AMOUNT})::bigint"},
    "sqlite": {"day": "substr(created_at, 1, 10)",
               "slot": f"(instr('{HEX_DIGITS}', substr(id, -1)) + 7) % {SLOTS}",
               "net": f"CAST(ROUND(CAST(net_total AS NUMERIC) * {10 ** AMOUNT}) AS INTEGER)"},
}
FILTERS = ("branch_id",)
"""The filters the summary can answer; any other (customer, product) reads the quotations themselves."""


def slot_of(quotation_id: str) -> int:
    """The slot a quotation counts in, as the triggers compute it."""
    return (HEX_DIGITS.find(quotation_id[-1:]) + SLOTS) % SLOTS


def fill_statement(dialect: str) -> str:
    """INSERT of the summary's rows recomputed from the quotations (into an empty table), in `dialect`'s SQL."""
    kept = KEPT_AS[dialect]
    return ("INSERT INTO report_quotation_days (day, branch_id, currency, status, slot, documents, net) "
            f"SELECT {kept['day']}, branch_id, currency, status, {kept['slot']}, COUNT(*), SUM({kept['net']}) "
            "FROM quotations GROUP BY 1, 2, 3, 4, 5")


def quotation_days(transaction: Transaction, first: date, end: date, branch_id: str | None
                   ) -> Sequence[QuotationFigures]:
    """The quotations created from `first` to before `end` by day, currency and status, from the summary (its slots
    added up), of one branch or all."""
    d = report_quotation_days.c

    def build() -> Any:
        documents = func.sum(d.documents)
        statement = select(d.day, d.currency, d.status, documents.label("count"), func.sum(d.net).label("net")).where(
            d.day >= bindparam("first", type_=d.day.type), d.day < bindparam("end", type_=d.day.type))
        if branch_id is not None:
            statement = statement.where(d.branch_id == bindparam("branch_id"))
        return statement.group_by(d.day, d.currency, d.status).having(documents > 0)

    statement = transaction.compiler.get(("reports", "quotation_days", branch_id is not None), build)
    rows = transaction.run(statement, {"first": first, "end": end, "branch_id": branch_id})
    found = [QuotationFigures(day=row["day"], currency=row["currency"], status=str(row["status"]),
                              count=int(row["count"]), net=_net(row["net"], row["currency"])) for row in rows]
    return sorted(found, key=lambda figure: (figure.day, figure.currency, figure.status))


def _net(ten_thousandths: Any, currency: str) -> Decimal:
    return Currency.of(currency).round(Decimal(int(ten_thousandths)).scaleb(-AMOUNT))


class SqlQuotationDays:
    """The summary's rebuild, in the reports' transaction."""

    _transaction: Transaction

    def rebuild_quotation_days(self) -> None:
        """Recompute the whole summary from the quotations. On PostgreSQL the quotations are locked against writes
        first (SHARE: reads go on) until the transaction ends, so that none is written between the old rows going
        and the new ones being summed: the triggers of a write then running beside it would add to rows it has not
        written yet, or to rows it clears."""
        transaction = self._transaction
        dialect = "postgresql" if transaction.is_postgres else "sqlite"
        if transaction.is_postgres:
            transaction.queue(transaction.compiler.get(("reports", "quotation_days", "lock"), lambda: text(
                "LOCK TABLE quotations IN SHARE MODE")), [{}])
        transaction.queue(transaction.compiler.get(("reports", "quotation_days", "clear"), lambda: delete(
            report_quotation_days)), [{}])
        transaction.queue(transaction.compiler.get(("reports", "quotation_days", "fill"), lambda: text(
            fill_statement(dialect))), [{}])


def rebuild_quotation_days(unit_of_work: Callable[[], UnitOfWork]) -> None:
    """Recompute the quotations' days from the quotations, in a transaction of its own (what a rebuild command
    runs)."""
    uow = unit_of_work()
    with uow:
        reports = uow.reports
        assert isinstance(reports, SqlQuotationDays), "the quotations' days are kept in SQL databases only"
        reports.rebuild_quotation_days()
        uow.commit()
