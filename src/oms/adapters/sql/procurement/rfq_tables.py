"""Tables of requests for quotation: the RFQ, its lines, invited suppliers, their quotations and lines, awards and
their lines, and its audit trail. `position` keeps each list's order."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.schema import SchemaItem

from oms.adapters.sql.shared.metadata import CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.procurement.rfqs import InvitationStatus, RfqStatus


def _child(parent_table: str, parent_column: str) -> list[SchemaItem]:
    return [Column("id", String(ID), primary_key=True),
            Column(parent_column, String(ID), ForeignKey(f"{parent_table}.id", ondelete="CASCADE"), nullable=False),
            Column("position", Integer, nullable=False),
            Index(None, parent_column, "position")]


rfqs = Table(
    "rfqs", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("notes", Text, nullable=False),
    Column("status", StrEnumType(RfqStatus), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_rfqs_created", "created_at", "id"),
)

rfq_lines = Table(
    "rfq_lines", metadata,
    *_child("rfqs", "rfq_id"),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("description", Text, nullable=False),
    Column("uom", String(16), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("wanted_date", Date, nullable=True),
)

rfq_suppliers = Table(
    "rfq_suppliers", metadata,
    *_child("rfqs", "rfq_id"),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("status", StrEnumType(InvitationStatus), nullable=False),
    Column("reason", Text, nullable=False),
)

rfq_quotations = Table(
    "rfq_quotations", metadata,
    *_child("rfqs", "rfq_id"),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("reference", Text, nullable=False),
)

rfq_quotation_lines = Table(
    "rfq_quotation_lines", metadata,
    *_child("rfq_quotations", "quotation_id"),
    Column("rfq_line_id", String(ID), nullable=False),
    Column("price", ExactDecimal(QUANTITY), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("min_quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("lead_time_days", Integer, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("purchase_unit", Text, nullable=False),
    Column("unit_factor", ExactDecimal(QUANTITY), nullable=False),
)

rfq_awards = Table(
    "rfq_awards", metadata,
    *_child("rfqs", "rfq_id"),
    Column("key", String(64), nullable=False),
    Column("awarded_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Index("ix_rfq_awards_rfq_id_key", "rfq_id", "key", unique=True),  # an award key once per RFQ
)

rfq_award_lines = Table(
    "rfq_award_lines", metadata,
    *_child("rfq_awards", "award_id"),
    Column("rfq_line_id", String(ID), nullable=False),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("quotation_id", String(ID), nullable=False),
    Column("quotation_line_id", String(ID), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("unit_price", ExactDecimal(QUANTITY), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("purchase_order_id", String(ID), nullable=True),
)

rfq_history = history_table("rfq_history", "rfqs")
