"""Subscriptions over HTTP: plans in versions, a subscription renewed once per period by a posted invoice, changes
billed as a credit note and an invoice, pauses and cancellations, the listings; refusals name the field or rule."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

import oms
from oms.entrypoints.http.testing import Caller
from tests.unit.application.test_subscription_measures import build_book

D = Decimal


def answered(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def refused(response: Any, status: int) -> dict[str, Any]:
    assert (response.status_code, response.mimetype) == (status, "application/problem+json"), response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def on(clock: oms.FixedClock, day: date) -> None:
    clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def plan(code: str, price: str, **terms: Any) -> dict[str, Any]:
    return {"code": code, "name": code.title(), "currency": "EUR", "interval": "month",
            "lines": [{"sku": "SEAT", "quantity": "1", "unit_price": price}], **terms}


@pytest.fixture
def plans(manager: Caller) -> Caller:
    """SEAT, a service; the plans BASIC (a SEAT at 30.00 a month) and PRO (at 60.00); answers the manager."""
    answered(manager.post("/products", json={"sku": "SEAT", "name": "Seat", "price": "30.00", "currency": "EUR",
                                             "kind": "service"}), 201)
    for code, price in (("BASIC", "30.00"), ("PRO", "60.00")):
        answered(manager.post("/plans", json=plan(code, price)), 201)
    return manager


def subscribed(clerk: Caller, clock: oms.FixedClock, start: date, plan_code: str = "BASIC",
               customer: str = "ACME") -> str:
    on(clock, start)
    body = answered(clerk.post("/subscriptions", json={"customer_code": customer, "branch_code": "BER",
                                                       "plan_code": plan_code, "start_day": start.isoformat()}), 201)
    number: str = body["number"]
    return number


def renewed(manager: Caller, clock: oms.FixedClock, number: str, day: date) -> dict[str, Any]:
    on(clock, day)
    return answered(manager.post(f"/subscriptions/{number}/renew", json={}))


def net(viewer: Caller, number: str | None) -> D:
    assert number is not None
    return D(answered(viewer.get(f"/invoices/{number}"))["totals"]["net_total"]["amount"])


@pytest.mark.usefixtures("plans")
def test_a_plan_created_again_is_its_next_version_shown_with_every_version_and_listed_as_the_current(
        manager: Caller, viewer: Caller) -> None:
    response = manager.post("/plans", json=plan("BASIC", "35.00", trial_days=7))

    again = answered(response, 201)
    shown = answered(viewer.get("/plans/BASIC"))
    listed = answered(viewer.get("/plans", query_string={"search": "bas"}))
    assert response.headers["Location"].endswith("/api/v1/plans/BASIC")
    assert again == shown
    assert (shown["current_version"], shown["interval"], shown["period_amount"]) == (
        2, "every month", {"amount": "35.00", "currency": "EUR"})
    assert [(v["version"], v["trial_days"], v["lines"][0]["unit_price"]["amount"]) for v in shown["versions"]] == [
        (1, 0, "30.00"), (2, 7, "35.00")]
    assert [(p["code"], p["current_version"], p["period_amount"]["amount"]) for p in listed["items"]] == [
        ("BASIC", 2, "35.00")]


@pytest.mark.usefixtures("plans")
def test_a_renewal_bills_the_due_period_by_one_posted_invoice_and_a_second_renewal_bills_nothing(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))

    first = renewed(manager, clock, number, date(2026, 3, 1))
    second = renewed(manager, clock, number, date(2026, 3, 1))

    [renewal] = first["renewals"]
    assert (renewal["period_start"], renewal["period_end"], renewal["charged"]["amount"]) == (
        "2026-03-01", "2026-04-01", "30.00")
    assert answered(viewer.get(f"/invoices/{renewal['invoice']}"))["status"] == "posted"
    assert net(viewer, renewal["invoice"]) == D("30.00")
    assert second["renewals"] == first["renewals"]
    assert second["next_period"] == {"index": 1, "start": "2026-04-01", "end": "2026-05-01"}


@pytest.mark.usefixtures("plans")
def test_more_seats_mid_period_post_a_credit_note_of_the_old_days_and_an_invoice_of_the_new(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))
    renewed(manager, clock, number, date(2026, 3, 1))
    on(clock, date(2026, 3, 22))  # 10 of March's 31 days left

    changed = answered(clerk.post(f"/subscriptions/{number}/quantity", json={"sku": "SEAT", "quantity": "3"}))

    [change] = changed["changes"]
    assert (change["change"], change["effective_on"]) == ("quantity", "2026-03-22")
    assert (change["credited"]["amount"], change["charged"]["amount"]) == ("9.68", "29.03")
    note = answered(viewer.get(f"/invoices/{change['credit_note']}"))
    assert (note["kind"], note["status"]) == ("credit_note", "posted")
    assert net(viewer, change["credit_note"]) == D("9.68")
    assert net(viewer, change["invoice"]) == D("29.03")
    assert changed["lines"][0]["quantity"] == "3"


@pytest.mark.usefixtures("plans")
def test_a_paused_month_is_renewed_with_nothing_billed_and_a_cancellation_credits_the_unused_days(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))
    renewed(manager, clock, number, date(2026, 3, 1))
    on(clock, date(2026, 3, 10))

    paused = answered(clerk.post(f"/subscriptions/{number}/pause", json={"start": "2026-04-01",
                                                                          "until": "2026-05-01"}))
    april = renewed(manager, clock, number, date(2026, 4, 1))
    may = renewed(manager, clock, number, date(2026, 5, 1))
    on(clock, date(2026, 5, 22))  # 10 of May's 31 days unused
    cancelled = answered(manager.post(f"/subscriptions/{number}/cancel", json={"reason": "moved away"}))

    assert paused["pauses"] == [{"start": "2026-04-01", "until": "2026-05-01"}]
    assert [(r["period_start"], r["invoice"] is not None) for r in april["renewals"]] == [
        ("2026-03-01", True), ("2026-04-01", False)]
    assert april["status"] == "paused"
    assert (may["status"], len([r for r in may["renewals"] if r["invoice"]])) == ("active", 2)
    assert cancelled["status"] == "cancelled"
    assert cancelled["history"][-1]["reason"] == "moved away"
    assert net(viewer, cancelled["changes"][-1]["credit_note"]) == D("9.68")
    assert cancelled["changes"][-1]["invoice"] is None


@pytest.mark.usefixtures("plans")
def test_subscriptions_are_listed_newest_first_filtered_by_status_customer_and_plan(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    first = subscribed(clerk, clock, date(2026, 3, 1))
    second = subscribed(clerk, clock, date(2026, 3, 2), plan_code="PRO", customer="UNI")
    answered(manager.post(f"/subscriptions/{first}/cancel", json={}))

    every = answered(viewer.get("/subscriptions"))["items"]
    running = answered(viewer.get("/subscriptions", query_string={"status": ["active", "trialing"]}))["items"]
    of_pro = answered(viewer.get("/subscriptions", query_string={"plan": "PRO", "customer": "UNI"}))["items"]
    unknown = answered(viewer.get("/subscriptions", query_string={"plan": "NOPE"}))["items"]

    assert [(s["number"], s["status"], s["plan_code"], s["period_amount"]["amount"]) for s in every] == [
        (second, "active", "PRO", "60.00"), (first, "cancelled", "BASIC", "30.00")]
    assert [s["number"] for s in running] == [second]
    assert [(s["number"], s["customer_code"], s["next_period_start"]) for s in of_pro] == [
        (second, "UNI", "2026-03-02")]
    assert unknown == []


@pytest.mark.usefixtures("plans")
def test_an_unknown_plan_a_renewal_ahead_of_today_and_a_bad_price_are_refused_naming_the_field(
        clerk: Caller, manager: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))

    unknown = refused(clerk.post("/subscriptions", json={"customer_code": "ACME", "branch_code": "BER",
                                                         "plan_code": "NOPE", "start_day": "2026-03-01"}), 422)
    ahead = refused(manager.post(f"/subscriptions/{number}/renew", json={"day": "2026-04-01"}), 422)
    floated = refused(manager.post("/plans", json={**plan("CHEAP", "1.00"), "lines": [
        {"sku": "SEAT", "quantity": "1", "unit_price": 1.5}]}), 422)
    negative = refused(manager.post("/plans", json={**plan("CHEAP", "1.00"), "lines": [
        {"sku": "SEAT", "quantity": "1", "unit_price": "1.00"}, {"sku": "DESK", "quantity": "1", "unit_price": "-2"}]}),
        422)
    missing = refused(manager.get("/plans/NOPE"), 404)

    assert [e["pointer"] for e in unknown["errors"]] == ["#/plan_code"]
    assert [e["pointer"] for e in ahead["errors"]] == ["#/day"]
    assert [e["pointer"] for e in floated["errors"]] == ["#/lines/0/unit_price"]
    assert [e["pointer"] for e in negative["errors"]] == ["#/lines/1/unit_price"]
    assert missing["type"].endswith("not-found")
    assert answered(manager.get(f"/subscriptions/{number}"))["renewals"] == []


@pytest.mark.usefixtures("plans")
def test_a_viewer_may_read_but_not_renew_and_a_clerk_may_not_create_a_plan(
        clerk: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))

    assert viewer.post(f"/subscriptions/{number}/renew", json={}).status_code == 403
    assert clerk.post("/plans", json=plan("MORE", "5.00")).status_code == 403
    assert answered(viewer.get(f"/subscriptions/{number}"))["renewals"] == []


@pytest.mark.usefixtures("plans")
def test_a_renewal_charged_to_a_card_is_recorded_paid_the_card_replaced_and_a_wrong_attempt_refused(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    on(clock, date(2026, 3, 1))
    number = answered(clerk.post("/subscriptions", json={
        "customer_code": "ACME", "branch_code": "BER", "plan_code": "BASIC", "start_day": "2026-03-01",
        "payment_method": "tok_visa", "retry_days": [2, 4]}), 201)["number"]
    [renewal] = renewed(manager, clock, number, date(2026, 3, 1))["renewals"]
    claimed = answered(viewer.get(f"/subscriptions/{number}"))["charges"]

    wrong = refused(manager.post(f"/subscriptions/{number}/charge-outcome", json={
        "invoice": renewal["invoice"], "attempt": 7, "outcome": "succeeded"}), 422)
    answered(manager.post(f"/subscriptions/{number}/charge-outcome", json={
        "invoice": renewal["invoice"], "attempt": 0, "outcome": "succeeded", "reference": "ch_1"}))
    replaced = answered(clerk.post(f"/subscriptions/{number}/payment-method", json={"payment_method": "tok_mc"}))
    dunned = answered(manager.post(f"/subscriptions/{number}/dun", json={}))

    assert [(c["invoice"], c["attempt"], c["amount"]["amount"], c["outcome"]) for c in claimed] == [
        (renewal["invoice"], 0, "35.70", "pending")]  # 30.00 + 19 % VAT
    assert wrong["detail"].startswith("attempt: no charge")
    assert answered(viewer.get(f"/invoices/{renewal['invoice']}"))["payment_status"] == "paid"
    assert [(c["outcome"], c["reference"]) for c in replaced["charges"]] == [("succeeded", "ch_1")]
    assert replaced["payment_method"] == "tok_mc"
    assert dunned["status"] == "active"


@pytest.mark.usefixtures("plans")
def test_a_renewal_replayed_with_its_key_answers_the_first_renewal_and_bills_nothing_more(
        clerk: Caller, manager: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    number = subscribed(clerk, clock, date(2026, 3, 1))
    key = {"Idempotency-Key": "renew-sub-1-march"}

    first = manager.post(f"/subscriptions/{number}/renew", json={}, headers=key)
    replayed = manager.post(f"/subscriptions/{number}/renew", json={}, headers=key)

    assert (replayed.status_code, replayed.get_data()) == (first.status_code, first.get_data())
    assert replayed.headers["Idempotent-Replayed"] == "true"
    [renewal] = answered(viewer.get(f"/subscriptions/{number}"))["renewals"]
    assert renewal["invoice"] == first.get_json()["renewals"][0]["invoice"]


def test_the_measures_of_a_month_answer_mrr_arr_and_movements_that_add_up_and_a_bad_month_is_named(
        system: oms.OrderManagement, clock: oms.FixedClock, viewer: Caller) -> None:
    build_book(system, clock)  # peers.md 6d case 1: A to G

    march = answered(viewer.get("/subscriptions/measures", query_string={"month": "2026-03"}))
    this_month = answered(viewer.get("/subscriptions/measures"))
    bad = refused(viewer.get("/subscriptions/measures", query_string={"month": "2026-3"}), 400)

    [eur] = march["currencies"]
    amounts = {name: D(eur[name]["amount"]) for name in ("mrr_start", "new", "expansion", "reactivation",
                                                         "contraction", "churn", "mrr", "arr")}
    assert (march["month"], march["first_day"], march["last_day"]) == ("2026-03", "2026-03-01", "2026-03-31")
    assert (amounts["mrr"], amounts["arr"], eur["subscriptions"]) == (D("203.33"), D("2440.00"), 4)
    assert amounts["mrr_start"] + amounts["new"] + amounts["expansion"] + amounts["reactivation"] \
        - amounts["contraction"] - amounts["churn"] == amounts["mrr"]
    assert this_month == march  # the clock says 2026-03
    assert [error["parameter"] for error in bad["errors"]] == ["month"]
