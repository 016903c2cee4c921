"""Supplier quotations: a supplier's answer to a request for quotation, line by line, in its currency and unit.

Each line answers one RFQ line: a price per unit of purchase (a pack of 10, a box; `unit_factor` stock units in
one), the quantity offered and the minimum quantity in that unit, a lead time in days and the day it is valid
until. In stock units: quantity x factor, and a price of price / factor (6 decimals, half up). A line is expired
on the days after its `valid_until`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from attrs import define, field, frozen

from oms.domain.masterdata.suppliers import check_lead_time
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import MAX_PRICE_DECIMALS, MAX_QUANTITY, check_unit_price
from oms.domain.shared.money import Currency, check_decimals

STOCK_UNIT_PRICE = Decimal(1).scaleb(-MAX_PRICE_DECIMALS)


def per_stock_unit(price: Decimal) -> Decimal:
    """A price of one stock unit, as unit prices are kept: half up to 6 decimals."""
    return price.quantize(STOCK_UNIT_PRICE, rounding=ROUND_HALF_UP)


@frozen(kw_only=True)
class OfferValues:
    """What a supplier says of one RFQ line (checked by `SupplierQuotationLine.of`)."""

    rfq_line_id: str
    price: Decimal
    quantity: Decimal
    valid_until: date
    lead_time_days: int = 0
    min_quantity: Decimal = Decimal(0)
    purchase_unit: str = ""
    unit_factor: Decimal = Decimal(1)


@define(slots=False, eq=False, kw_only=True)
class SupplierQuotationLine:
    id: str
    position: int
    rfq_line_id: str
    price: Decimal
    quantity: Decimal
    min_quantity: Decimal
    lead_time_days: int
    valid_until: date
    purchase_unit: str = ""
    unit_factor: Decimal = Decimal(1)

    @classmethod
    def of(cls, values: OfferValues, *, id: str, position: int, field: str) -> SupplierQuotationLine:
        """A line of these values; an error names the member of `field` at fault (`lines[0].price`)."""
        check_unit_price(values.price, f"{field}.price")
        if values.price <= 0:
            raise InvalidValue(f"{field}.price", "must be greater than zero")
        _check_amount(values.quantity, f"{field}.quantity", positive=True)
        _check_amount(values.min_quantity, f"{field}.min_quantity", positive=False)
        _check_amount(values.unit_factor, f"{field}.unit_factor", positive=True)
        check_lead_time(values.lead_time_days, f"{field}.lead_time_days")
        return cls(id=id, position=position, rfq_line_id=values.rfq_line_id, price=values.price,
                   quantity=values.quantity, min_quantity=values.min_quantity,
                   lead_time_days=values.lead_time_days, valid_until=values.valid_until,
                   purchase_unit=values.purchase_unit, unit_factor=values.unit_factor)

    @property
    def stock_quantity(self) -> Decimal:
        return self.quantity * self.unit_factor

    @property
    def stock_min_quantity(self) -> Decimal:
        return self.min_quantity * self.unit_factor

    @property
    def stock_unit_price(self) -> Decimal:
        return per_stock_unit(self.price / self.unit_factor)

    def expired_on(self, day: date) -> bool:
        return day > self.valid_until


@define(slots=False, eq=False, kw_only=True)
class SupplierQuotation:
    """One supplier's answer to one request; `reference` is the supplier's own number for it."""

    id: str
    supplier_id: str
    currency: str
    received_at: datetime
    actor: str
    reference: str = ""
    lines: list[SupplierQuotationLine] = field(factory=list)

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)

    def line_for(self, rfq_line_id: str) -> SupplierQuotationLine | None:
        return next((line for line in self.lines if line.rfq_line_id == rfq_line_id), None)

    @classmethod
    def new(cls, *, id: str, supplier_id: str, currency: str, received_at: datetime, actor: str, reference: str,
            offers: Sequence[tuple[str, OfferValues]]) -> SupplierQuotation:
        """A quotation of `offers`, each (a fresh line id, its values)."""
        lines = [SupplierQuotationLine.of(values, id=line_id, position=index + 1, field=f"lines[{index}]")
                 for index, (line_id, values) in enumerate(offers)]
        return cls(id=id, supplier_id=supplier_id, currency=currency, received_at=received_at, actor=actor,
                   reference=reference, lines=lines)


def _check_amount(value: Decimal, field: str, *, positive: bool) -> None:
    if value < 0 or (positive and value == 0):
        raise InvalidValue(field, "must be greater than zero" if positive else "must not be negative")
    if value > MAX_QUANTITY:
        raise InvalidValue(field, f"must not exceed {MAX_QUANTITY}")
    check_decimals(value, 6, field)
