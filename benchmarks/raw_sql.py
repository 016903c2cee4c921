"""The raw ceiling: an order placed by one plain SQL transaction written directly with the driver (sqlite3 or
psycopg 3), in oms's own tables: one sales_orders row, its order_lines rows, and one guarded stock update per line
(`reserved = reserved + q WHERE on_hand - reserved >= q`, in product order, so concurrent placements never deadlock).

It is what the sales core's create + confirm boils down to, without what oms adds: the lookups of customer, branch,
products and tax rates, the number sequence, the reservation rows, the audit trail, the event outbox, the versions,
and a second transaction. The SQLite connection is configured as oms configures its own (WAL, foreign keys, a busy
timeout, BEGIN IMMEDIATE).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import psycopg
from attrs import frozen
from sqlalchemy.engine import make_url

TAX_RATE = Decimal("0.19")
CENT = Decimal("0.01")

ORDER = """
INSERT INTO sales_orders (id, number, customer_id, branch_id, currency, created_at, tax_exempt, prices_include_tax,
    tax_rounding, order_discount_kind, order_discount_value, status, gross_amount, discount_total, net_total,
    tax_total, grand_total, version, allow_backorder, over_delivery_percent, customer_reference, quotation_id,
    held_from)
VALUES (%(id)s, %(number)s, %(customer_id)s, %(branch_id)s, 'EUR', %(created_at)s, %(false)s, %(false)s,
    'per_line', NULL, NULL, 'confirmed', %(net)s, %(zero)s, %(net)s, %(tax)s, %(total)s, 1, %(false)s, %(zero)s,
    '', NULL, NULL)
"""
LINE = """
INSERT INTO order_lines (id, sales_order_id, position, product_id, sku, description, kind, uom, quantity, unit_price,
    tax_category, tax_rate, invoice_policy, discount_kind, discount_value, gross_amount, line_discount, order_discount,
    net, tax, total, quantity_issued, quantity_returned)
VALUES (%(id)s, %(order_id)s, %(position)s, %(product_id)s, %(sku)s, %(description)s, 'stocked', 'unit', %(quantity)s,
    %(price)s, 'standard', %(rate)s, 'delivered', NULL, NULL, %(net)s, %(zero)s, %(zero)s, %(net)s, %(tax)s,
    %(total)s, %(zero)s, %(zero)s)
