"""The SQL repository of requests for quotation, from the declaration of the aggregate."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from oms.adapters.sql.procurement import rfq_tables as t
from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Children, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.domain.procurement.awards import Award, AwardLine
from oms.domain.procurement.quotations import SupplierQuotation, SupplierQuotationLine
from oms.domain.procurement.rfqs import Rfq, RfqLine, RfqSupplier

RFQ = Aggregate(
    "rfq",
    Entity(Rfq, t.rfqs, not_stored=frozenset({"history"}), children=(
        Children("lines", Entity(RfqLine, t.rfq_lines), parent_column="rfq_id"),
        Children("suppliers", Entity(RfqSupplier, t.rfq_suppliers), parent_column="rfq_id"),
        Children("quotations", Entity(SupplierQuotation, t.rfq_quotations, children=(
            Children("lines", Entity(SupplierQuotationLine, t.rfq_quotation_lines), parent_column="quotation_id"),
        )), parent_column="rfq_id"),
        Children("awards", Entity(Award, t.rfq_awards, children=(
            Children("lines", Entity(AwardLine, t.rfq_award_lines), parent_column="award_id"),
        )), parent_column="rfq_id"),
    )),
    natural_key="number", audit_trail=AuditTrail(t.rfq_history), lock=True)

AGGREGATES = (RFQ,)


class SqlRfqRepository(SqlRepository[Rfq]):
    aggregate = RFQ

    def by_number(self, number: str) -> Rfq | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[Rfq]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))
