"""Turning what a caller says about a line (SKU, quantity, price) into a priced line draft."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku
from oms.application.shared.commands import to_optional_price, to_quantity
from oms.domain.masterdata.parties import Branch
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import LineDraft
from oms.domain.shared.tax import TaxRate, rate_for
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class LineInput:
    """A line as a caller gives it: the product's list price and tax apply unless `unit_price` is given."""

    sku: str
    quantity: Decimal = field(converter=to_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    description: str | None = None


def line_drafts(uow: UnitOfWork, branch: Branch, lines: Sequence[LineInput]) -> list[LineDraft]:
    """The drafts of lines, each taxed at the rate the branch's jurisdiction applies to its product's category."""
    rates = list(uow.tax_rates.for_jurisdiction(branch.tax_jurisdiction)) if lines else []
    return [_draft(uow, branch, rates, line) for line in lines]


def line_draft(uow: UnitOfWork, branch: Branch, line: LineInput) -> LineDraft:
    return line_drafts(uow, branch, [line])[0]


def _draft(uow: UnitOfWork, branch: Branch, rates: list[TaxRate], line: LineInput) -> LineDraft:
    product = product_by_sku(uow, line.sku)
    rate = rate_for(rates, branch.tax_jurisdiction, product.tax_category)
    return LineDraft(product=product, quantity=line.quantity, tax_rate=rate, unit_price=line.unit_price,
                     discount=line.discount, description=line.description)


