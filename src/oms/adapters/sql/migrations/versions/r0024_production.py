"""Production: bills of materials (lines, operations; revisions numbered once per product), production work orders
(components with what each needs a unit made, outputs, consumption lines, transfers, deviations, audit trail) and
service orders (labour lines, milestones, invoiced and credited quantities, audit trail; one service order a sales
order line). CHECK constraints guard the quantities the domain keeps positive or in range. Work orders are numbered
from the WO sequence (migration 0007), service orders too.

Revision ID: 0024
Revises: 0023
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py), so checks
# compare them as numbers.
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
STATUS = sa.String(length=32)


def _number(column: str) -> str:
    return f"CAST({column} AS NUMERIC)"


def _positive(table: str, *columns: str) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{_number(column)} > 0", name=f"ck_{table}_{column}_positive") for column in columns]


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete="CASCADE" if cascade else None)


def _child(table: str, parent_table: str, parent_column: str, *, own_id: bool = True) -> list[SchemaItem]:
    """A child's ties to its parent: its own id, or (parent, position) as its key."""
    items: list[SchemaItem] = [sa.Column(parent_column, ID, nullable=False),
                               sa.Column("position", sa.Integer(), nullable=False),
                               _fk(table, parent_column, parent_table, cascade=True)]
    if own_id:
        return [sa.Column("id", ID, nullable=False), *items, sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))]
    return [*items, sa.PrimaryKeyConstraint(parent_column, "position", name=op.f(f"pk_{table}"))]


def _history(table: str, parent_table: str) -> None:
    op.create_table(
        table,
        sa.Column("document_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", STATUS, nullable=False),
        sa.Column("to_status", STATUS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk(table, "document_id", parent_table, cascade=True),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f(f"pk_{table}")),
    )


