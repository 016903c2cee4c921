"""The bare endpoint of benchmark c: a Flask app whose one POST runs the raw SQL placement (benchmarks.raw_sql), with
no authentication, no idempotency, no domain. Served by gunicorn in the same configuration as oms:

    OMS_DATABASE_URL=postgresql://... gunicorn --pythonpath . 'benchmarks.bare_app:create_bare_app()'

POST /raw/orders {"lines": [{"sku": "RAW-A", "quantity": 1}, ...]} -> 201 {"number": ...}, or 409 when a line's
product has too little stock. The catalog ids are looked up once per worker.
"""

from __future__ import annotations

import os
import threading

from flask import Flask, Response, jsonify, request

from benchmarks.raw_sql import Catalog, RawPlacer


def create_bare_app() -> Flask:
    url = os.environ["OMS_DATABASE_URL"]
    app = Flask("bare")
    local = threading.local()
    catalog: list[Catalog] = []
    lock = threading.Lock()

    def placer() -> RawPlacer:
        found: RawPlacer | None = getattr(local, "placer", None)
        if found is None:
            with lock:
                if not catalog:
                    skus = os.environ.get("OMS_BENCH_RAW_SKUS", "RAW-A,RAW-B,RAW-C").split(",")
                    catalog.append(RawPlacer.lookup(url, customer="ACME", branch="BER", warehouse="BER-1",
                                                    skus=skus))
            found = local.placer = RawPlacer(url, catalog[0])  # one connection per worker thread
        return found

    @app.get("/healthz")
    def health() -> Response:
        return jsonify(status="ok")

    @app.post("/raw/orders")
    def place() -> tuple[Response, int]:
        body = request.get_json()
        lines = [(str(line["sku"]), int(line["quantity"])) for line in body["lines"]]
        number = placer().place(lines)
        if number is None:
            return jsonify(detail="not enough stock"), 409
        return jsonify(number=number), 201

    return app
