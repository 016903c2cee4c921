"""The commands of charging and dunning subscriptions, declared once for every front door."""

from __future__ import annotations

from oms.application.processes.subscription_charges import RecordChargeOutcome
from oms.application.processes.subscription_dunning import DunSubscription
from oms.application.shared.actions import Action
from oms.application.subscriptions.actions import RUNNING, SUBSCRIPTION
from oms.application.subscriptions.subscriptions import SetPaymentMethod
from oms.domain.access.tokens import Role

ACTIONS = [
    Action(SUBSCRIPTION, "payment-method", SetPaymentMethod, Role.CLERK,
           "Set the payment provider's token its invoices are charged to (none: they wait for a payment)",
           operation="set_payment_method", when=RUNNING),
    Action(SUBSCRIPTION, "dun", DunSubscription, Role.MANAGER,
           "Chase its unpaid invoices now: see payments, mark overdue ones, claim the retry due",
           operation="dun_subscription", when=RUNNING),
    Action(SUBSCRIPTION, "charge-outcome", RecordChargeOutcome, Role.MANAGER,
           "Record the payment provider's answer to a charge attempt (succeeded records the invoice's payment)",
           operation="record_charge_outcome"),
]
