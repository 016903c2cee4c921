"""Columns shared by production's tables: a child's ties to its parent, the audit trail's table, and CHECK
constraints that compare decimals as numbers (`CAST(... AS NUMERIC)`: SQLite keeps them as text)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String
from sqlalchemy.schema import SchemaItem

from oms.adapters.sql.shared.metadata import ID


def numeric(column: str) -> str:
    """The column's value as a number, whatever the database keeps it as."""
    return f"CAST({column} AS NUMERIC)"


def positive(table: str, *columns: str) -> list[SchemaItem]:
    """A CHECK constraint per column that its value is greater than zero."""
    return [CheckConstraint(f"{numeric(column)} > 0", name=f"ck_{table}_{column}_positive") for column in columns]


def child_columns(parent_table: str, parent_column: str, *, own_id: bool = True) -> list[SchemaItem]:
    """The columns that tie a child row to its parent: its own id, or (parent, position) as its key."""
    parent = Column(parent_column, String(ID), ForeignKey(f"{parent_table}.id", ondelete="CASCADE"), nullable=False,
                    primary_key=not own_id)
    position = Column("position", Integer, nullable=False, primary_key=not own_id)
    if not own_id:
        return [parent, position]
    return [Column("id", String(ID), primary_key=True), parent, position, Index(None, parent_column, "position")]

