"""The backlog's open order lines leave their index when their order closes: `order_lines.order_closed`, set by a
trigger on `sales_orders` when an order is cancelled or completed (statuses nothing leaves), by one on
`order_lines` when a line is written into an order closed already (a renewal's order is written completed), and
filled here.
`ix_order_lines_open` held every line never issued in full, the lines of cancelled and closed-short orders too
(175,000 of its 243,000 entries at 1,000,000 orders); it now holds the lines of orders not closed only, and the
backlog reads it whole and joins it to the open orders instead of looking each open order's lines up.

The flag is safe in one direction: a line of a closed order left unflagged only stays in the index (the backlog
joins the open orders anyway), and an order never reopens, so a flagged line is never one to ship. Confirming an
order (the hot path) writes no line: the trigger on orders fires when an order closes only; a line written looks
its order up by its key.

Revision ID: 0042
Revises: 0041
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0042"
down_revision: str | None = "0041"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLOSED = "('cancelled', 'completed')"
TO_SHIP = "quantity > quantity_issued AND kind <> 'service'"
TO_SHIP_SQLITE = "CAST(quantity AS NUMERIC) > CAST(quantity_issued AS NUMERIC) AND kind <> 'service'"
HOLDS = ["product_id", "sku", "quantity", "quantity_issued", "net"]

POSTGRESQL_FUNCTION = """
CREATE FUNCTION order_lines_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE order_lines SET order_closed = true WHERE sales_order_id = NEW.id AND NOT order_closed;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = ("CREATE TRIGGER sales_orders_closed AFTER UPDATE OF status ON sales_orders FOR EACH ROW "
                      f"WHEN (NEW.status IN {CLOSED} AND OLD.status NOT IN {CLOSED}) "
                      "EXECUTE FUNCTION order_lines_closed()")
POSTGRESQL_LINE_FUNCTION = f"""
CREATE FUNCTION order_line_of_closed_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.order_closed := EXISTS (SELECT FROM sales_orders WHERE id = NEW.sales_order_id AND status IN {CLOSED});
    RETURN NEW;
END
$$
"""
POSTGRESQL_LINE_TRIGGER = ("CREATE TRIGGER order_lines_closed BEFORE INSERT ON order_lines FOR EACH ROW "
                           "EXECUTE FUNCTION order_line_of_closed_order()")
SQLITE_LINE_TRIGGER = f"""CREATE TRIGGER order_lines_closed AFTER INSERT ON order_lines
    WHEN EXISTS (SELECT 1 FROM sales_orders WHERE id = NEW.sales_order_id AND status IN {CLOSED})
    BEGIN
        UPDATE order_lines SET order_closed = 1 WHERE id = NEW.id;
    END"""
SQLITE_TRIGGER = f"""CREATE TRIGGER sales_orders_closed AFTER UPDATE OF status ON sales_orders
    WHEN NEW.status IN {CLOSED} AND OLD.status NOT IN {CLOSED}
    BEGIN
        UPDATE order_lines SET order_closed = 1 WHERE sales_order_id = NEW.id AND NOT order_closed;
    END"""
FILL = (f"UPDATE order_lines SET order_closed = true WHERE sales_order_id IN "
        f"(SELECT id FROM sales_orders WHERE status IN {CLOSED})")


def _index(postgres: bool, condition: str) -> None:
    if postgres:
        op.create_index("ix_order_lines_open", "order_lines", ["sales_order_id", "position"], unique=False,
                        postgresql_ops={"sales_order_id": "varchar_pattern_ops"}, postgresql_include=HOLDS,
                        postgresql_where=sa.text(condition.format(to_ship=TO_SHIP)))
    else:
        op.create_index("ix_order_lines_open", "order_lines", ["sales_order_id", "position"], unique=False,
                        sqlite_where=sa.text(condition.format(to_ship=TO_SHIP_SQLITE)))


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.drop_index("ix_order_lines_open", table_name="order_lines")
    with op.batch_alter_table("order_lines") as batch:
        batch.add_column(sa.Column("order_closed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(FILL)
    if postgres:
        for statement in (POSTGRESQL_FUNCTION, POSTGRESQL_TRIGGER, POSTGRESQL_LINE_FUNCTION,
                          POSTGRESQL_LINE_TRIGGER):
            op.execute(statement)
    else:
        op.execute(SQLITE_TRIGGER)
        op.execute(SQLITE_LINE_TRIGGER)
    _index(postgres, "NOT order_closed AND {to_ship}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.drop_index("ix_order_lines_open", table_name="order_lines")
    op.execute("DROP TRIGGER order_lines_closed" + (" ON order_lines" if postgres else ""))
    op.execute("DROP TRIGGER sales_orders_closed" + (" ON sales_orders" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION order_line_of_closed_order()")
        op.execute("DROP FUNCTION order_lines_closed()")
    with op.batch_alter_table("order_lines") as batch:
        batch.drop_column("order_closed")
    _index(postgres, "{to_ship}")
