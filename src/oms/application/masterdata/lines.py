"""Turning what a caller says about lines (SKU, quantity, price) into priced line drafts, from the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from attrs import field, frozen

from oms.application.shared.commands import to_optional_price, to_quantity
from oms.domain.masterdata.parties import Branch
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import LineDraft
from oms.domain.shared.errors import NotFound
from oms.domain.shared.tax import rate_for
from oms.ports.masterdata.repositories import MasterDataUnitOfWork


@frozen(kw_only=True)
class LineInput:
    """A line as a caller gives it: the product's list price and tax apply unless `unit_price` is given."""

    sku: str
    quantity: Decimal = field(converter=to_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    description: str | None = None


def line_drafts(uow: MasterDataUnitOfWork, branch: Branch, lines: Sequence[LineInput],
                field_prefix: str = "lines") -> list[LineDraft]:
    """The drafts of lines, each taxed at the rate the branch's jurisdiction applies to its product's category.
    The products and the rates are read once for all lines; an unknown SKU names its line (`lines[1].sku`)."""
    if not lines:
        return []
    products = uow.masterdata.products.by_skus({line.sku for line in lines})
    rates = list(uow.masterdata.tax_rates.for_jurisdiction(branch.tax_jurisdiction))
    drafts = []
    for index, line in enumerate(lines):
        product = products.get(line.sku)
        if product is None:
            raise NotFound("product", line.sku, field=f"{field_prefix}[{index}].sku")
        drafts.append(LineDraft(product=product, quantity=line.quantity,
                                tax_rate=rate_for(rates, branch.tax_jurisdiction, product.tax_category),
                                unit_price=line.unit_price, discount=line.discount, description=line.description))
    return drafts


def line_draft(uow: MasterDataUnitOfWork, branch: Branch, line: LineInput, field: str = "line") -> LineDraft:
    """The draft of one line; an unknown SKU names `line.sku`."""
    try:
        return line_drafts(uow, branch, [line])[0]
    except NotFound as error:
        raise NotFound(error.kind, error.key, field=f"{field}.sku") from None
