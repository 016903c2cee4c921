"""A command sent with an Idempotency-Key writes everything the same command writes without one: its audit trail,
its events in the outbox and its stock movements (the invariant check of the scenarios found orders confirmed
with a key but without their audit trail)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from reliability import invariants
from reliability.target import Target, new_product

pytestmark = pytest.mark.reliability


async def _sell_with_keys(target: Target, sku: str, key: str) -> dict[str, Any]:
    """Create, confirm and ship an order of 2 units, each request with a key of its own; the order afterwards."""
    api = target.client()
    try:
        created = await api.post("/sales-orders", {"customer_code": "ACME", "branch_code": "BER",
                                                   "lines": [{"sku": sku, "quantity": "2"}]}, key=f"{key}-create")
        order = created.json()
        confirmed = await api.post(f"/sales-orders/{order['number']}/confirm", key=f"{key}-confirm")
        issued = await api.post(f"/sales-orders/{order['number']}/goods-issues",
                                {"warehouse_code": "BER-1",
                                 "lines": [{"line_id": order["lines"][0]["id"], "quantity": "2"}]},
                                key=f"{key}-issue")
        assert (created.status, confirmed.status, issued.status) == (201, 200, 201), issued.body[:300]
        shown: dict[str, Any] = (await api.get(f"/sales-orders/{order['number']}")).json()
        return shown
    finally:
        await api.close()


def _events_of(database_url: str, order_id: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT event_type FROM outbox WHERE aggregate_id LIKE :id "
                                                "ORDER BY seq"), {"id": f"%{order_id}%"}).scalars())
    finally:
        engine.dispose()


def test_an_order_confirmed_and_shipped_with_idempotency_keys_keeps_its_audit_trail_events_and_movements(
        target: Target) -> None:
    sku = asyncio.run(new_product(target, "KEYED", 5))

    order = asyncio.run(_sell_with_keys(target, sku, f"keyed-{sku}"))

    assert [change["to_status"] for change in order["history"]] == ["confirmed", "issued"]
    assert {"DocumentCreated", "StockReserved", "StatusChanged", "GoodsIssued"} <= set(
        _events_of(target.database_url, order["id"]))
    assert invariants.check(target.database_url) == []
