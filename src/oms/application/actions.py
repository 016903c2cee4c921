"""Every declared action of every context, in one list for the front doors (HTTP routes, CLI commands, console)."""

from __future__ import annotations

from oms.application.accounting import actions as accounting
from oms.application.invoicing import actions as invoicing
from oms.application.invoicing import bill_actions
from oms.application.masterdata import actions as masterdata
from oms.application.processes import actions as processes
from oms.application.processes import bill_actions as process_bill_actions
from oms.application.processes import cart_actions, make_to_order, service_work
from oms.application.processes import dunning_actions as dunning
from oms.application.processes import planning_actions as proposal_actions
from oms.application.processes import subscription_actions as renewal_actions
from oms.application.procurement import actions as procurement
from oms.application.procurement import planning_actions, rfq_actions
from oms.application.production import actions as production
from oms.application.sales import actions as sales
from oms.application.shared import maintenance
from oms.application.shared.actions import Action, actions_of
from oms.application.stock import actions as stock
from oms.application.subscriptions import actions as subscriptions
from oms.application.webhooks import actions as webhooks

ACTIONS: list[Action] = actions_of(masterdata.ACTIONS, stock.ACTIONS, sales.ACTIONS, invoicing.ACTIONS,
                                   processes.ACTIONS, maintenance.ACTIONS, accounting.ACTIONS,
                                   webhooks.ACTIONS, procurement.ACTIONS, bill_actions.ACTIONS,
                                   process_bill_actions.ACTIONS, rfq_actions.RFQ_ACTIONS,
                                   planning_actions.ACTIONS, proposal_actions.ACTIONS, production.ACTIONS,
                                   service_work.ACTIONS, make_to_order.ACTIONS, subscriptions.ACTIONS,
                                   renewal_actions.ACTIONS, dunning.ACTIONS, cart_actions.ACTIONS)
