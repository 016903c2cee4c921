"""The demo's subscriptions: support by the month (basic and plus), a yearly licence, office planner seats with a
14-day trial and a three-month onboarding programme (a fixed term), and a subscription of a demo customer in each
state. Their lives are played in date order on a system whose clock is set to each day: renewals on their days,
charges answered by a scripted payment provider (authorise, then capture), the dunning run on the retry days.

- trialing: CUST-010's planner seats, the trial ending in 9 days;
- active: CUST-011's planner seats renewed two months, 5 seats raised to 8 two days ago (the days left billed);
  CUST-012's support renewed four months, moved up to support plus six days ago (a credit note and an invoice);
  CUST-013's licence billed about ten days ago without a payment method, its invoice not due yet; CUST-014's
  support, whose last charge got no answer: in payment exception, renewed no more until resolved;
- paused: CUST-015's support, from three days ago to the end of the next period (the days billed credited);
- past_due: CUST-016's licence, its card declined: the invoice is two days past its due date, the first retry
  failed yesterday and the next is tomorrow;
- unpaid: CUST-017's licence, without a payment method: every reminder of its dunning went unanswered;
- cancelled: CUST-018's support, four days ago (the unused days credited);
- expired: CUST-019's onboarding programme, its three months over.

Everything is relative to today, so the demo looks alive whatever the day, and nothing is left for the day's
renewal and dunning jobs (a period due, a retry due). Loaded after the rest of the demo, so that the numbers of its
documents stay as they were: these invoices, credit notes and payments are numbered after the demo's others, even
those dated earlier.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import oms
from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.ports.invoicing.payment_provider import ProviderOutcome

BRANCH, CARD = "BER", "tok_visa_4242"
SUCCEEDED, FAILED, UNKNOWN = ProviderOutcome.SUCCEEDED, ProviderOutcome.FAILED, ProviderOutcome.UNKNOWN
ANSWERS = {SUCCEEDED: [SUCCEEDED, SUCCEEDED], FAILED: [FAILED], UNKNOWN: [UNKNOWN, SUCCEEDED]}
"""What the scripted provider answers to one charge: authorised and captured; declined; no answer (it went through)."""
PRODUCTS = (("APP-PLANNER", "Office planner seat", "12.00"), ("LIC-CAD", "Office CAD licence", "690.00"))
YEAR, MONTH = oms.IntervalUnit.YEAR, oms.IntervalUnit.MONTH
# code, name, interval, trial days, term (periods), and its line: SKU, quantity, price a period
PLANS = (("CARE", "Care support", MONTH, 0, None, "SVC-REPAIR", "2", "45.00"),
         ("CARE-PLUS", "Care support plus", MONTH, 0, None, "SVC-REPAIR", "4", "42.50"),
         ("PLANNER", "Office planner", MONTH, 14, None, "APP-PLANNER", "5", "12.00"),
         ("LICENCE", "CAD licence", YEAR, 0, None, "LIC-CAD", "1", "690.00"),
         ("ONBOARDING", "Onboarding programme", MONTH, 0, 3, "SVC-TRAINING", "4", "45.00"))


def months_from(day: date, months: int) -> date:
    """The same day of the month (the 28th at most) `months` months later (earlier when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)


class Timeline:
    """What happens to the demo's subscriptions, by day: played in date order (on a day, in the order given) on a
    system whose clock shows that day, each step followed by the answers to the charges it claimed."""

    def __init__(self, system: oms.OrderManagement) -> None:
        self.now = system.bus.clock.now()
        self.today = self.now.date()
        self.clock = oms.FixedClock(self.now)
        self.system = oms.bootstrap(uow_factory=system.bus.uow_factory, clock=self.clock)
        self.refs: dict[str, str] = {}  # customer code -> the id of its subscription
        self._steps: list[tuple[date, int, Callable[[], Any]]] = []

    def on(self, day: date, step: Callable[[], Any]) -> None:
        self._steps.append((day, len(self._steps), step))

    def subscribe(self, day: date, customer: str, plan: str, card: str | None = CARD) -> None:
        """The customer subscribes to the plan from `day`, its invoices charged to `card` (None: not charged)."""
        def step() -> None:
            self.refs[customer] = self.system.handle(oms.Subscribe(
                customer_code=customer, branch_code=BRANCH, plan_code=plan, start_day=day, payment_method=card))
        self.on(day, step)

    def command(self, day: date, customer: str, command: Callable[[str], oms.Command[Any]],
                answer: ProviderOutcome = SUCCEEDED) -> None:
        """`command(the customer's subscription id)` handled on `day`; the charges it claimed answered."""
        def step() -> None:
            self.system.handle(command(self.refs[customer]))
            self.answer(answer)
        self.on(day, step)

    def renew(self, customer: str, *days: date, answer: ProviderOutcome = SUCCEEDED) -> None:
        for day in days:
            self.command(day, customer, lambda ref: oms.RenewSubscription(subscription_id=ref), answer)

    def dun(self, customer: str, *days: date) -> None:
        """The subscription's dunning on each day, as the daily job does it; each retry's charge declined."""
        for day in days:
            self.command(day, customer, lambda ref: oms.DunSubscription(subscription_id=ref), FAILED)

    def answer(self, outcome: ProviderOutcome) -> None:
        charges = self.system.read(oms.charges_to_make)
        if charges:
            oms.make_charges(self.system, ScriptedPaymentProvider(script=ANSWERS[outcome] * len(charges)), charges)

    def play(self) -> None:
        for day, _, step in sorted(self._steps, key=lambda s: (s[0], s[1])):
            self.clock.current = datetime.combine(day, self.now.timetz())
            step()


