"""Customers: who buys, where to bill and ship, and whether they pay tax."""

from __future__ import annotations

from attrs import field, frozen

from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.parties import Address, Customer
from oms.domain.shared.errors import AlreadyExists
from oms.domain.shared.ids import new_id
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class CreateCustomer(Command[str]):
    """A customer; a tax-exempt one needs the reference of its exemption. Returns its id."""

    code: str
    name: str
    email: str = ""
    billing_address: Address = field(factory=Address)
    shipping_address: Address = field(factory=Address)
    tax_exempt: bool = False
    tax_exemption_reference: str = ""


def create_customer(cmd: CreateCustomer, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.customers.by_code(cmd.code) is not None:
        raise AlreadyExists("customer", cmd.code)
    customer = Customer(new_id(), cmd.code, cmd.name, cmd.email, cmd.billing_address, cmd.shipping_address,
                        cmd.tax_exempt, cmd.tax_exemption_reference)
    uow.masterdata.customers.add(customer)
    return customer.id


HANDLERS: Handlers = {CreateCustomer: create_customer}
