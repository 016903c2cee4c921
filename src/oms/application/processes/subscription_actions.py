"""The subscription billing process's command, declared once: renewing a subscription's due periods now."""

from __future__ import annotations

from oms.application.processes.subscription_renewals import RenewSubscription
from oms.application.shared.actions import Action
from oms.application.subscriptions.actions import SUBSCRIPTION
from oms.domain.access.tokens import Role
from oms.domain.subscriptions.records import RENEWABLE

ACTIONS = [
    Action(SUBSCRIPTION, "renew", RenewSubscription, Role.MANAGER,
           "Renew every period due by today (or by a day before), each billed by one posted invoice", when=RENEWABLE),
]
