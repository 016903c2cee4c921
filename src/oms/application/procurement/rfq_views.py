"""What reads of requests for quotation answer: the RFQ with its lines, suppliers' status, quotations and awards;
the list of RFQs; the comparison of the offers per line (converted prices, cheapest and fastest marks, flags)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import Quantity, StatusChangeView
from oms.domain.procurement.rfqs import InvitationStatus, RfqStatus
from oms.domain.shared.money import Money


@frozen(kw_only=True)
class RfqLineView:
    """A product wanted; `awarded` so far and what is `remaining` to award, in its stock unit."""

    id: str
    position: int
    sku: str
    description: str
    quantity: Quantity
    wanted_date: date | None
    awarded: Quantity
    remaining: Quantity


@frozen(kw_only=True)
class RfqSupplierView:
    supplier_code: str
    name: str
    currency: str
    status: InvitationStatus
    reason: str


@frozen(kw_only=True)
class QuotationLineView:
    """An offer as quoted: `price` per `purchase_unit` (holding `unit_factor` stock units; empty: the stock unit),
    `quantity` and `min_quantity` in that unit; `awarded` in stock units."""

    id: str
    line: int
    sku: str
    price: Money
    purchase_unit: str
    unit_factor: Decimal
    quantity: Decimal
    min_quantity: Decimal
    lead_time_days: int
    valid_until: date
    awarded: Quantity


@frozen(kw_only=True)
class SupplierQuotationView:
    id: str
    supplier_code: str
    currency: str
    reference: str
    received_at: datetime
    actor: str
    lines: list[QuotationLineView]


@frozen(kw_only=True)
class AwardLineView:
    line: int
    sku: str
    supplier_code: str
    quantity: Quantity
    unit_price: Money
    purchase_order: str | None


@frozen(kw_only=True)
class AwardView:
    """An award and the purchase orders it made (their numbers)."""

    id: str
    key: str
    awarded_at: datetime
    actor: str
    lines: list[AwardLineView]
    purchase_orders: list[str]


@frozen(kw_only=True)
class RfqView:
    id: str
    number: str
    status: RfqStatus
    branch_code: str
    currency: str
    created_at: datetime
    notes: str
    lines: list[RfqLineView]
    suppliers: list[RfqSupplierView]
    quotations: list[SupplierQuotationView]
    awards: list[AwardView]
    history: list[StatusChangeView]
    version: int


@frozen(kw_only=True)
class RfqSummaryView:
    id: str
    number: str
    status: RfqStatus
    branch_code: str
    created_at: datetime
    lines: int
    suppliers: int
    answered: int


@frozen(kw_only=True)
class RfqList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[RfqSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class ComparedOfferView:
    """One offer for one line: as quoted (`price` per its unit, in its currency), per stock unit in its currency
    (`unit_price`) and in the comparison's (`converted_unit_price`, at `rate`); quantities in stock units.
    `cheapest` and `fastest` mark the best (ties all marked, expired offers never); `partial`: fewer units than
    requested."""

    supplier_code: str
    supplier_name: str
    price: Money
    purchase_unit: str
    unit_factor: Decimal
    unit_price: Money
    rate: Decimal
    converted_unit_price: Money
    quantity: Quantity
    min_quantity: Quantity
    lead_time_days: int
    valid_until: date
    expired: bool
    partial: bool
    cheapest: bool
    fastest: bool
    awarded: Quantity


@frozen(kw_only=True)
class LineComparisonView:
    """`missing`: the suppliers that answered without quoting this line (a partial quotation)."""

    line_id: str
    position: int
    sku: str
    description: str
    quantity: Quantity
    wanted_date: date | None
    awarded: Quantity
    offers: list[ComparedOfferView]
    missing: list[str]


@frozen(kw_only=True)
class RateView:
    """The one rate every offer in `currency` was converted at: 1 currency = rate of the comparison's currency."""

    currency: str
    rate: Decimal


@frozen(kw_only=True)
class ComparisonView:
    rfq: str
    status: RfqStatus
    currency: str
    day: date
    include_expired: bool
    rates: list[RateView]
    lines: list[LineComparisonView]
