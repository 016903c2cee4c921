"""Suppliers: whom stock is bought from, in which currency, on which terms and how long they take to deliver."""

from __future__ import annotations

from attrs import Factory, define

from oms.domain.masterdata.parties import Address
from oms.domain.masterdata.payment_terms import PaymentTerms
from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency

MAX_LEAD_TIME_DAYS = 3650


def check_lead_time(days: int, field: str = "lead_time_days") -> int:
    """A lead time is whole days from ordering to receipt: 0 (same day) up to ten years."""
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidValue(field, "must be a whole number of days")
    if days < 0 or days > MAX_LEAD_TIME_DAYS:
        raise InvalidValue(field, f"must be from 0 to {MAX_LEAD_TIME_DAYS} days")
    return days


@define(slots=False, eq=False)
class Supplier:
    """A seller to us. Its currency is the one its offers and bills are in; its payment terms say when its bills fall
    due; its lead time (days) is the default of its prices'. An inactive supplier gets no new purchase documents."""

    id: str
    code: str
    name: str
    currency: str
    payment_terms: str = "immediate"  # PaymentTerms as written (payment_terms.py)
    lead_time_days: int = 0
    email: str = ""
    address: Address = Factory(Address)
    active: bool = True
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.code, "code")
        _check_name(self.name)
        Currency.of(self.currency)
        check_lead_time(self.lead_time_days)
        self.payment_terms = str(PaymentTerms.parse(self.payment_terms))

    @property
    def terms(self) -> PaymentTerms:
        return PaymentTerms.parse(self.payment_terms)

    def update(self, *, name: str | None = None, currency: str | None = None, payment_terms: str | None = None,
               lead_time_days: int | None = None, email: str | None = None, address: Address | None = None,
               active: bool | None = None) -> None:
        """Change what is given (an address replaces the whole address); everything is checked before anything
        changes. Documents made already keep the currency and terms they were made with."""
        if name is not None:
            _check_name(name)
        if currency is not None:
            Currency.of(currency)
        terms = self.payment_terms if payment_terms is None else str(PaymentTerms.parse(payment_terms))
        if lead_time_days is not None:
            check_lead_time(lead_time_days)
        self.name = self.name if name is None else name
        self.currency = self.currency if currency is None else currency
        self.payment_terms = terms
        self.lead_time_days = self.lead_time_days if lead_time_days is None else lead_time_days
        self.email = self.email if email is None else email
        self.address = self.address if address is None else address
        self.active = self.active if active is None else active


def _check_name(name: str) -> None:
    if not name.strip():
        raise InvalidValue("name", "must not be empty")
