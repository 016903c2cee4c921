"""Tax categories and the rates each jurisdiction applies to them."""

from __future__ import annotations

import enum
import re
from decimal import Decimal

from attrs import define, field

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.money import check_decimals, to_decimal


class TaxCategory(enum.StrEnum):
    """What kind of tax treatment a product gets; rates come per jurisdiction."""

    STANDARD = "standard"
    REDUCED = "reduced"
    ZERO = "zero"
    EXEMPT = "exempt"


class TaxRounding(enum.StrEnum):
    """Per line: each line's tax is rounded. Global: the unrounded taxes of one rate are summed, then rounded."""

    PER_LINE = "per_line"
    GLOBAL = "global"


def parse_rate(value: object, field_name: str = "rate") -> Decimal:
    """A tax rate as a fraction (0.2 for 20 %), between 0 and 1."""
    rate = to_decimal(value, field_name)
    if rate < 0 or rate >= 1:
        raise InvalidValue(field_name, "must be a fraction from 0 up to (not including) 1, e.g. 0.2 for 20%")
    return check_decimals(rate, 6, field_name)


_JURISDICTION = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")


def check_jurisdiction(value: str, field_name: str = "jurisdiction") -> str:
    """A country or region code such as DE or US-CA: 1 to 16 capital letters, digits and hyphens."""
    if not isinstance(value, str) or not _JURISDICTION.fullmatch(value):
        raise InvalidValue(field_name, "must be 1 to 16 capital letters, digits or hyphens, e.g. DE or US-CA")
    return value


@define(slots=False, eq=False)
class TaxRate:
    """The rate a jurisdiction (a country or region code such as DE or US-CA) applies to a category."""

    id: str
    jurisdiction: str = field(validator=lambda _, __, value: check_jurisdiction(value))
    category: TaxCategory
    rate: Decimal = field(converter=parse_rate)
    version: int = 0

    def __attrs_post_init__(self) -> None:
        if self.category in (TaxCategory.ZERO, TaxCategory.EXEMPT) and self.rate != 0:
            raise InvalidValue("rate", f"the {self.category} category always has rate 0")


def rate_for(rates: list[TaxRate], jurisdiction: str, category: TaxCategory) -> Decimal:
    """The rate to charge; zero and exempt need no configuration, the others must be set up."""
    if category in (TaxCategory.ZERO, TaxCategory.EXEMPT):
        return Decimal(0)
    for rate in rates:
        if rate.jurisdiction == jurisdiction and rate.category == category:
            return rate.rate
    raise refuse("TaxRateMustBeConfigured", f"no {category} tax rate is set for jurisdiction {jurisdiction}")
