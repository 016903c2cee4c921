"""Subscriptions in the console: the list and its filters, a subscription's page with its renewals and changes
linked to their invoices and credit notes, its charge attempts, pauses and the forms its status allows; plans; the
calendar of renewals to come; MRR with the month's movements reconciled."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.application.test_subscription_measures import build_book, on
from tests.unit.console.conftest import Browser, browser, text
from tests.unit.console.test_production_pages import follow, row, rows


@pytest.fixture
def plans(system: oms.OrderManagement) -> oms.OrderManagement:
    """SEAT, a service; BASIC (a SEAT at 30.00 a month), PRO (at 60.00) and WEEKLY (at 10.00 a week)."""
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    for code, price, unit in (("BASIC", "30.00", oms.IntervalUnit.MONTH), ("PRO", "60.00", oms.IntervalUnit.MONTH),
                              ("WEEKLY", "10.00", oms.IntervalUnit.WEEK)):
        system.handle(oms.CreatePlan(code=code, name=f"{code.title()} seat", currency="EUR", interval=unit,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price=price),)))
    return system


@pytest.fixture
def manager(app: Flask) -> Browser:
    return browser(app, Role.MANAGER)


def subscribed(system: oms.OrderManagement, plan: str = "BASIC", customer: str = "ACME",
               start: date = date(2026, 3, 1), payment_method: str | None = None) -> str:
    """A subscription from `start`, not renewed yet: its number."""
    subscription_id = system.handle(oms.Subscribe(customer_code=customer, branch_code="BER", plan_code=plan,
                                                  start_day=start, payment_method=payment_method))
    return system.read(oms.show_subscription, subscription_id).number


def day_rows(page: str, group: str) -> list[list[str]]:
    """The renewals of the calendar's group `#group` (a day, or the overdue), each as the text of its cells."""
    body = page.split(f'id="{group}"', 1)[1].split("</tbody>", 1)[0]
    found = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", each, re.S)]
             for each in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    return [cells for cells in found if cells]  # not the day's heading


def offered(page: str, number: str) -> set[str]:
    """The actions whose forms or buttons the subscription's page offers."""
    return set(re.findall(rf"/subscription/{number}/do/([\w-]+)", page))


def test_a_customer_subscribed_in_its_form_is_renewed_by_its_button_and_its_page_links_the_invoice(
        plans: oms.OrderManagement, clerk: Browser, manager: Browser) -> None:
    form = text(clerk.get("/console/subscription/do/create?plan_code=BASIC"))
    subscribed_page = follow(clerk, "/console/subscription/do/create", {
        "customer_code": "ACME", "branch_code": "BER", "plan_code": "BASIC", "start_day": "2026-03-01"})
    number = re.search(r"<h1>Subscription (SUB-\d+)", subscribed_page)
    assert number is not None
    manager.get(f"/console/subscriptions/{number.group(1)}")

    renewed = follow(manager, f"/console/subscription/{number.group(1)}/do/renew", {})

    assert re.search(r'name="plan_code" value="BASIC"', form)  # prefilled from the plan's page
    assert '<option value="BASIC">' in form  # plans offered as you type
    assert "Not renewed yet." in subscribed_page
    assert re.search(r'<dd id="next-period"><span class="nowrap">2026-03-01 to 2026-03-31</span> <small>period 0, '
                     r'due</small>', subscribed_page)
    [renewal] = rows(renewed, "renewals")
    assert renewal[:4] == ["2026-03-01 to 2026-03-31", "30.00 EUR", "SO-000001", "INV-2026-000001"]
    assert 'href="/console/sales-orders/SO-000001"' in renewed
    assert 'href="/console/invoices/INV-2026-000001"' in renewed
    assert "2026-04-01 to 2026-04-30" in renewed
    assert "INV-2026-000001" in text(manager.get("/console/invoices/INV-2026-000001"))


