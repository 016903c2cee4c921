"""The invariant check that ends every scenario, read straight from the tables (not through oms's own code):

- stock is never negative: on_hand, reserved and available (on_hand - reserved) are all >= 0;
- on_hand is the sum of the level's movements, reserved the sum of its open reservations (quantity - issued -
  released);
- every order the server acknowledged with a 2xx is in the database, with all its lines, in at least the status
  acknowledged;
- nothing is half written: no orphan rows (lines, reservations, goods issues, audit trail, movements without their
  parent), no draft holding reservations, no confirmed order whose stocked lines are not fully reserved (unless it
  allows backorders), no order past draft without its audit trail entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import frozen
from sqlalchemy import create_engine, text

from oms.adapters.sql.shared.metadata import complete_metadata

ORPHANS = {
    "order lines without their order":
        "SELECT count(*) FROM order_lines l LEFT JOIN sales_orders o ON o.id = l.sales_order_id WHERE o.id IS NULL",
    "reservations without their order line":
        "SELECT count(*) FROM reservations r LEFT JOIN order_lines l ON l.id = r.line_id "
        "AND l.sales_order_id = r.sales_order_id WHERE l.id IS NULL",
    "goods issues without their order":
        "SELECT count(*) FROM goods_issues g LEFT JOIN sales_orders o ON o.id = g.sales_order_id WHERE o.id IS NULL",
    "goods issue lines without their goods issue":
        "SELECT count(*) FROM goods_issue_lines l LEFT JOIN goods_issues g ON g.id = l.goods_issue_id "
        "WHERE g.id IS NULL",
    "order history without its order":
        "SELECT count(*) FROM sales_order_history h LEFT JOIN sales_orders o ON o.id = h.document_id "
        "WHERE o.id IS NULL",
    "quotation lines without their quotation":
        "SELECT count(*) FROM quotation_lines l LEFT JOIN quotations q ON q.id = l.quotation_id WHERE q.id IS NULL",
    "stock movements without their stock level":
        "SELECT count(*) FROM stock_movements m LEFT JOIN stock_levels s ON s.product_id = m.product_id "
        "AND s.warehouse_id = m.warehouse_id WHERE s.product_id IS NULL",
    "drafts holding reservations":
        "SELECT count(DISTINCT o.id) FROM sales_orders o JOIN reservations r ON r.sales_order_id = o.id "
        "WHERE o.status = 'draft'",
    "orders past draft without an audit trail":
        "SELECT count(*) FROM sales_orders o WHERE o.status <> 'draft' AND NOT EXISTS "
        "(SELECT 1 FROM sales_order_history h WHERE h.document_id = o.id)",
}
UNDER_RESERVED = """
SELECT o.number, l.id, l.quantity, r.quantity AS reserved
FROM sales_orders o JOIN order_lines l ON l.sales_order_id = o.id
LEFT JOIN reservations r ON r.line_id = l.id AND r.sales_order_id = o.id
WHERE o.status = 'confirmed' AND NOT o.allow_backorder AND l.kind = 'stocked'
"""
PAST = {"draft": {"draft", "confirmed", "partially_issued", "issued", "completed", "cancelled", "on_hold"},
        "confirmed": {"confirmed", "partially_issued", "issued", "completed", "cancelled", "on_hold"}}


@frozen
class Acknowledged:
    """An order the server answered 2xx for: its number, how many lines it was sent with, its status then."""

    number: str
    lines: int
    status: str = "draft"


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _engine_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


def table_counts(url: str) -> dict[str, int]:
    """Rows in every table of oms's schema."""
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as connection:
            return {table.name: int(connection.execute(text(f'SELECT count(*) FROM "{table.name}"')).scalar_one())
                    for table in complete_metadata().sorted_tables}
    finally:
        engine.dispose()


def check(url: str, acknowledged: Mapping[str, Acknowledged] | None = None) -> list[str]:
    """Every violation found, as a sentence; an empty list when all invariants hold."""
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as connection:
            return (_stock(connection) + _orphans(connection) + _reservations(connection)
                    + _acknowledged(connection, acknowledged or {}))
    finally:
        engine.dispose()


def _stock(connection: Any) -> list[str]:
    moved: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in connection.execute(text("SELECT product_id, warehouse_id, quantity FROM stock_movements")):
        moved[(row.product_id, row.warehouse_id)] += _decimal(row.quantity)
    held: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in connection.execute(text("SELECT product_id, warehouse_id, quantity, issued, released "
                                       "FROM reservations")):
        held[(row.product_id, row.warehouse_id)] += (_decimal(row.quantity) - _decimal(row.issued)
                                                     - _decimal(row.released))
    found = []
    for row in connection.execute(text("SELECT product_id, warehouse_id, on_hand, reserved FROM stock_levels")):
        key, on_hand, reserved = (row.product_id, row.warehouse_id), _decimal(row.on_hand), _decimal(row.reserved)
        if on_hand < 0 or reserved < 0 or on_hand - reserved < 0:
            found.append(f"stock of {key} is negative: on_hand {on_hand}, reserved {reserved}")
        if on_hand != moved[key]:
            found.append(f"on_hand of {key} is {on_hand}, its movements add up to {moved[key]}")
        if reserved != held[key]:
            found.append(f"reserved of {key} is {reserved}, its open reservations add up to {held[key]}")
    return found


def _orphans(connection: Any) -> list[str]:
    counts = {name: int(connection.execute(text(sql)).scalar_one()) for name, sql in ORPHANS.items()}
    return [f"{count} {name}" for name, count in counts.items() if count]


def _reservations(connection: Any) -> list[str]:
    reserved: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    quantity: dict[tuple[str, str], Decimal] = {}
    for row in connection.execute(text(UNDER_RESERVED)):
        key = (row.number, row.id)
        quantity[key] = _decimal(row.quantity)
        if row.reserved is not None:
            reserved[key] += _decimal(row.reserved)
    return [f"confirmed order {number} reserved {reserved[(number, line)]} of {wanted} on line {line}"
            for (number, line), wanted in quantity.items() if reserved[(number, line)] != wanted]


def _acknowledged(connection: Any, acknowledged: Mapping[str, Acknowledged]) -> list[str]:
    if not acknowledged:
        return []
    stored: dict[str, tuple[str, int]] = {}
    rows = connection.execute(text("SELECT o.number, o.status, count(l.id) AS lines FROM sales_orders o "
                                   "LEFT JOIN order_lines l ON l.sales_order_id = o.id GROUP BY o.number, o.status"))
    for row in rows:
        stored[row.number] = (row.status, int(row.lines))
    found = []
    for number, ack in acknowledged.items():
        if number not in stored:
            found.append(f"acknowledged order {number} is not in the database")
            continue
        status, lines = stored[number]
        if lines != ack.lines:
            found.append(f"acknowledged order {number} has {lines} lines, not {ack.lines}")
        if status not in PAST.get(ack.status, {ack.status}):
            found.append(f"order {number} was acknowledged {ack.status} but is {status}")
    return found
