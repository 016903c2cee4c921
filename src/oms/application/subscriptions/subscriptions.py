"""Subscription use cases: subscribe, and the changes of a subscription's life. A change during a billed period
returns what it prorates (`Proration`); the billing process (processes/subscription_renewals.py) handles those
commands and turns the proration into a posted credit note and invoice in the same transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import branch_by_code, customer_by_code
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.shared.documents import find, next_number
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.items import unit_of_measure
from oms.domain.subscriptions.plans import PlanVersion
from oms.domain.subscriptions.records import AfterDunning, DunningPolicy, Proration
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.subscriptions.repositories import SubscriptionsUnitOfWork

KIND = "subscription"


@frozen(kw_only=True)
class QuantityInput:
    """The quantity of the plan's line of `sku` (instead of the plan's own)."""

    sku: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class ProrationBilled:
    """What a change billed: the posted credit note of the days credited and the posted invoice of the days
    charged (None where nothing was)."""

    credit_note_id: str | None = None
    invoice_id: str | None = None


@frozen(kw_only=True)
class Subscribe(Command[str]):
    """Subscribe a customer to the current version of a plan from `start_day`, invoiced from `branch_code`: trialing
    until the trial's end, else its first period is due at once. Its invoices are charged to `payment_method` (the
    payment provider's token of a card or mandate) when given; without one they wait for a payment. `retry_days`:
    the days after an unpaid invoice's due date its charge is retried (none given: +1, +3, +5, +7), and
    `after_last_failure` what the last failed retry leads to. Returns the subscription's id."""

    customer_code: str
    branch_code: str
    plan_code: str
    start_day: date
    quantities: tuple[QuantityInput, ...] = ()
    payment_method: str | None = None
    retry_days: tuple[int, ...] = ()
    after_last_failure: AfterDunning = AfterDunning.UNPAID


@frozen(kw_only=True)
class SetPaymentMethod(Command[None]):
    """Charge the subscription's invoices to `payment_method` (the payment provider's token) from now on, the
    retries of its dunning included; none: charge nothing, its invoices wait for a payment."""

    subscription_id: DocumentRef
    payment_method: str | None = None


@frozen(kw_only=True)
class ChangeQuantity(Command[ProrationBilled]):
    """Bill `quantity` of the line of `sku`: an increase from today (prorated), a decrease from the next period."""

    subscription_id: DocumentRef
    sku: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class ChangePlan(Command[ProrationBilled]):
    """Move to the current version of the plan `plan_code` (same currency and interval): an upgrade from today
    (prorated), a downgrade from the next period."""

    subscription_id: DocumentRef
    plan_code: str
    quantities: tuple[QuantityInput, ...] = ()


@frozen(kw_only=True)
class PauseSubscription(Command[ProrationBilled]):
    """Pause from `start` (today or later) to `until`: nothing billed for those days (the billed ones credited)."""

    subscription_id: DocumentRef
    start: date
    until: date


@frozen(kw_only=True)
class ResumeSubscription(Command[ProrationBilled]):
    """End the current pause today (or drop the next one), charging the days from today that were not billed."""

    subscription_id: DocumentRef


@frozen(kw_only=True)
class CancelSubscription(Command[ProrationBilled]):
    """Cancel now (the unused days of the billed period credited) or at the period end (nothing more billed)."""

    subscription_id: DocumentRef
    at_period_end: bool = False
    reason: str = ""


@frozen(kw_only=True)
class ResolvePaymentException(Command[None]):
    """An operator found out what happened to a charge whose outcome was unknown: renewals and retries go on."""

    subscription_id: DocumentRef
    reason: str


def subscription_by_ref(uow: SubscriptionsUnitOfWork, ref: DocumentRef) -> Subscription:
    return find(uow.subscriptions.subscriptions, ref, KIND)


def current_plan(uow: SubscriptionsUnitOfWork, code: str, field_name: str = "plan_code") -> PlanVersion:
    plan = uow.subscriptions.plans.current(code)
    if plan is None:
        raise NotFound("plan", code, field=field_name)
    return plan


