"""Every command's handler, in one registry for the message bus."""

from __future__ import annotations

from oms.application.accounting import books
from oms.application.carts import carts, policies
from oms.application.invoicing import invoices, payments, vendor_bills
from oms.application.masterdata import (
    branches,
    customers,
    exchange_rate_imports,
    exchange_rates,
    imports,
    products,
    supplier_imports,
    suppliers,
    tax_rates,
)
from oms.application.processes import (
    billing,
    cart_checkout,
    cart_messages,
    cart_recovery,
    make_to_order,
    returned_goods,
    service_billing,
    service_work,
    subscription_charges,
    subscription_dunning,
    subscription_renewals,
    vendor_billing,
)
from oms.application.processes import planning as proposals
from oms.application.procurement import planning, purchase_orders, rfqs
from oms.application.procurement import settings as procurement_settings
from oms.application.production import boms, service_orders, work_orders
from oms.application.sales import quotations, sales_orders
from oms.application.sales import returns as sales_returns
from oms.application.shared import housekeeping
from oms.application.shared.commands import Handlers
from oms.application.stock import commands as stock
from oms.application.subscriptions import plans as subscription_plans
from oms.application.subscriptions import subscriptions
from oms.application.webhooks import subscriptions as webhooks

COMMAND_HANDLERS: Handlers = {
    **carts.HANDLERS,
    **policies.HANDLERS,
    **cart_checkout.HANDLERS,
    **cart_recovery.HANDLERS,
    **cart_messages.HANDLERS,
    **branches.HANDLERS,
    **tax_rates.HANDLERS,
    **products.HANDLERS,
    **customers.HANDLERS,
    **suppliers.HANDLERS,
    **exchange_rates.HANDLERS,
    **imports.HANDLERS,
    **supplier_imports.HANDLERS,
    **exchange_rate_imports.HANDLERS,
    **stock.HANDLERS,
    **quotations.HANDLERS,
    **sales_orders.HANDLERS,
    **sales_returns.HANDLERS,
    **invoices.HANDLERS,
    **payments.HANDLERS,
    **billing.HANDLERS,
    **returned_goods.HANDLERS,
    **housekeeping.HANDLERS,
    **books.HANDLERS,
    **webhooks.HANDLERS,
    **purchase_orders.HANDLERS,
    **procurement_settings.HANDLERS,
    **vendor_bills.HANDLERS,
    **vendor_billing.HANDLERS,
    **rfqs.HANDLERS,
    **planning.HANDLERS,
    **proposals.HANDLERS,
    **boms.HANDLERS,
    **work_orders.HANDLERS,
    **service_orders.HANDLERS,
    **service_work.HANDLERS,
    **service_billing.HANDLERS,
    **make_to_order.HANDLERS,
    **subscription_plans.HANDLERS,
    **subscriptions.HANDLERS,
    **subscription_renewals.HANDLERS,
    **subscription_charges.HANDLERS,
    **subscription_dunning.HANDLERS,
}


# Commands no person issues: the cart and renewal jobs' batches and the records the relay's subscribers and the
# paying checkout make (what a front door offers of them is the job, `oms carts recover|expire` and `oms renewals
# run`, and the checkout), and the restore of a cart by a recovery message's link (its front door is that link's
# page, which checks the key). Every other command is declared by an action (tests/unit/test_public_api.py).
JOB_COMMANDS: frozenset[type] = frozenset({
    cart_recovery.ClaimRecoveryMessages, cart_recovery.ExpireCarts, cart_recovery.MarkRecoveryMessageSent,
    cart_messages.MarkRecoveryMessageFailed, cart_checkout.RecordCartAuthorisation, cart_checkout.MarkCartCaptured,
    carts.RestoreCart, subscription_renewals.RenewSubscriptions,
})
