"""Service work for a sales order: a process across sales and production (neither context knows the other).

`CreateServiceOrderForLine` makes the service order of a service line of a confirmed sales order: the line's
quantity and unit price, the order's currency and customer, invoiced on delivered hours unless told otherwise. A
line has at most one service order (`ServiceOrderExistsForLine`).
"""

from __future__ import annotations

from attrs import frozen

from oms.application.invoicing.actions import INVOICE
from oms.application.processes.billed_services import service_orders_of
from oms.application.processes.service_billing import InvoiceServiceOrders
from oms.application.production.actions import OPEN_SERVICE, SERVICE_ORDER
from oms.application.production.service_orders import add_service_order
from oms.application.sales.actions import SALES_ORDER
from oms.application.shared.actions import Action
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find
from oms.domain.access.tokens import Role
from oms.domain.production.service_orders import ServicePolicy
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.errors import refuse
from oms.domain.shared.items import ProductKind
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork

CONFIRMED = frozenset({SalesOrderStatus.CONFIRMED, SalesOrderStatus.PARTIALLY_ISSUED, SalesOrderStatus.ISSUED,
                       SalesOrderStatus.COMPLETED})


@frozen(kw_only=True)
class CreateServiceOrderForLine(Command[str]):
    """The service order of a service line of a confirmed sales order; returns its id."""

    order_id: DocumentRef
    line_id: str
    policy: ServicePolicy = ServicePolicy.DELIVERED_HOURS


def create_service_order_for_line(cmd: CreateServiceOrderForLine, uow: UnitOfWork, clock: Clock) -> str:
    order = find(uow.sales.orders, cmd.order_id, "sales order")
    line = order.line(cmd.line_id)
    if line.kind is not ProductKind.SERVICE:
        raise refuse("ServiceOrderNeedsAService", f"line {line.position} ({line.sku}) is {line.kind}, not a service")
    if order.status not in CONFIRMED:
        raise refuse("SalesOrderMustBeConfirmed", f"{order.number} is {order.status}")
    if service_orders_of(uow, [line.id]):
        raise refuse("ServiceOrderExistsForLine", f"line {line.position} ({line.sku}) of {order.number} has one")
    if uow.invoicing.invoices.invoiced([line.id]).get(line.id, 0) > 0:
        raise refuse("ServiceLineIsInvoiced", f"line {line.position} ({line.sku}) of {order.number} is invoiced "
                     "by the order already: a service order would bill it again")
    return add_service_order(uow, product_id=line.product_id, sku=line.sku, policy=cmd.policy,
                             quantity=line.quantity, unit_price=line.unit_price, currency=order.currency,
                             clock=clock, customer_id=order.customer_id, sales_order_id=order.id,
                             sales_line_id=line.id).id


HANDLERS: Handlers = {CreateServiceOrderForLine: create_service_order_for_line}

ACTIONS = [
    Action(SALES_ORDER, "service-order", CreateServiceOrderForLine, Role.CLERK,
           "Create the service order of a service line of a confirmed order", path="service-orders", status=201,
           creates=SERVICE_ORDER, operation="create_service_order_for_line", arguments=("line_id",),
           when=CONFIRMED),
    Action(SERVICE_ORDER, "invoice", InvoiceServiceOrders, Role.CLERK,
           "Make a draft invoice of what is to invoice on the order (and the others named, of its customer)",
           path="invoices", status=201, creates=INVOICE, operation="invoice_service_orders", when=OPEN_SERVICE),
]
