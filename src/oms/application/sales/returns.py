"""Customer returns of a sales order: authorise the return of delivered units of a line (RMA-000001), then receive
them into a warehouse of the order's branch at the cost they left with (see `oms.domain.sales.returns`)."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import warehouse_by_code
from oms.application.sales.sales_orders import order_by_ref
from oms.application.shared.commands import Command, Handlers, to_optional_quantity, to_quantity
from oms.application.shared.documents import next_number
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef


@frozen(kw_only=True)
class AuthoriseReturn(Command[str]):
    """Authorise the customer to send back `quantity` delivered units of an order line (never more than it
    delivered less what is authorised already); returns the authorisation's number (RMA-000001)."""

    order_id: DocumentRef
    line_id: str
    quantity: Decimal = field(converter=to_quantity)
    reason: str


@frozen(kw_only=True)
class ReceiveReturn(Command[str]):
    """Receive returned units of an authorisation into a warehouse of the order's branch (all that is still
    expected unless `quantity` says), valued at the cost the line's goods left with; returns the receipt's number
    (GR-000001)."""

    order_id: DocumentRef
    return_number: str
    warehouse_code: str
    quantity: Decimal | None = field(default=None, converter=to_optional_quantity)


def authorise_return(cmd: AuthoriseReturn, uow: SalesUnitOfWork, clock: Clock) -> str:
    order = order_by_ref(uow, cmd.order_id)
    number = next_number(uow, DocumentType.RETURN)
    order.authorise_return(number=number, line_id=cmd.line_id, quantity=cmd.quantity, reason=cmd.reason,
                           at=clock.now(), actor=cmd.actor)
    return number


def receive_return(cmd: ReceiveReturn, uow: SalesUnitOfWork, clock: Clock) -> str:
    order = order_by_ref(uow, cmd.order_id)
    authorisation = order.customer_return(cmd.return_number)
    warehouse = warehouse_by_code(uow, cmd.warehouse_code, "warehouse_code")
    if warehouse.branch_id != order.branch_id:
        raise refuse("WarehouseMustBelongToBranch",
                     f"warehouse {warehouse.code} does not belong to the branch of {order.number}")
    line = order.line(authorisation.line_id)
    level = uow.stock.level(line.product_id, warehouse.id) if line.kind.tracks_stock else None
    number = next_number(uow, DocumentType.GOODS_RECEIPT)
    order.receive_return(authorisation, number=number, warehouse_id=warehouse.id,
                         quantity=authorisation.open if cmd.quantity is None else cmd.quantity, level=level,
                         at=clock.now(), actor=cmd.actor)
    return number


HANDLERS: Handlers = {AuthoriseReturn: authorise_return, ReceiveReturn: receive_return}
