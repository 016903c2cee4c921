"""Subscription plan use cases: create a plan, or a new version of it (a price change applies from each
subscription's next renewal)."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import unit_of_measure
from oms.domain.shared.money import to_decimal
from oms.domain.subscriptions.periods import Interval, IntervalUnit
from oms.domain.subscriptions.plans import PlanLine, PlanVersion
from oms.ports.shared.clock import Clock
from oms.ports.subscriptions.repositories import SubscriptionsUnitOfWork


def _price(value: object) -> Decimal:
    return to_decimal(value, "unit_price")


@frozen(kw_only=True)
class PlanLineInput:
    """A product billed every period: `quantity` x `unit_price` per period."""

    sku: str
    quantity: Decimal = field(converter=to_quantity)
    unit_price: Decimal = field(converter=_price)


@frozen(kw_only=True)
class CreatePlan(Command[str]):
    """A plan billing its lines every `every` `interval` in `currency`, with a trial of `trial_days` and a fixed term
    of `term_periods` (none: evergreen); when the plan `code` exists, its next version (same currency and interval:
    its subscriptions renew at the new prices from their next period). Returns the version's id."""

    code: str
    name: str
    currency: str
    interval: IntervalUnit = IntervalUnit.MONTH
    every: int = 1
    trial_days: int = 0
    term_periods: int | None = None
    lines: tuple[PlanLineInput, ...] = ()


def create_plan(cmd: CreatePlan, uow: SubscriptionsUnitOfWork, clock: Clock) -> str:
    if not cmd.code.strip():
        raise InvalidValue("code", "must not be empty")
    current = uow.subscriptions.plans.current(cmd.code)
    interval = Interval(cmd.interval, cmd.every)
    if current is not None and (current.currency, current.interval) != (cmd.currency, interval):
        raise InvalidValue("interval" if current.currency == cmd.currency else "currency",
                           f"plan {cmd.code} bills {current.currency} {current.interval}: its subscriptions renew at "
                           "its next version's prices, which must keep them; make a new plan for other terms")
    lines = []
    for index, given in enumerate(cmd.lines):
        product = product_by_sku(uow, given.sku, f"lines[{index}].sku")
        unit_of_measure(product.uom).check(given.quantity, f"lines[{index}].quantity")
        try:
            lines.append(PlanLine(product_id=product.id, sku=product.sku, quantity=given.quantity,
                                  unit_price=given.unit_price, tax_category=product.tax_category))
        except InvalidValue as error:  # the line's own check: named at the line's position
            raise InvalidValue(f"lines[{index}].{error.field}", error.detail) from None
    version = PlanVersion(id=new_id(), plan_id=current.plan_id if current else new_id(), code=cmd.code,
                          version=current.version + 1 if current else 1, currency=cmd.currency,
                          interval=interval, lines=lines, trial_days=cmd.trial_days,
                          term_periods=cmd.term_periods, name=cmd.name)
    uow.subscriptions.plans.add(version)
    return version.id


HANDLERS: Handlers = {CreatePlan: create_plan}