def _quantities(uow: SubscriptionsUnitOfWork, given: tuple[QuantityInput, ...],
                field_name: str = "quantities") -> dict[str, Decimal]:
    """The quantities by SKU, each within its product's unit of measure (no half seats: the renewal's sales order
    would refuse it)."""
    for index, line in enumerate(given):
        _check_unit(uow, line.sku, line.quantity, f"{field_name}[{index}].quantity")
    return {line.sku: line.quantity for line in given}


def _check_unit(uow: SubscriptionsUnitOfWork, sku: str, quantity: Decimal, field_name: str) -> None:
    product = uow.masterdata.products.by_sku(sku)
    if product is not None:  # an SKU the plan does not bill is refused by the plan itself, naming it
        unit_of_measure(product.uom).check(quantity, field_name)


def _dunning(cmd: Subscribe) -> DunningPolicy:
    if not cmd.retry_days:
        return DunningPolicy(after_last_failure=cmd.after_last_failure)
    return DunningPolicy(retry_days=cmd.retry_days, after_last_failure=cmd.after_last_failure)


def subscribe(cmd: Subscribe, uow: SubscriptionsUnitOfWork, clock: Clock) -> str:
    customer = customer_by_code(uow, cmd.customer_code, "customer_code")
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    plan = current_plan(uow, cmd.plan_code)
    if plan.currency != branch.currency:
        raise InvalidValue("branch_code", f"{branch.code} invoices in {branch.currency}; plan {plan.code} bills "
                           f"{plan.currency}")
    subscription = Subscription.start(plan, id=new_id(), number=next_number(uow, DocumentType.SUBSCRIPTION),
                                      customer_id=customer.id, starts_on=cmd.start_day, at=clock.now(),
                                      quantities=_quantities(uow, cmd.quantities), branch_id=branch.id,
                                      payment_method=cmd.payment_method, dunning=_dunning(cmd))
    uow.subscriptions.subscriptions.add(subscription)
    return subscription.id


def change_quantity(cmd: ChangeQuantity, uow: SubscriptionsUnitOfWork, clock: Clock) -> Proration | None:
    _check_unit(uow, cmd.sku, cmd.quantity, "quantity")
    return subscription_by_ref(uow, cmd.subscription_id).change_quantity(cmd.sku, cmd.quantity, clock.now(),
                                                                         cmd.actor)


def change_plan(cmd: ChangePlan, uow: SubscriptionsUnitOfWork, clock: Clock) -> Proration | None:
    subscription = subscription_by_ref(uow, cmd.subscription_id)
    return subscription.change_plan(current_plan(uow, cmd.plan_code), clock.now(), cmd.actor,
                                    _quantities(uow, cmd.quantities))


def pause_subscription(cmd: PauseSubscription, uow: SubscriptionsUnitOfWork, clock: Clock) -> Proration | None:
    return subscription_by_ref(uow, cmd.subscription_id).pause(cmd.start, cmd.until, clock.now(), cmd.actor)


def resume_subscription(cmd: ResumeSubscription, uow: SubscriptionsUnitOfWork, clock: Clock) -> Proration | None:
    return subscription_by_ref(uow, cmd.subscription_id).resume(clock.now(), cmd.actor)


def cancel_subscription(cmd: CancelSubscription, uow: SubscriptionsUnitOfWork, clock: Clock) -> Proration | None:
    return subscription_by_ref(uow, cmd.subscription_id).cancel(clock.now(), cmd.actor,
                                                                at_period_end=cmd.at_period_end, reason=cmd.reason)


def resolve_payment_exception(cmd: ResolvePaymentException, uow: SubscriptionsUnitOfWork, clock: Clock) -> None:
    subscription_by_ref(uow, cmd.subscription_id).resolve_payment_exception(clock.now(), cmd.actor, cmd.reason)


def set_payment_method(cmd: SetPaymentMethod, uow: SubscriptionsUnitOfWork, clock: Clock) -> None:
    subscription_by_ref(uow, cmd.subscription_id).set_payment_method(cmd.payment_method, clock.now(), cmd.actor)


HANDLERS: Handlers = {Subscribe: subscribe, ResolvePaymentException: resolve_payment_exception,
                      SetPaymentMethod: set_payment_method}
