"""Invoicing service work: a process across production and invoicing (neither context knows the other).

`InvoiceServiceOrders` makes a draft invoice of one customer's service orders: each order's to invoice (what its
policy makes invoiceable - the fixed quantity, the approved billable hours, the milestones reached - less what
posted invoices billed net of credit notes, and less what other drafts bill), at the order's price:
- a service order of a sales order's service line bills that line (its unit price, discounts and tax, shared out
  cumulatively as any order line), so the sales order's billing counts it; that line is billed by its service
  order only: `InvoiceOrders` leaves it out, or refuses it by name (`BilledByItsServiceOrder`);
- a service order on its own bills itself (its id is the line's source document and line): its unit price, its
  product's tax category at the rate of the branch's jurisdiction, the customer's exemption, prices without tax;
  it needs a customer and the branch invoicing it (`branch_code`; a sales order on the same invoice gives its own).
Every order on one invoice shares the customer, branch, currency and tax mode. Posting the draft (`PostInvoice`)
checks and records on each service order what was billed, linking its labour lines (billed_services.py).
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.application.masterdata.lookups import branch_by_code
from oms.application.processes.billed_services import source_line_of
from oms.application.processes.billing import BILLABLE, order_line_billable
from oms.application.production.service_orders import service_order_by_ref
from oms.application.shared.commands import Command, Handlers
from oms.domain.invoicing.invoices import Billable, Invoice, InvoiceKind
from oms.domain.masterdata.parties import Branch
from oms.domain.production.service_orders import ServiceOrder
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxRounding, rate_for
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class InvoiceServiceOrders(Command[str]):
    """A draft invoice of what is to invoice on a service order and the `others` named (one customer's); a service
    order on its own is invoiced from `branch_code`. Returns the draft's id."""

    order_id: DocumentRef
    others: tuple[DocumentRef, ...] = ()
    branch_code: str | None = None


@frozen
class _Terms:
    """What every order on one invoice shares."""

    customer_id: str
    branch_id: str
    currency: str
    prices_include_tax: bool
    tax_rounding: TaxRounding


def _sales_order(uow: UnitOfWork, service: ServiceOrder) -> SalesOrder:
    assert service.sales_order_id is not None
    order = uow.sales.orders.get(service.sales_order_id)
    if order.status not in BILLABLE:
        raise refuse("OrderMustBeConfirmed", f"{order.number} of {service.number} is {order.status}")
    return order


def _branch(uow: UnitOfWork, cmd: InvoiceServiceOrders, sales: list[SalesOrder]) -> Branch:
    """The branch invoicing the orders on their own: the one named, else that of a sales order invoiced with them."""
    if cmd.branch_code is not None:
        return branch_by_code(uow, cmd.branch_code, "branch_code")
    if not sales:
        raise InvalidValue("branch_code", "a service order on its own is invoiced from a branch: name it")
    return uow.masterdata.branches.get(sales[0].branch_id)


def _terms(service: ServiceOrder, sales: SalesOrder | None, branch: Branch | None) -> _Terms:
    if sales is not None:
        return _Terms(sales.customer_id, sales.branch_id, sales.currency, sales.prices_include_tax,
                      sales.tax_rounding)
    assert branch is not None
    if service.customer_id is None:
        raise refuse("ServiceOrderNeedsACustomer", f"{service.number} has no customer to invoice")
    if service.currency != branch.currency:
        raise InvalidValue("branch_code", f"{branch.code} invoices in {branch.currency}, {service.number} is in "
                           f"{service.currency}")
    return _Terms(service.customer_id, branch.id, service.currency, False, TaxRounding.PER_LINE)


def _own_billable(uow: UnitOfWork, service: ServiceOrder, branch: Branch, quantity: Decimal) -> Billable:
    """A service order on its own as an invoice line bills it: `quantity` at its price, its product's tax."""
    product = uow.masterdata.products.get(service.product_id)
    customer = uow.masterdata.customers.get(service.customer_id or "")
    rates = list(uow.masterdata.tax_rates.for_jurisdiction(branch.tax_jurisdiction))
    rate = rate_for(rates, branch.tax_jurisdiction, product.tax_category)
    [totals] = price_document([PricingLine(quantity=quantity, unit_price=service.unit_price, tax_rate=rate,
                                           tax_category=product.tax_category)],
                              PricingTerms(currency=Currency.of(service.currency),
                                           tax_exempt=customer.tax_exempt)).lines
    return Billable(document_id=service.id, line_id=service.id, sku=service.sku, description=product.name,
                    uom=product.uom, unit_price=service.unit_price, tax_category=product.tax_category,
                    tax_rate=rate, whole=quantity, totals=totals)


def invoice_service_orders(cmd: InvoiceServiceOrders, uow: UnitOfWork, clock: Clock) -> str:
    services = [service_order_by_ref(uow, ref) for ref in dict.fromkeys([cmd.order_id, *cmd.others])]
    sales = {service.id: _sales_order(uow, service) for service in services if service.sales_order_id}
    own = any(service.sales_order_id is None for service in services)
    branch = _branch(uow, cmd, list(sales.values())) if own else None
    terms = [_terms(service, sales.get(service.id), branch) for service in services]
    for service, its_terms in zip(services, terms, strict=True):
        if its_terms != terms[0]:
            raise refuse("OneInvoiceOneCustomer", f"{service.number} is not of {services[0].number}'s customer, "
                         "branch, currency and tax mode: invoice it apart")
    first = terms[0]
    invoice = Invoice(id=new_id(), kind=InvoiceKind.INVOICE, customer_id=first.customer_id, branch_id=first.branch_id,
                      currency=first.currency, prices_include_tax=first.prices_include_tax,
                      tax_rounding=first.tax_rounding, created_at=clock.now())
    sources = [source_line_of(service) for service in services]
    invoiced = uow.invoicing.invoices.invoiced(sources)
    drafts = uow.invoicing.invoices.drafts_billing(sources)
    for service, source in zip(services, sources, strict=True):
        quantity = service.to_invoice - drafts.get(source, Decimal(0))  # other drafts bill some already
        if quantity <= 0:
            continue
        order = sales.get(service.id)
        if order is None:
            assert branch is not None
            invoice.bill(_own_billable(uow, service, branch, quantity), line_id=new_id(), quantity=quantity,
                         billed_before=Decimal(0))
        else:
            invoice.bill(order_line_billable(order, order.line(source)), line_id=new_id(), quantity=quantity,
                         billed_before=invoiced.get(source, Decimal(0)))
    if not invoice.lines:
        numbers = ", ".join(service.number for service in services)
        raise refuse("NothingToInvoice", f"nothing is left to invoice on {numbers}")
    uow.invoicing.invoices.add(invoice)
    return invoice.id


HANDLERS: Handlers = {InvoiceServiceOrders: invoice_service_orders}
