"""Subscription plans: a version of a plan is its price list (lines, currency), its interval, trial and term.

Rules:
- a plan version is immutable once made: a price change is a new version, which applies to a subscription from its
  next renewal (S15); the lines a subscription bills are copied from the version it was started or changed to;
- a line's price is per period: one period of a line costs quantity x unit price, rounded to the currency's minor
  unit (the same line amount `price_document` computes for an order or an invoice line);
- billing is in advance: period k is billed when it starts (prepaid);
- a fixed term of n periods ends at the start of period n (then the subscription expires); no term: evergreen;
- a trial of d days comes before period 0: the anchor is the day the trial ends (S13).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import MAX_QUANTITY, check_unit_price
from oms.domain.shared.money import Currency, check_decimals
from oms.domain.shared.tax import TaxCategory
from oms.domain.subscriptions.periods import Interval

MAX_TRIAL_DAYS = 730


def check_line_quantity(quantity: Decimal, field_name: str = "quantity") -> Decimal:
    if not isinstance(quantity, Decimal) or not 0 < quantity <= MAX_QUANTITY:
        raise InvalidValue(field_name, f"must be a decimal greater than zero and at most {MAX_QUANTITY}")
    return check_decimals(quantity, 6, field_name)


def _unit_price(price: Decimal) -> Decimal:
    return check_unit_price(price, "unit_price")


@frozen(kw_only=True)
class PlanLine:
    """A product billed every period: `quantity` x `unit_price` per period."""

    product_id: str
    sku: str
    quantity: Decimal = field(converter=check_line_quantity)
    unit_price: Decimal = field(converter=_unit_price)
    tax_category: TaxCategory = TaxCategory.STANDARD

    def amount(self, currency: Currency) -> Decimal:
        """What one whole period of the line costs, rounded to the minor unit."""
        return currency.round(self.quantity * self.unit_price)

    def with_quantity(self, quantity: Decimal) -> PlanLine:
        return PlanLine(product_id=self.product_id, sku=self.sku, quantity=quantity, unit_price=self.unit_price,
                        tax_category=self.tax_category)


Lines = tuple[PlanLine, ...]


def _alike(one: PlanLine, other: PlanLine) -> bool:
    """Equal, and with the amounts spelt alike (lines keep their decimals as given: 30.00 is not 30.0 here)."""
    return one == other and str(one.quantity) == str(other.quantity) and str(one.unit_price) == str(other.unit_price)


def as_lines(lines: Iterable[PlanLine]) -> Lines:
    return tuple(lines)


def period_amount(lines: Lines, currency: Currency) -> Decimal:
    """What a whole period of `lines` costs: the sum of their rounded amounts."""
    return sum((line.amount(currency) for line in lines), currency.round(Decimal(0)))


def _check_currency(code: str) -> None:
    Currency.of(code)


def _check_term(_: object, __: object, term: int | None) -> None:
    if term is not None and (isinstance(term, bool) or not isinstance(term, int) or term < 1):
        raise InvalidValue("term_periods", "a fixed term is a whole number of periods, at least 1 (none: evergreen)")


def _check_trial(_: object, __: object, days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_TRIAL_DAYS:
        raise InvalidValue("trial_days", f"must be a whole number of days from 0 to {MAX_TRIAL_DAYS}")


@frozen(kw_only=True, slots=False)  # a __dict__, as the SQL store keeps aggregates
class PlanVersion:
    """One version of a plan's price list and terms."""

    id: str
    plan_id: str
    code: str
    version: int
    currency: str = field(validator=lambda _, __, code: _check_currency(code))
    interval: Interval
    lines: Lines = field(converter=as_lines)
    trial_days: int = field(default=0, validator=_check_trial)
    term_periods: int | None = field(default=None, validator=_check_term)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.lines:
            raise InvalidValue("lines", "a plan bills at least one line")
        skus = [line.sku for line in self.lines]
        if len(set(skus)) != len(skus):
            raise InvalidValue("lines", "a plan bills each product on one line")

    @property
    def money(self) -> Currency:
        return Currency.of(self.currency)

    def lines_for(self, quantities: Mapping[str, Decimal] | None = None) -> Lines:
        """The plan's lines, with the quantities given by SKU instead of the plan's own."""
        quantities = quantities or {}
        unknown = sorted(set(quantities) - {line.sku for line in self.lines})
        if unknown:
            raise InvalidValue("quantities", f"the plan {self.code} has no line for {', '.join(unknown)}")
        return tuple(line.with_quantity(quantities[line.sku]) if line.sku in quantities else line
                     for line in self.lines)

    def reprice(self, lines: Sequence[PlanLine]) -> Lines:
        """`lines` at this version's prices: each product keeps its quantity, products the version no longer has
        are dropped, products it adds come at its quantity (a price change applies from the next period, S15)."""
        kept = {line.sku: line.quantity for line in lines}
        repriced = self.lines_for({sku: quantity for sku, quantity in kept.items()
                                   if sku in {line.sku for line in self.lines}})
        if isinstance(lines, tuple) and len(repriced) == len(lines) and all(map(_alike, repriced, lines)):
            return lines  # unchanged: the very lines (a renewal at the same prices changes nothing of them)
        return repriced
