"""The subscription commands, declared once: what each front door (HTTP, CLI, console) offers of plans and
subscriptions. A plan is addressed by its code, a subscription by its id or its number (SUB-000001)."""

from __future__ import annotations

from oms.application.shared.actions import Action, Resource
from oms.application.subscriptions import plans, subscriptions
from oms.application.subscriptions.queries import show_plan, show_subscription
from oms.domain.access.tokens import Role
from oms.domain.subscriptions.records import CHANGEABLE, ENDED, SubscriptionStatus

PLAN = Resource(name="plan", title="subscription plan", path="/plans", cli="plan", tag="subscriptions",
                show=show_plan, ref="code", ref_field="code", key=lambda view: str(view.code))
SUBSCRIPTION = Resource(name="subscription", title="subscription", path="/subscriptions", cli="subscription",
                        tag="subscriptions", show=show_subscription, ref_field="subscription_id")

CLERK, MANAGER = Role.CLERK, Role.MANAGER
RUNNING: frozenset[str] = frozenset(SubscriptionStatus) - ENDED

ACTIONS = [
    Action(PLAN, "create", plans.CreatePlan, MANAGER, "Create a plan, or the next version of its prices and terms",
           path="", collection=True, status=201, creates=PLAN),
    Action(SUBSCRIPTION, "create", subscriptions.Subscribe, CLERK, "Subscribe a customer to a plan", path="",
           collection=True, status=201, creates=SUBSCRIPTION, operation="subscribe"),
    Action(SUBSCRIPTION, "quantity", subscriptions.ChangeQuantity, CLERK,
           "Change a line's quantity: an increase prorated from today, a decrease from the next period",
           operation="change_quantity", arguments=("sku", "quantity"), when=CHANGEABLE),
    Action(SUBSCRIPTION, "plan", subscriptions.ChangePlan, CLERK,
           "Change the plan: an upgrade prorated from today, a downgrade from the next period",
           operation="change_plan", arguments=("plan_code",), when=CHANGEABLE),
    Action(SUBSCRIPTION, "pause", subscriptions.PauseSubscription, CLERK,
           "Pause from a day to a day: nothing billed for those days", when=CHANGEABLE),
    Action(SUBSCRIPTION, "resume", subscriptions.ResumeSubscription, CLERK,
           "End the pause today, charging the days from today on", when=CHANGEABLE),
    Action(SUBSCRIPTION, "cancel", subscriptions.CancelSubscription, MANAGER,
           "Cancel now (the unused days credited) or at the period end", when=RUNNING),
    Action(SUBSCRIPTION, "resolve", subscriptions.ResolvePaymentException, MANAGER,
           "Resolve a payment exception: renewals and retries go on", operation="resolve_payment_exception",
           when=RUNNING),
]
