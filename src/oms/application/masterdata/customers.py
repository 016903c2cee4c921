"""Customers: who buys, where to bill and ship, and whether they pay tax."""

from __future__ import annotations

from attrs import field, frozen

from oms.application.masterdata.lookups import customer_by_code
from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.parties import Address, Customer
from oms.domain.shared.errors import AlreadyExists
from oms.domain.shared.ids import new_id
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class CreateCustomer(Command[str]):
    """A customer; a tax-exempt one needs the reference of its exemption; its payment terms say when its invoices
    fall due (immediate, net N, end of month + N). Returns its id."""

    code: str
    name: str
    email: str = ""
    billing_address: Address = field(factory=Address)
    shipping_address: Address = field(factory=Address)
    tax_exempt: bool = False
    tax_exemption_reference: str = ""
    payment_terms: str = "immediate"


@frozen(kw_only=True)
class UpdateCustomer(Command[None]):
    """Change a customer's name, email, billing or shipping address (each replaced whole), tax exemption, payment
    terms (for invoices posted from now on), or whether it may order (`active`)."""

    code: str
    name: str | None = None
    email: str | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    tax_exempt: bool | None = None
    tax_exemption_reference: str | None = None
    active: bool | None = None
    payment_terms: str | None = None


def create_customer(cmd: CreateCustomer, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.customers.by_code(cmd.code) is not None:
        raise AlreadyExists("customer", cmd.code)
    customer = Customer(new_id(), cmd.code, cmd.name, cmd.email, cmd.billing_address, cmd.shipping_address,
                        cmd.tax_exempt, cmd.tax_exemption_reference, payment_terms=cmd.payment_terms)
    uow.masterdata.customers.add(customer)
    return customer.id


def update_customer(cmd: UpdateCustomer, uow: MasterDataUnitOfWork, clock: Clock) -> None:
    customer_by_code(uow, cmd.code).update(
        name=cmd.name, email=cmd.email, billing_address=cmd.billing_address, shipping_address=cmd.shipping_address,
        tax_exempt=cmd.tax_exempt, tax_exemption_reference=cmd.tax_exemption_reference, active=cmd.active,
        payment_terms=cmd.payment_terms)


HANDLERS: Handlers = {CreateCustomer: create_customer, UpdateCustomer: update_customer}
