"""The bare cart endpoints of benchmark m: a Flask app whose routes write oms's cart tables with raw SQL (psycopg, one
connection per worker thread), with no authentication, no token, no pricing, no domain, no events. Served by gunicorn
in the same configuration as oms (`benchmarks.bare_carts:create_bare_carts()`).

POST /raw/carts {"customer": code or null} -> 201 {"id"}; POST /raw/carts/<id>/lines {"sku", "quantity"} and
PATCH /raw/carts/<id>/lines/<line> {"quantity"}: the cart's lines rewritten (read under FOR UPDATE, version
bumped) and its hold upserted; POST /raw/carts/<id>/checkout: one transaction that locks the cart, inserts the
confirmed order and its lines, reserves the stock by a guarded update, marks the cart converted and drops its holds.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
from flask import Flask, Response, jsonify, request
from sqlalchemy.engine import make_url

from benchmarks.raw_sql import CENT, LINE, ORDER, RESERVE, TAX_RATE

NEW_CART = """INSERT INTO carts (id, branch_id, customer_id, token_hash, email, status, lines, created_at,
last_activity_at, reminders, payment, order_id, order_number, closed_at, merged_into, version)
VALUES (%(id)s, %(branch)s, %(customer)s, NULL, NULL, 'active', '[]', %(now)s, %(now)s, '[]', 'null', NULL, NULL,
NULL, NULL, 1)"""
LOCK = "SELECT lines, customer_id FROM carts WHERE id = %(id)s AND status = 'active' FOR UPDATE"
WRITE = """UPDATE carts SET lines = %(lines)s, last_activity_at = %(now)s, version = version + 1 WHERE id = %(id)s"""
HOLD = """INSERT INTO stock_holds (owner_id, product_id, branch_id, quantity, until, version)
VALUES (%(owner)s, %(product)s, %(branch)s, %(quantity)s, %(until)s, 1)
ON CONFLICT (owner_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, until = EXCLUDED.until,
version = stock_holds.version + 1"""
CONVERT = """UPDATE carts SET status = 'converted', order_id = %(order)s, order_number = %(number)s,
closed_at = %(now)s, version = version + 1 WHERE id = %(id)s"""


class RawCarts:
    """The raw cart writes on one connection of its own; one per thread."""

    def __init__(self, database_url: str) -> None:
        conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.connection: psycopg.Connection[Any] = psycopg.connect(conninfo, autocommit=False)
        with self.connection.cursor() as cursor:
            found = cursor.execute(
                "SELECT b.id, w.id FROM branches b JOIN warehouses w ON w.branch_id = b.id "
                "WHERE b.code = 'BER' AND w.code = 'BER-1'").fetchone() or ("", "")
            self.branch, self.warehouse = str(found[0]), str(found[1])
            self.products = {sku: (pid, Decimal(str(price))) for sku, pid, price in
                             cursor.execute("SELECT sku, id, price FROM products").fetchall()}
            self.customers = dict(cursor.execute("SELECT code, id FROM customers").fetchall())
        self.connection.commit()

    def open(self, customer: str | None) -> str:
        cart = uuid.uuid4().hex
        with self.connection.transaction():
            self.connection.execute(NEW_CART, {"id": cart, "branch": self.branch, "now": datetime.now(UTC),
                                               "customer": None if customer is None else self.customers[customer]})
        return cart

    def set_line(self, cart: str, sku: str, quantity: Decimal, line: str | None = None) -> str | None:
        """The line of `sku` (or the line `line`) set to `quantity`; the line's id, or None: no active cart."""
        now = datetime.now(UTC)
        with self.connection.transaction():
            found = self.connection.execute(LOCK, {"id": cart}).fetchone()
            if found is None:
                return None
            lines: list[dict[str, str]] = json.loads(found[0])
            current = next((x for x in lines if x["id"] == line or (line is None and x["sku"] == sku)), None)
            if current is None:
                current = {"id": uuid.uuid4().hex, "product_id": self.products[sku][0], "sku": sku, "quantity": "0"}
                lines.append(current)
            current["quantity"] = str(quantity if line else Decimal(current["quantity"]) + quantity)
            self.connection.execute(WRITE, {"id": cart, "lines": json.dumps(lines), "now": now})
            self.connection.execute(HOLD, {"owner": cart, "product": current["product_id"], "branch": self.branch,
                                           "quantity": Decimal(current["quantity"]),
                                           "until": now + timedelta(minutes=15)})
            return current["id"]

    def check_out(self, cart: str) -> str | None:
        now, order_id = datetime.now(UTC), uuid.uuid4().hex
        with self.connection.transaction():
            found = self.connection.execute(LOCK, {"id": cart}).fetchone()
            if found is None:
                return None
            rows, net_total, tax_total = [], Decimal(0), Decimal(0)
            for position, line in enumerate(json.loads(found[0]), start=1):
                product_id, price = self.products[line["sku"]]
                quantity = Decimal(line["quantity"])
                net = (price * quantity).quantize(CENT)
                tax = (net * TAX_RATE).quantize(CENT)
                net_total, tax_total = net_total + net, tax_total + tax
                rows.append({"id": uuid.uuid4().hex, "order_id": order_id, "position": position,
                             "product_id": product_id, "sku": line["sku"], "description": line["sku"],
                             "quantity": quantity, "price": price, "rate": TAX_RATE, "net": net, "tax": tax,
                             "total": net + tax, "zero": Decimal(0)})
            number = f"RAW-{order_id[:20]}"
            self.connection.execute(ORDER, {"id": order_id, "number": number, "customer_id": found[1],
                                            "branch_id": self.branch, "created_at": now, "false": False,
                                            "net": net_total, "tax": tax_total, "total": net_total + tax_total,
                                            "zero": Decimal(0)})
            with self.connection.cursor() as cursor:
                cursor.executemany(LINE, rows)
                for row in sorted(rows, key=lambda r: str(r["product_id"])):
                    cursor.execute(RESERVE, {"product_id": row["product_id"], "warehouse_id": self.warehouse,
                                             "quantity": row["quantity"]})
                    if cursor.rowcount != 1:
                        raise RuntimeError("not enough stock")
            self.connection.execute(CONVERT, {"id": cart, "order": order_id, "number": number, "now": now})
            self.connection.execute("DELETE FROM stock_holds WHERE owner_id = %(id)s", {"id": cart})
        return number


def create_bare_carts() -> Flask:
    url = os.environ["OMS_DATABASE_URL"]
    app = Flask("bare-carts")
    local = threading.local()

    def raw() -> RawCarts:
        found: RawCarts | None = getattr(local, "carts", None)
        if found is None:
            found = local.carts = RawCarts(url)
        return found

    @app.get("/healthz")
    def health() -> Response:
        return jsonify(status="ok")

    @app.post("/raw/carts")
    def open_cart() -> tuple[Response, int]:
        return jsonify(id=raw().open((request.get_json() or {}).get("customer"))), 201

    @app.post("/raw/carts/<cart>/lines")
    def add(cart: str) -> tuple[Response, int]:
        body = request.get_json()
        line = raw().set_line(cart, str(body["sku"]), Decimal(str(body["quantity"])))
        return (jsonify(line=line), 200) if line else (jsonify(detail="no such cart"), 404)

    @app.patch("/raw/carts/<cart>/lines/<line>")
    def change(cart: str, line: str) -> tuple[Response, int]:
        found = raw().set_line(cart, "", Decimal(str(request.get_json()["quantity"])), line)
        return (jsonify(line=found), 200) if found else (jsonify(detail="no such cart"), 404)

    @app.post("/raw/carts/<cart>/checkout")
    def checkout(cart: str) -> tuple[Response, int]:
        number = raw().check_out(cart)
        return (jsonify(number=number), 200) if number else (jsonify(detail="no such cart"), 404)

    return app