def load_demo_subscriptions(system: oms.OrderManagement) -> None:
    """The plans, and the subscriptions' lives up to today (see the module's docstring)."""
    handle = system.handle
    for sku, name, price in PRODUCTS:
        handle(oms.CreateProduct(sku=sku, name=name, price=price, currency="EUR", kind=oms.ProductKind.SERVICE,
                                 category="software"))
    for code, name, interval, trial, term, sku, quantity, price in PLANS:
        handle(oms.CreatePlan(code=code, name=name, currency="EUR", interval=interval, trial_days=trial,
                              term_periods=term, lines=(oms.PlanLineInput(sku=sku, quantity=quantity,
                                                                          unit_price=price),)))
    days = Timeline(system)
    today = days.today

    def ago(n: int) -> date:
        return today - timedelta(days=n)

    # the monthly subscriptions renew on one day of the month (the 28th at most), 10 to 13 days ago
    renewed = ago(10) if ago(10).day <= 28 else ago(10).replace(day=28)

    def monthly(months: int) -> list[date]:
        """The renewal days of the last `months` months and this one, oldest first."""
        return [months_from(renewed, -back) for back in range(months, -1, -1)]

    days.subscribe(ago(5), "CUST-010", "PLANNER")
    seats = monthly(1)
    days.subscribe(seats[0] - timedelta(days=14), "CUST-011", "PLANNER")
    days.renew("CUST-011", *seats)
    days.command(ago(2), "CUST-011", lambda ref: oms.ChangeQuantity(subscription_id=ref, sku="APP-PLANNER",
                                                                    quantity="8"))
    support = monthly(3)
    days.subscribe(support[0], "CUST-012", "CARE")
    days.renew("CUST-012", *support)
    days.command(ago(6), "CUST-012", lambda ref: oms.ChangePlan(subscription_id=ref, plan_code="CARE-PLUS"))
    days.subscribe(renewed, "CUST-013", "LICENCE", card=None)
    days.renew("CUST-013", renewed)
    timed_out = monthly(1)
    days.subscribe(timed_out[0], "CUST-014", "CARE")
    days.renew("CUST-014", timed_out[0])
    days.renew("CUST-014", timed_out[1], answer=UNKNOWN)
    paused = monthly(1)
    days.subscribe(paused[0], "CUST-015", "CARE")
    days.renew("CUST-015", *paused)
    days.command(ago(3), "CUST-015", lambda ref: oms.PauseSubscription(
        subscription_id=ref, start=ago(3), until=months_from(renewed, 2)))
    days.subscribe(ago(32), "CUST-016", "LICENCE")  # net 30: due 2 days ago
    days.renew("CUST-016", ago(32), answer=FAILED)
    days.dun("CUST-016", ago(1))  # retry 1 of 4 (the due date + 1, 3, 5 and 7 days)
    days.subscribe(ago(45), "CUST-017", "LICENCE", card=None)  # net 30: due 15 days ago
    days.renew("CUST-017", ago(45))
    days.dun("CUST-017", ago(14), ago(12), ago(10), ago(8))  # a reminder each day, unanswered
    cancelled = monthly(1)
    days.subscribe(cancelled[0], "CUST-018", "CARE")
    days.renew("CUST-018", *cancelled)
    days.command(ago(4), "CUST-018", lambda ref: oms.CancelSubscription(subscription_id=ref,
                                                                        reason="moved to another supplier"))
    onboarding = monthly(3)
    days.subscribe(onboarding[0], "CUST-019", "ONBOARDING")
    days.renew("CUST-019", *onboarding)  # the last day: the term is over, nothing billed, expired
    days.play()