"""
RESERVE = """
UPDATE stock_levels SET reserved = reserved + %(quantity)s, version = version + 1
WHERE product_id = %(product_id)s AND warehouse_id = %(warehouse_id)s AND on_hand - reserved >= %(quantity)s
"""


def _sqlite(statement: str) -> str:
    return re.sub(r"%\((\w+)\)s", r":\1", statement)


@frozen
class RawProduct:
    id: str
    sku: str
    price: Decimal


@frozen
class Catalog:
    """The ids the raw transaction writes, looked up once (oms looks them up in every command)."""

    customer_id: str
    branch_id: str
    warehouse_id: str
    products: dict[str, RawProduct]


class RawPlacer:
    """Places orders on one connection of its own; one placer per thread."""

    def __init__(self, database_url: str, catalog: Catalog) -> None:
        url = make_url(database_url)
        self.catalog = catalog
        self.sqlite = url.get_backend_name() == "sqlite"
        self._connection: Any
        if self.sqlite:
            connection = sqlite3.connect(url.database or "", isolation_level=None, check_same_thread=False,
                                         timeout=30)
            for pragma in ("busy_timeout = 30000", "journal_mode = WAL", "foreign_keys = ON"):
                connection.execute(f"PRAGMA {pragma}")
            self._connection = connection
            self._statements = {name: _sqlite(sql) for name, sql in (("order", ORDER), ("line", LINE),
                                                                      ("reserve", RESERVE))}
        else:
            conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._connection = psycopg.connect(conninfo, autocommit=False)
            self._statements = {"order": ORDER, "line": LINE, "reserve": RESERVE}

    @classmethod
    def lookup(cls, database_url: str, *, customer: str, branch: str, warehouse: str,
               skus: Sequence[str]) -> Catalog:
        placer = cls(database_url, Catalog("", "", "", {}))
        try:
            def one(sql: str, value: str) -> Any:
                rows = placer._query(sql, {"code": value})
                if not rows:
                    raise LookupError(f"{value!r} not found ({sql})")
                return rows[0]

            products = {}
            for sku in skus:
                product_id, price = one("SELECT id, price FROM products WHERE sku = %(code)s", sku)
                products[sku] = RawProduct(product_id, sku, Decimal(str(price)))
            return Catalog(customer_id=one("SELECT id FROM customers WHERE code = %(code)s", customer)[0],
                           branch_id=one("SELECT id FROM branches WHERE code = %(code)s", branch)[0],
                           warehouse_id=one("SELECT id FROM warehouses WHERE code = %(code)s", warehouse)[0],
                           products=products)
        finally:
            placer.close()

    def _query(self, sql: str, parameters: dict[str, Any]) -> list[Any]:
        cursor = self._connection.execute(_sqlite(sql) if self.sqlite else sql, parameters)
        rows = list(cursor.fetchall())
        if not self.sqlite:
            self._connection.rollback()
        return rows

    def place(self, lines: Sequence[tuple[str, int]]) -> str | None:
        """One transaction: the order, its lines (sku, quantity), the guarded stock updates. Returns the order's
        number, or None (and nothing written) if a line's product has not enough available stock."""
        order_id, now = uuid.uuid4().hex, datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        net_total, tax_total = Decimal(0), Decimal(0)
        for position, (sku, quantity) in enumerate(lines, start=1):
            product = self.catalog.products[sku]
            net = (product.price * quantity).quantize(CENT)
            tax = (net * TAX_RATE).quantize(CENT)
            net_total, tax_total = net_total + net, tax_total + tax
            rows.append({"id": uuid.uuid4().hex, "order_id": order_id, "position": position,
                         "product_id": product.id, "sku": sku, "description": sku, "quantity": Decimal(quantity),
                         "price": product.price, "rate": TAX_RATE, "net": net, "tax": tax, "total": net + tax,
                         "zero": Decimal(0)})
        order = {"id": order_id, "number": f"RAW-{order_id[:20]}", "customer_id": self.catalog.customer_id,
                 "branch_id": self.catalog.branch_id, "created_at": now, "false": False, "net": net_total,
                 "tax": tax_total, "total": net_total + tax_total, "zero": Decimal(0)}
        # The quantity as a number: on SQLite a text parameter would compare as text with the numeric difference.
        reserve = [{"product_id": self.catalog.products[sku].id, "warehouse_id": self.catalog.warehouse_id,
                    "quantity": quantity}
                   for sku, quantity in sorted(lines, key=lambda line: self.catalog.products[line[0]].id)]
        if self.sqlite:
            return self._place_sqlite(order, rows, reserve)
        return self._place_postgres(order, rows, reserve)

    def _place_postgres(self, order: dict[str, Any], rows: list[dict[str, Any]],
                        reserve: list[dict[str, Any]]) -> str | None:
        connection: psycopg.Connection[Any] = self._connection
        try:
            with connection.cursor() as cursor:
                cursor.execute(self._statements["order"], order)
                cursor.executemany(self._statements["line"], rows)
                for update in reserve:
                    cursor.execute(self._statements["reserve"], update)
                    if cursor.rowcount != 1:
                        connection.rollback()
                        return None
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        return str(order["number"])

    def _place_sqlite(self, order: dict[str, Any], rows: list[dict[str, Any]],
                      reserve: list[dict[str, Any]]) -> str | None:
        connection: sqlite3.Connection = self._connection

        def text(values: dict[str, Any]) -> dict[str, Any]:
            # oms keeps exact decimals as text on SQLite, and UTC times without offset.
            return {k: (str(v) if isinstance(v, Decimal) else v.replace(tzinfo=None).isoformat(" ")
                        if isinstance(v, datetime) else int(v) if isinstance(v, bool) else v)
                    for k, v in values.items()}

        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(self._statements["order"], text(order))
            connection.executemany(self._statements["line"], [text(row) for row in rows])
            for update in reserve:
                if connection.execute(self._statements["reserve"], update).rowcount != 1:
                    connection.execute("ROLLBACK")
                    return None
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return str(order["number"])

    def close(self) -> None:
        self._connection.close()