def upgrade() -> None:
    op.create_table(
        "boms",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("output_quantity", EXACT, nullable=False),
        sa.Column("output_decimals", sa.Integer(), nullable=False),
        sa.Column("overhead_per_unit", EXACT, nullable=False),
        sa.Column("consumption", STATUS, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("boms", "product_id", "products"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boms")),
        sa.UniqueConstraint("product_id", "revision", name=op.f("uq_boms_product_id_revision")),
        *_positive("boms", "output_quantity"),
        sa.CheckConstraint("revision >= 1", name="ck_boms_revision"),
    )
    op.create_table(
        "bom_lines",
        *_child("bom_lines", "boms", "bom_id", own_id=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("scrap_percent", EXACT, nullable=False),
        sa.Column("kind", STATUS, nullable=False),
        _fk("bom_lines", "product_id", "products"),
        *_positive("bom_lines", "quantity"),
        sa.CheckConstraint(f"{_number('scrap_percent')} >= 0 AND {_number('scrap_percent')} < 100",
                           name="ck_bom_lines_scrap_percent"),
    )
    op.create_table(
        "bom_operations",
        *_child("bom_operations", "boms", "bom_id", own_id=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("hours", EXACT, nullable=False),
        sa.Column("rate", EXACT, nullable=False),
        *_positive("bom_operations", "hours"),
    )
    op.create_table(
        "work_orders",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("bom_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("output_decimals", sa.Integer(), nullable=False),
        sa.Column("overproduction_percent", EXACT, nullable=False),
        sa.Column("consumption", STATUS, nullable=False),
        sa.Column("labour_cost", EXACT, nullable=False),
        sa.Column("labour_basis", EXACT, nullable=False),
        sa.Column("overhead_per_unit", EXACT, nullable=False),
        sa.Column("backflush", STATUS, nullable=False),
        sa.Column("parent_id", ID, nullable=True),
        sa.Column("sales_order_id", ID, nullable=True),
        sa.Column("sales_line_id", ID, nullable=True),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("work_orders", "bom_id", "boms"),
        _fk("work_orders", "product_id", "products"),
        _fk("work_orders", "warehouse_id", "warehouses"),
        _fk("work_orders", "parent_id", "work_orders"),
        _fk("work_orders", "sales_order_id", "sales_orders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_work_orders_number")),
        *_positive("work_orders", "quantity", "labour_basis"),
        sa.CheckConstraint(f"{_number('overproduction_percent')} >= 0 AND {_number('overproduction_percent')} <= 100",
                           name="ck_work_orders_overproduction_percent"),
    )
    op.create_index(op.f("ix_work_orders_parent_id"), "work_orders", ["parent_id"])
    op.create_index(op.f("ix_work_orders_sales_order_id"), "work_orders", ["sales_order_id"])
    op.create_index("ix_work_orders_created", "work_orders", ["created_at", "id"])
    op.create_table(
        "work_order_components",
        *_child("work_order_components", "work_orders", "work_order_id"),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("per_unit", sa.Text(), nullable=False),  # an exact fraction: "160/19"
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("kind", STATUS, nullable=False),
        sa.Column("required", EXACT, nullable=False),
        sa.Column("held", EXACT, nullable=False),
        _fk("work_order_components", "product_id", "products"),
        sa.CheckConstraint(f"{_number('required')} >= 0", name="ck_work_order_components_required"),
        sa.CheckConstraint(f"{_number('held')} >= 0", name="ck_work_order_components_held"),
    )
    op.create_index(op.f("ix_work_order_components_work_order_id_position"), "work_order_components",
                    ["work_order_id", "position"])
    op.create_table(
        "work_order_outputs",
        *_child("work_order_outputs", "work_orders", "work_order_id"),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        *[sa.Column(name, EXACT, nullable=False)
          for name in ("component_value", "labour_value", "overhead_value", "value", "unit_cost")],
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.UniqueConstraint("reference", name=op.f("uq_work_order_outputs_reference")),
        *_positive("work_order_outputs", "quantity"),
    )
    op.create_index(op.f("ix_work_order_outputs_work_order_id_position"), "work_order_outputs",
                    ["work_order_id", "position"])
    op.create_table(
        "work_order_consumptions",
        *_child("work_order_consumptions", "work_orders", "work_order_id"),
        sa.Column("output_id", ID, nullable=False),
        sa.Column("component_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("from_reservation", EXACT, nullable=False),
        sa.Column("value", EXACT, nullable=False),
        _fk("work_order_consumptions", "output_id", "work_order_outputs", cascade=True),
        _fk("work_order_consumptions", "component_id", "work_order_components", cascade=True),
        _fk("work_order_consumptions", "product_id", "products"),
        *_positive("work_order_consumptions", "quantity"),
        sa.CheckConstraint(f"{_number('from_reservation')} >= 0 AND "
                           f"{_number('from_reservation')} <= {_number('quantity')}",
                           name="ck_work_order_consumptions_from_reservation"),
    )
    op.create_index(op.f("ix_work_order_consumptions_work_order_id_position"), "work_order_consumptions",
                    ["work_order_id", "position"])
    op.create_index(op.f("ix_work_order_consumptions_output_id"), "work_order_consumptions", ["output_id"])
    op.create_index(op.f("ix_work_order_consumptions_component_id"), "work_order_consumptions", ["component_id"])
    op.create_table(
        "work_order_transfers",
        *_child("work_order_transfers", "work_orders", "work_order_id", own_id=False),
        sa.Column("component_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        _fk("work_order_transfers", "component_id", "work_order_components", cascade=True),
        *_positive("work_order_transfers", "quantity"),
    )
    op.create_index(op.f("ix_work_order_transfers_component_id"), "work_order_transfers", ["component_id"])
    op.create_table(
        "work_order_deviations",
        *_child("work_order_deviations", "work_orders", "work_order_id", own_id=False),
        sa.Column("output_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("expected", EXACT, nullable=False),
        sa.Column("actual", EXACT, nullable=False),
        _fk("work_order_deviations", "output_id", "work_order_outputs", cascade=True),
        _fk("work_order_deviations", "product_id", "products"),
    )
    op.create_index(op.f("ix_work_order_deviations_output_id"), "work_order_deviations", ["output_id"])
    _history("work_order_history", "work_orders")
    op.create_table(
        "service_orders",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("policy", STATUS, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("unit_price", EXACT, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("customer_id", ID, nullable=True),
        sa.Column("sales_order_id", ID, nullable=True),
        sa.Column("sales_line_id", ID, nullable=True),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("technician", sa.Text(), nullable=False),
        sa.Column("slot_start", TIMESTAMP, nullable=True),
        sa.Column("slot_end", TIMESTAMP, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("service_orders", "product_id", "products"),
        _fk("service_orders", "customer_id", "customers"),
        _fk("service_orders", "sales_order_id", "sales_orders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_service_orders_number")),
        sa.UniqueConstraint("sales_line_id", name=op.f("uq_service_orders_sales_line_id")),
    )
    op.create_index(op.f("ix_service_orders_sales_order_id"), "service_orders", ["sales_order_id"])
    op.create_index("ix_service_orders_created", "service_orders", ["created_at", "id"])
    op.create_table(
        "service_order_labour",
        *_child("service_order_labour", "service_orders", "service_order_id"),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", EXACT, nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("invoice_line_id", ID, nullable=True),
        sa.CheckConstraint(f"{_number('hours')} > 0 AND {_number('hours')} <= 24",
                           name="ck_service_order_labour_hours"),
    )
    op.create_index(op.f("ix_service_order_labour_service_order_id_position"), "service_order_labour",
                    ["service_order_id", "position"])
    op.create_table(
        "service_order_milestones",
        *_child("service_order_milestones", "service_orders", "service_order_id"),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        *_positive("service_order_milestones", "quantity"),
    )
    op.create_index(op.f("ix_service_order_milestones_service_order_id_position"), "service_order_milestones",
                    ["service_order_id", "position"])
    op.create_table(
        "service_order_billings",
        *_child("service_order_billings", "service_orders", "service_order_id", own_id=False),
        sa.Column("document_line_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
    )
    _history("service_order_history", "service_orders")


def downgrade() -> None:
    for table in ("service_order_history", "service_order_billings", "service_order_milestones",
                  "service_order_labour", "service_orders", "work_order_history", "work_order_deviations",
                  "work_order_transfers", "work_order_consumptions", "work_order_outputs", "work_order_components",
                  "work_orders", "bom_operations", "bom_lines", "boms"):
        op.drop_table(table)  # their indexes go with them
