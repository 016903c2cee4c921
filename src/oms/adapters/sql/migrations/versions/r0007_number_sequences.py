"""Document numbers from PostgreSQL sequences (every type but the gapless invoice), continuing from the counters.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The document types of this revision whose numbers may have gaps (DocumentType.gapless is False).
KINDS = ("Q", "SO", "GI", "ADJ", "GR", "RFQ", "PO", "WO", "SUB")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite keeps counting in the sequences table (its writers take turns)
    for kind in KINDS:
        name = f"number_{kind.lower()}"
        op.execute(f"CREATE SEQUENCE {name} AS BIGINT MINVALUE 1")
        op.execute(f"SELECT setval('{name}', value) FROM sequences WHERE kind = '{kind}' AND value > 0")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind in KINDS:
        name = f"number_{kind.lower()}"
        op.execute(f"INSERT INTO sequences (kind, value) SELECT '{kind}', last_value FROM {name} WHERE is_called "
                   "ON CONFLICT (kind) DO UPDATE SET value = excluded.value")
        op.execute(f"DROP SEQUENCE {name}")