def test_a_subscribe_form_with_an_unknown_plan_or_no_start_day_is_refused_beside_the_field(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    clerk.get("/console/subscription/do/create")

    unknown = clerk.post("/console/subscription/do/create", {"customer_code": "ACME", "branch_code": "BER",
                                                             "plan_code": "GOLD", "start_day": "2026-03-01"})
    undated = clerk.post("/console/subscription/do/create", {"customer_code": "ACME", "branch_code": "BER",
                                                             "plan_code": "BASIC"})

    assert unknown.status_code == 422
    assert re.search(r'<em class="error" id="error-plan_code">[^<]*GOLD', text(unknown))
    assert undated.status_code == 422
    assert 'id="error-start_day"' in text(undated)
    assert "No subscription matches." in text(clerk.get("/console/subscriptions"))


def test_the_list_shows_each_subscription_and_filters_by_status_customer_and_plan(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    basic, pro = subscribed(plans), subscribed(plans, "PRO", "UNI")
    plans.handle(oms.CancelSubscription(subscription_id=pro, reason="too dear"))

    everything = text(clerk.get("/console/subscriptions"))
    cancelled = text(clerk.get("/console/subscriptions?status=cancelled"))
    of_acme = text(clerk.get("/console/subscriptions?customer=ACME"))
    of_pro = text(clerk.get("/console/subscriptions?plan=PRO"))
    of_nobody = text(clerk.get("/console/subscriptions?customer=NOBODY"))

    # number, customer, plan, status, next period, a period costs
    assert row(everything, "subscriptions", basic)[:6] == [basic, "ACME", "BASIC v1", "active", "2026-03-01",
                                                          "30.00 EUR"]
    assert row(everything, "subscriptions", pro)[:4] == [pro, "UNI", "PRO v1", "cancelled"]
    assert everything.index(pro) < everything.index(basic)  # newest first
    assert [cells[0] for cells in rows(cancelled, "subscriptions")] == [pro]
    assert [cells[0] for cells in rows(of_acme, "subscriptions")] == [basic]
    assert [cells[0] for cells in rows(of_pro, "subscriptions")] == [pro]
    assert "No subscription matches." in of_nobody
    assert '<a href="/console/subscriptions" aria-current="page">Subscriptions</a>' in everything
    assert '<a href="/console/renewal-calendar" >Renewal calendar</a>' in everything  # the section's own menu


def test_the_page_offers_the_actions_its_status_allows_and_a_viewer_none(
        plans: oms.OrderManagement, app: Flask, clerk: Browser, manager: Browser) -> None:
    number = subscribed(plans)
    plans.handle(oms.RenewSubscription(subscription_id=number))
    ended = subscribed(plans, "PRO", "UNI")
    plans.handle(oms.CancelSubscription(subscription_id=ended))

    active = text(manager.get(f"/console/subscriptions/{number}"))
    as_clerk = text(clerk.get(f"/console/subscriptions/{number}"))
    cancelled = text(manager.get(f"/console/subscriptions/{ended}"))
    as_viewer = text(browser(app, Role.VIEWER).get(f"/console/subscriptions/{number}"))

    assert offered(active, number) == {"renew", "quantity", "plan", "pause", "cancel", "payment-method", "dun"}
    assert offered(as_clerk, number) == {"quantity", "plan", "pause", "payment-method"}  # the others a manager's
    assert offered(cancelled, ended) == set()
    assert "/do/" not in as_viewer
    assert row(as_viewer, "lines", "SEAT")[:4] == ["SEAT", "1", "30.00 EUR", "30.00 EUR"]


def test_more_seats_from_the_line_show_the_change_with_its_credit_note_and_invoice(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    number = subscribed(plans)
    plans.handle(oms.RenewSubscription(subscription_id=number))
    page = text(clerk.get(f"/console/subscriptions/{number}"))

    changed = follow(clerk, f"/console/subscription/{number}/do/quantity", {"sku": "SEAT", "quantity": "3"})

    assert f"/console/subscription/{number}/do/quantity?sku=SEAT&amp;quantity=1" in page  # the line's form, filled
    [change] = rows(changed, "changes")
    # change, from, of the period, credited, credit note, charged, invoice: 30 of March's 31 days
    assert change[:7] == ["quantity", "2026-03-02", "2026-03-01 to 2026-03-31", "29.03 EUR", "CN-2026-000001",
                          "87.10 EUR", "INV-2026-000002"]
    assert 'href="/console/invoices/CN-2026-000001"' in changed
    assert 'href="/console/invoices/INV-2026-000002"' in changed
    assert row(changed, "lines", "SEAT")[1] == "3"


def test_a_pause_from_its_form_is_listed_resumed_by_its_button_and_shown_in_the_audit_trail(
        plans: oms.OrderManagement, clerk: Browser, clock: oms.FixedClock) -> None:
    number = subscribed(plans)
    plans.handle(oms.RenewSubscription(subscription_id=number))
    clerk.get(f"/console/subscription/{number}/do/pause")
    refused = clerk.post(f"/console/subscription/{number}/do/pause", {"start": "2026-03-10"})

    paused = follow(clerk, f"/console/subscription/{number}/do/pause", {"start": "2026-03-10",
                                                                       "until": "2026-03-20"})
    on(clock, date(2026, 3, 12))
    plans.handle(oms.RenewSubscription(subscription_id=number))  # the calendar pauses it
    during = text(clerk.get(f"/console/subscriptions/{number}"))
    resumed = follow(clerk, f"/console/subscription/{number}/do/resume", {})

    assert refused.status_code == 422
    assert 'id="error-until"' in text(refused)
    assert rows(paused, "pauses") == [["2026-03-10", "2026-03-19", "scheduled"]]
    assert "resume" in offered(paused, number)  # a pause not over yet
    assert "s-paused" in during
    assert rows(during, "pauses")[0][2] == "paused"
    assert "s-active" in resumed
    assert [cells[2:4] for cells in rows(resumed, "history")] == [["active", "paused"], ["paused", "active"]]
    assert rows(resumed, "changes")[0][0] == "pause"


def test_a_charge_attempt_is_listed_pending_and_its_outcome_recorded_from_its_row(
        plans: oms.OrderManagement, manager: Browser) -> None:
    number = subscribed(plans, payment_method="tok_visa_4242")
    plans.handle(oms.RenewSubscription(subscription_id=number))
    page = text(manager.get(f"/console/subscriptions/{number}"))
    [charge] = rows(page, "charges")
    manager.get(f"/console/subscription/{number}/do/charge-outcome?invoice=INV-2026-000001&attempt=0")

    refused = manager.post(f"/console/subscription/{number}/do/charge-outcome",
                           {"invoice": "INV-2026-000001", "attempt": "0", "outcome": "maybe"})
    recorded = follow(manager, f"/console/subscription/{number}/do/charge-outcome", {
        "invoice": "INV-2026-000001", "attempt": "0", "outcome": "succeeded", "reference": "ch_1"})

    assert "<code>tok_visa_4242</code>" in page
    # invoice, attempt, amount (with tax), outcome
    assert charge[:4] == ["INV-2026-000001", "0", "35.70 EUR", "pending"]
    assert "Record outcome…" in page
    assert refused.status_code == 422
    assert 'id="error-outcome"' in text(refused)
    assert rows(recorded, "charges")[0][3:5] == ["succeeded", "ch_1"]
    assert "Record outcome…" not in recorded


def test_plans_are_listed_and_searched_and_a_plan_page_shows_every_version(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    plans.handle(oms.CreatePlan(code="BASIC", name="Basic seat", currency="EUR", trial_days=14,
                                lines=(oms.PlanLineInput(sku="SEAT", quantity="2", unit_price="25.00"),)))

    listed = text(clerk.get("/console/plans"))
    searched = text(clerk.get("/console/plans?search=week"))
    page = text(clerk.get("/console/plans/BASIC"))

    # code, name, version, interval, a period costs
    assert row(listed, "plans", "BASIC") == ["BASIC", "Basic seat", "2", "every month", "50.00 EUR"]
    assert [cells[0] for cells in rows(listed, "plans")] == ["BASIC", "PRO", "WEEKLY"]
    assert [cells[0] for cells in rows(searched, "plans")] == ["WEEKLY"]
    assert row(page, "version-2", "SEAT") == ["SEAT", "2", "25.00 EUR", "50.00 EUR"]
    assert row(page, "version-1", "SEAT") == ["SEAT", "1", "30.00 EUR", "30.00 EUR"]
    assert page.index('id="version-2"') < page.index('id="version-1"')  # the current first
    assert "14 days of trial" in page
    assert "/console/plan/do/create" not in page  # a new version is a manager's


def test_a_plan_made_in_its_form_shows_on_its_page_and_a_bad_price_is_named_at_its_line(
        plans: oms.OrderManagement, manager: Browser) -> None:
    form = text(manager.get("/console/plan/do/create"))

    refused = manager.post("/console/plan/do/create", {
        "code": "TEAM", "name": "Team", "currency": "EUR", "interval": "month",
        "lines.0.sku": "SEAT", "lines.0.quantity": "5", "lines.0.unit_price": "cheap"})
    page = follow(manager, "/console/plan/do/create", {
        "code": "TEAM", "name": "Team", "currency": "EUR", "interval": "year",
        "lines.0.sku": "SEAT", "lines.0.quantity": "5", "lines.0.unit_price": "300.00"})

    assert 'name="lines.0.unit_price"' in form
    assert refused.status_code == 422
    assert 'id="error-lines.0.unit_price"' in text(refused)
    assert re.search(r"<h1>Plan TEAM <small>Team</small>", page)
    assert '<dd id="period-amount">1500.00 EUR' in page
    assert "/console/subscription/do/create?plan_code=TEAM" in page


def test_the_calendar_groups_the_next_31_days_renewals_by_day_with_their_amounts_and_the_overdue_first(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    monthly = subscribed(plans)
    plans.handle(oms.RenewSubscription(subscription_id=monthly))  # next: April 1
    overdue = subscribed(plans, "PRO", "UNI")  # March 1, not renewed
    weekly = subscribed(plans, "WEEKLY", start=date(2026, 3, 2))
    cancelled = subscribed(plans, "PRO")
    plans.handle(oms.CancelSubscription(subscription_id=cancelled))

    page = text(clerk.get("/console/renewal-calendar"))
    week = text(clerk.get("/console/renewal-calendar?days=7"))

    assert "2026-03-02 to 2026-04-01" in page  # today and the next 30 days
    assert [cells[0] for cells in day_rows(page, "overdue")] == [overdue]
    assert day_rows(page, "overdue")[0][3:] == ["2026-03-01 to 2026-03-31 period 0", "60.00 EUR"]
    assert [cells[:1] + cells[4:] for cells in day_rows(page, "day-2026-03-02")] == [[weekly, "10.00 EUR"]]
    assert [cells[0] for cells in day_rows(page, "day-2026-03-30")] == [weekly]
    assert [cells[0] for cells in day_rows(page, "day-2026-04-01")] == [monthly, overdue]  # its next period too
    assert re.search(r'id="day-2026-04-01">\s*<tr class="day-head"><th colspan="4">2026-04-01 <small>Wednesday'
                     r'</small></th><th class="num">90.00 EUR</th>', page)
    assert cancelled not in page
    assert re.search(r'id="calendar-total">200.00 EUR<', page)  # 60 overdue, 5 weeks of 10, 30 + 60 in April
    assert "day-2026-03-09" not in week
    assert re.search(r'id="calendar-total">70.00 EUR<', week)  # 60 overdue, 10 today


def test_a_calendar_of_no_days_is_refused_naming_days(plans: oms.OrderManagement, clerk: Browser) -> None:
    refused = clerk.get("/console/renewal-calendar?days=0")
    words = clerk.get("/console/renewal-calendar?days=many")

    assert refused.status_code == 422
    assert "days" in text(refused)
    assert words.status_code == 422
    assert "&#39;many&#39; is not a whole number of days" in text(words)


def test_the_mrr_page_shows_march_by_default_with_its_movements_reconciled_and_february_when_asked(
        system: oms.OrderManagement, clock: oms.FixedClock, clerk: Browser) -> None:
    build_book(system, clock)  # ends on March 29

    march = text(clerk.get("/console/mrr"))
    february = text(clerk.get("/console/mrr?month=2026-02"))
    refused = clerk.get("/console/mrr?month=March")

    measures = dict(zip(re.findall(r"<dt[^>]*>([^<]+)</dt>", march), re.findall(r"<dd[^>]*>([^<]+)</dd>", march),
                        strict=True))
    assert "<small>2026-03</small>" in march
    assert measures == {"MRR at the start": "20.00 EUR", "+ New": "203.33 EUR", "+ Expansion": "0.00 EUR",
                        "+ Reactivation": "0.00 EUR", "&minus; Contraction": "0.00 EUR", "&minus; Churn": "20.00 EUR",
                        "MRR": "203.33 EUR", "ARR": "2440.00 EUR"}
    assert re.search(r"20.00 \+ 203.33 \+ 0.00 \+ 0.00 &minus; 0.00 &minus; 20.00 = 203.33 EUR\s*"
                     r'<span class="status s-done">reconciles</span>', march)
    assert 'value="2026-02"' in february
    assert re.search(r"<dt>&minus; Churn</dt><dd>30.00 EUR</dd>", february)
    assert refused.status_code == 422
    assert "&#39;March&#39; is not a month (YYYY-MM)" in text(refused)



def test_retry_days_are_typed_as_whole_numbers_and_decreasing_ones_are_refused_beside_their_input(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    subscribing = {"customer_code": "ACME", "branch_code": "BER", "plan_code": "BASIC", "start_day": "2026-03-01",
                   "payment_method": "tok_visa"}
    form = text(clerk.get("/console/subscription/do/create"))

    refused = clerk.post("/console/subscription/do/create", {**subscribing, "retry_days": "3, 1"})
    page = follow(clerk, "/console/subscription/do/create", {**subscribing, "retry_days": "2, 4 9"})

    assert 'placeholder="whole numbers separated by spaces or commas"' in form
    assert refused.status_code == 422
    assert re.search(r'id="error-retry_days">retries are increasing whole numbers of days', text(refused))
    assert "<code>tok_visa</code>" in page


def test_a_pause_in_the_next_period_leaves_its_days_out_of_the_renewal_the_calendar_shows(
        plans: oms.OrderManagement, clerk: Browser) -> None:
    number = subscribed(plans)
    plans.handle(oms.RenewSubscription(subscription_id=number))
    plans.handle(oms.PauseSubscription(subscription_id=number, start=date(2026, 4, 1), until=date(2026, 4, 16)))

    page = text(clerk.get("/console/renewal-calendar"))

    # April's 30 days, 15 of them paused
    assert day_rows(page, "day-2026-04-01") == [[number, "ACME", "BASIC v1", "2026-04-01 to 2026-04-30 period 1",
                                                 "15.00 EUR paused days left out"]]
