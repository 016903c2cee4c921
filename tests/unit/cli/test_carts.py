"""`oms cart|carts ...` through Click's runner: a cart opened, filled and checked out at the terminal (a changed
total refused with the new one, then ordered), a branch's policy set, and the recovery job claiming an abandoned
cart's stage once."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import oms

from .conftest import Run


def as_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_cart_is_filled_and_checked_out_at_the_terminal_at_the_total_of_the_day(run: Run) -> None:
    cart = as_json(run, "cart", "open", "--branch-code", "BER", "--customer-code", "ACME")
    cart_id = cart["cart"]["id"] if "cart" in cart else cart["id"]
    assert run("cart", "add", cart_id, "DESK", "2").exit_code == 0

    refused = run("cart", "checkout", cart_id, "200.00")
    done = run("cart", "checkout", cart_id, "238.00")
    again = as_json(run, "cart", "checkout", cart_id, "238.00")

    assert refused.exit_code != 0
    assert "238.00" in refused.stderr
    assert done.stdout.strip() == "checked out: sales order SO-000001, 238.00 EUR"
    assert again["order_number"] == "SO-000001"
    assert run("cart", "add", cart_id, "DESK", "1").exit_code != 0


def test_the_recovery_job_claims_an_abandoned_carts_stage_once(run: Run, system: oms.OrderManagement) -> None:
    assert run("cart", "policy", "BER", "--recovery").exit_code == 0
    cart = as_json(run, "cart", "open", "--branch-code", "BER", "--email", "visitor@shop.example")
    cart_id = cart["cart"]["id"] if "cart" in cart else cart["id"]
    token = cart["token"]
    assert run("cart", "add", cart_id, "BOOK", "1", "--cart-token", token).exit_code == 0
    clock = system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    clock.current += timedelta(minutes=61)

    first = run("carts", "recover")
    second = run("carts", "recover")

    assert first.exit_code == 0, first.stderr
    assert "1" in first.stdout
    assert second.exit_code == 0
    shown = run("cart", "show", cart_id)
    assert as_json(run, "cart", "show", cart_id)["reminders"][0]["stage"] == 1
    assert shown.stdout.splitlines()[0] == f"cart {cart_id} abandoned: anonymous (visitor@shop.example), branch BER"
