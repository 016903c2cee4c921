"""Discounts (percent or amount) and the exact spreading of an order discount over its lines."""

from __future__ import annotations

import enum
from decimal import ROUND_CEILING, Decimal

from attrs import frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency, check_decimals, to_decimal


class DiscountKind(enum.StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


@frozen
class Discount:
    """A percent (0-100) of an amount, or a fixed amount in the document currency."""

    kind: DiscountKind
    value: Decimal

    def __composite_values__(self) -> tuple[DiscountKind, Decimal]:
        """The fields in declaration order, for stores that keep a value object in several columns."""
        return (self.kind, self.value)

    @classmethod
    def parse(cls, kind: str, value: object, field: str = "discount") -> Discount:
        try:
            parsed_kind = DiscountKind(kind)
        except ValueError:
            raise InvalidValue(f"{field}.kind", "must be 'percent' or 'amount'") from None
        amount = to_decimal(value, f"{field}.value")
        if amount < 0:
            raise InvalidValue(f"{field}.value", "must not be negative")
        if parsed_kind is DiscountKind.PERCENT and amount > 100:
            raise InvalidValue(f"{field}.value", "a percentage cannot exceed 100")
        return cls(parsed_kind, check_decimals(amount, 6, f"{field}.value"))

    @classmethod
    def percent(cls, value: object) -> Discount:
        return cls.parse("percent", value)

    @classmethod
    def amount(cls, value: object) -> Discount:
        return cls.parse("amount", value)

    def amount_off(self, base: Decimal, currency: Currency, field: str, *, cap: bool = False) -> Decimal:
        """The discount on `base`, rounded to the minor unit. An amount larger than the base is refused, or with
        `cap` reduced to the base (an order discount while lines are still being added or removed)."""
        if self.kind is DiscountKind.PERCENT:
            return currency.round(base * self.value / 100)
        off = currency.round(self.value)
        if cap:
            return min(off, base)
        if off > base:
            raise InvalidValue(field, f"a discount of {off} exceeds the amount it applies to ({base})")
        return off


def allocate_exactly(total: Decimal, weights: list[Decimal], currency: Currency) -> list[Decimal]:
    """Split `total` over `weights` in proportion, each share rounded, the shares adding up to `total` exactly.

    The rounding remainder goes to the largest weight (the first of equals). If that would make its share
    exceed its weight, the excess moves on to the next largest, so no share ever exceeds its weight when
    `total` does not exceed the sum of the weights. Shares move in whole minor units only: a weight that is not
    in the minor unit (an unrounded tax) has room up to its weight rounded up, so every share stays rounded.
    """
    whole = sum(weights, Decimal(0))
    if not weights:
        return []
    if whole == 0:
        shares = [Decimal(0) for _ in weights]
        shares[0] = currency.round(total)
        return shares
    shares = [currency.round(total * weight / whole) for weight in weights]
    remainder = currency.round(total) - sum(shares, Decimal(0))
    by_size = sorted(range(len(weights)), key=lambda i: (-weights[i], i))
    for index in by_size:
        if remainder == 0:
            break
        room = ((weights[index] - shares[index]).quantize(currency.quantum, rounding=ROUND_CEILING)
                if remainder > 0 else shares[index])
        step = min(abs(remainder), room) if room > 0 else Decimal(0)
        if index == by_size[-1]:
            step = abs(remainder)
        moved = step if remainder > 0 else -step
        shares[index] += moved
        remainder -= moved
    return shares
