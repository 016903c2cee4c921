"""Procurement settings of a branch: the approval threshold of its purchase orders and the over-receipt tolerances.

- An order whose grand total (in its currency, converted to the branch's) reaches the threshold needs a manager's
  approval before it is ordered; without a threshold no order does.
- A receipt may bring a line up to ordered x (1 + tolerance / 100): the product's own tolerance if the branch sets
  one, else the branch's default (0: never more than ordered).
- A vendor bill's unit price may differ from the order's by the price tolerance (a percentage of the order's, 2%
  unless set) and still match; beyond it the bill line is an exception.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import define, field

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import check_decimals, to_decimal

MAX_TOLERANCE = Decimal(1000)
DEFAULT_PRICE_TOLERANCE = Decimal(2)


def check_tolerance(value: object, field_name: str) -> Decimal:
    """An over-receipt tolerance: a percentage from 0 to 1000 with at most two decimals."""
    percent = to_decimal(value, field_name)
    if not 0 <= percent <= MAX_TOLERANCE:
        raise InvalidValue(field_name, f"must be between 0 and {MAX_TOLERANCE}")
    check_decimals(percent, 2, field_name)
    return percent


@define(slots=False, eq=False, kw_only=True)
class ProductTolerance:
    id: str
    product_id: str
    percent: Decimal


@define(slots=False, eq=False, kw_only=True)
class ProcurementSettings:
    """Keyed by the branch (`id` is the branch's id)."""

    id: str
    approval_threshold: Decimal | None = None
    over_receipt_percent: Decimal = Decimal(0)
    price_tolerance_percent: Decimal = DEFAULT_PRICE_TOLERANCE
    tolerances: list[ProductTolerance] = field(factory=list)
    version: int = 0

    def __attrs_post_init__(self) -> None:
        self.change(approval_threshold=self.approval_threshold, over_receipt_percent=self.over_receipt_percent,
                    price_tolerance_percent=self.price_tolerance_percent)

    def change(self, *, approval_threshold: Decimal | None, over_receipt_percent: Decimal,
               price_tolerance_percent: Decimal) -> None:
        if approval_threshold is not None:
            approval_threshold = to_decimal(approval_threshold, "approval_threshold")
            if approval_threshold <= 0:
                raise InvalidValue("approval_threshold", "must be greater than zero (or null: no approval)")
            check_decimals(approval_threshold, 2, "approval_threshold")
        percent = check_tolerance(over_receipt_percent, "over_receipt_percent")
        price = check_tolerance(price_tolerance_percent, "price_tolerance_percent")
        self.approval_threshold, self.over_receipt_percent, self.price_tolerance_percent = (
            approval_threshold, percent, price)

    def set_tolerance(self, product_id: str, percent: Decimal | None, new_id: str) -> None:
        """The product's own tolerance; None removes it (the branch's default applies again)."""
        self.tolerances = [t for t in self.tolerances if t.product_id != product_id]
        if percent is not None:
            self.tolerances.append(ProductTolerance(id=new_id, product_id=product_id,
                                                    percent=check_tolerance(percent, "percent")))

    def tolerance(self, product_id: str) -> Decimal:
        for entry in self.tolerances:
            if entry.product_id == product_id:
                return entry.percent
        return self.over_receipt_percent
