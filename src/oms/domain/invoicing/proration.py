"""The money of part of a priced line: what invoices and credit notes bill, taken from the line's own totals.

An invoice does not price its lines again: it bills a share of the order line's amounts, as the one pricing
function (`oms.domain.shared.pricing`) made them, in proportion to the quantity, cumulatively. The share billed for
`quantity` units after `before` units were billed is `round(amount x (before + quantity) / whole) - round(amount x
before / whole)`, for the gross amount, each discount and the tax; the net is what is left of the gross after the
discounts (and the tax, where prices include it), and the total is net plus tax. So the parts of a line billed in any
steps add up exactly, to the cent, to the line's own totals once the whole is billed, whatever the rounding mode,
discounts and taxes (peers.md I4: invoices copy the order's amounts rather than price them a second way); a credit
note takes its share of the invoice line in the same way, so crediting everything gives back exactly what was
billed.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import LineTotals


@frozen(kw_only=True)
class Share:
    """What part of a line to bill: `quantity` more units after `before` were billed, of the line's `whole`."""

    whole: Decimal
    before: Decimal
    quantity: Decimal

    def __attrs_post_init__(self) -> None:
        if self.whole <= 0:
            raise InvalidValue("quantity", "a line of no quantity has nothing to bill")
        if self.quantity <= 0:
            raise InvalidValue("quantity", "must be greater than zero")
        if self.before < 0:
            raise InvalidValue("quantity", "what was billed before cannot be negative")

    @property
    def after(self) -> Decimal:
        return self.before + self.quantity


def _cumulative(amount: Decimal, billed: Decimal, whole: Decimal, currency: Currency) -> Decimal:
    return currency.round(amount * billed / whole)


def share_of(line: LineTotals, share: Share, currency: Currency, *, prices_include_tax: bool) -> LineTotals:
    """The money of `share` of a line whose totals are `line` (see the module's docstring)."""

    def part(amount: Decimal) -> Decimal:
        return (_cumulative(amount, share.after, share.whole, currency)
                - _cumulative(amount, share.before, share.whole, currency))

    gross, line_discount, order_discount, tax = (part(line.gross_amount), part(line.line_discount),
                                                 part(line.order_discount), part(line.tax))
    included = tax if prices_include_tax else Decimal(0)
    if line.net == line.gross_amount - line.line_discount - line.order_discount - (line.tax if prices_include_tax
                                                                                    else 0):
        net = gross - line_discount - order_discount - included
    else:  # a tax-exempt customer with tax-inclusive prices pays the net a taxed one's line shows: its own share
        net = part(line.net)
    return LineTotals(gross_amount=gross, line_discount=line_discount, order_discount=order_discount, net=net,
                      tax=tax, total=net + tax)
