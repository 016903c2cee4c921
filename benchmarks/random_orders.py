"""Random priced orders and partial billing plans for benchmark h, reproducible from a seed and an index.

Orders as peers.md 5d case 3 describes them: 1-30 lines, quantities 0.001-1000 in the unit's decimals, prices to
4 decimals, line and order discounts (percent or amount), 0-3 taxes, prices with or without tax, per-line or global
rounding, in EUR, JPY (no decimals) and KWD (three), some for tax-exempt customers. Each order line is billed in 1-4
random parts, in the decimals of its unit.
"""

from __future__ import annotations

import random
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.discounts import Discount
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import PricingLine, PricingTerms
from oms.domain.shared.tax import TaxCategory, TaxRounding

CURRENCIES = (Currency.of("EUR"), Currency.of("JPY"), Currency.of("KWD"))
# (category, rate): two different taxes of 17% as in Odoo PR #117616, so a rate is not always one tax.
TAXES = ((TaxCategory.STANDARD, Decimal("0.19")), (TaxCategory.REDUCED, Decimal("0.07")),
         (TaxCategory.STANDARD, Decimal("0.17")), (TaxCategory.REDUCED, Decimal("0.17")),
         (TaxCategory.STANDARD, Decimal("0.22")), (TaxCategory.REDUCED, Decimal("0.055")))
NO_TAX = (TaxCategory.ZERO, Decimal(0))
UNIT_DECIMALS = (0, 3)  # pieces, or kilograms to the gram


@frozen(kw_only=True)
class RandomOrder:
    """An order to price and the plan to bill it: `parts[i]` are line i's quantities, one per invoice (0: not on
    that invoice), summing to its quantity."""

    lines: tuple[PricingLine, ...]
    terms: PricingTerms
    parts: tuple[tuple[Decimal, ...], ...]


def document_seed(seed: int, index: int) -> int:
    """The seed of one document: a discrepancy found at (seed, index) can be made again alone."""
    return seed * 1_000_003 + index


def random_order(seed: int, index: int) -> RandomOrder:
    rng = random.Random(document_seed(seed, index))
    currency = rng.choice(CURRENCIES)
    taxes = rng.sample(TAXES, rng.randint(0, 3)) or [NO_TAX]
    invoices = rng.randint(1, 4)
    lines, parts = [], []
    for _ in range(rng.randint(1, 30)):
        places = rng.choice(UNIT_DECIMALS)
        quantity = _decimal(rng, Decimal("0.001") if places else Decimal(1), Decimal(1000), places)
        unit_price = _decimal(rng, Decimal(0), Decimal(rng.choice((10, 1000, 10_000))), rng.randint(0, 4))
        category, rate = rng.choice(taxes)
        lines.append(PricingLine(quantity=quantity, unit_price=unit_price, tax_rate=rate, tax_category=category,
                                 discount=_discount(rng, currency, currency.round(quantity * unit_price))))
        parts.append(_split(rng, quantity, places, invoices))
    terms = PricingTerms(currency=currency, prices_include_tax=rng.random() < 0.5,
                         tax_rounding=rng.choice((TaxRounding.PER_LINE, TaxRounding.GLOBAL)),
                         tax_exempt=rng.random() < 0.2,
                         order_discount=_discount(rng, currency, Decimal(rng.choice((100, 5000))), over_base=True))
    return RandomOrder(lines=tuple(lines), terms=terms, parts=tuple(parts))


def _decimal(rng: random.Random, low: Decimal, high: Decimal, places: int) -> Decimal:
    unit = Decimal(1).scaleb(-places)
    return Decimal(rng.randint(int(low / unit), int(high / unit))) * unit


def _discount(rng: random.Random, currency: Currency, base: Decimal, *, over_base: bool = False) -> Discount | None:
    """No discount, a percent to 2 decimals, or an amount up to `base` (up to twice it with `over_base`: an order
    discount larger than the order is capped at the order's amount)."""
    kind = rng.randrange(3)
    if kind == 1:
        return Discount.percent(_decimal(rng, Decimal(0), Decimal(100), 2))
    if kind == 2:
        return Discount.amount(_decimal(rng, Decimal(0), base * 2 if over_base else base, currency.minor_units))
    return None


def _split(rng: random.Random, quantity: Decimal, places: int, invoices: int) -> tuple[Decimal, ...]:
    """`quantity` cut at random points into `invoices` parts, in the unit's decimals; a part may be 0."""
    unit = Decimal(1).scaleb(-places)
    units = int(quantity / unit)
    cuts = sorted(rng.randint(0, units) for _ in range(invoices - 1))
    bounds = [0, *cuts, units]
    return tuple(Decimal(bounds[i + 1] - bounds[i]) * unit for i in range(invoices))
