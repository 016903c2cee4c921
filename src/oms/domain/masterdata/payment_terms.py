"""Payment terms: when a customer's invoice falls due, counted from the invoice date (peers.md I10).

Written as text on the customer and in files: `immediate` (net 0), `net 30` (the invoice date + 30 days) or
`end of month + 15` (the last day of the invoice's month + 15 days, as Odoo's "end of month" terms).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from attrs import frozen

from oms.domain.shared.errors import InvalidValue

MAX_DAYS = 365
_NET = re.compile(r"net\s*(\d{1,3})")
_END_OF_MONTH = re.compile(r"(?:end\s+of\s+month|eom)(?:\s*\+\s*(\d{1,3}))?")


class InvalidPaymentTerms(InvalidValue):
    """Payment terms that are none of `immediate`, `net N` or `end of month + N` (N from 0 to 365 days)."""

    def __init__(self, given: str, field: str = "payment_terms") -> None:
        super().__init__(field, f"{given!r} is not payment terms: write immediate, net N or end of month + N "
                                f"(N up to {MAX_DAYS} days)")


@frozen
class PaymentTerms:
    """`days` after the invoice date, or after the end of its month when `end_of_month`."""

    days: int = 0
    end_of_month: bool = False

    @classmethod
    def parse(cls, given: str, field: str = "payment_terms") -> PaymentTerms:
        text = " ".join(given.lower().split())
        if text in ("", "immediate", "net 0"):
            return cls()
        net, eom = _NET.fullmatch(text), _END_OF_MONTH.fullmatch(text)
        days = int(net.group(1)) if net else int(eom.group(1) or 0) if eom else -1
        if days < 0 or days > MAX_DAYS:
            raise InvalidPaymentTerms(given, field)
        return cls(days, end_of_month=eom is not None)

    def due_date(self, invoice_date: date) -> date:
        start = invoice_date
        if self.end_of_month:
            start = invoice_date.replace(day=calendar.monthrange(invoice_date.year, invoice_date.month)[1])
        return start + timedelta(days=self.days)

    def __str__(self) -> str:
        if self.end_of_month:
            return f"end of month + {self.days}" if self.days else "end of month"
        return f"net {self.days}" if self.days else "immediate"
