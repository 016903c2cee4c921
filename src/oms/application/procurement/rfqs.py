"""Request for quotation use cases: create and send to suppliers, record a supplier's quotation or its declining,
award offers (making one draft purchase order per supplier), close and cancel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lines import LineInput
from oms.application.masterdata.lookups import branch_by_code
from oms.application.procurement.purchase_orders import CreatePurchaseOrder, create_purchase_order
from oms.application.shared.commands import Command, Handlers, to_price, to_quantity
from oms.application.shared.documents import find, next_number
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.procurement.awards import Award, AwardRequest, award_key
from oms.domain.procurement.quotations import OfferValues
from oms.domain.procurement.rfqs import Rfq, RfqLineDraft
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import to_decimal
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "rfq"


def _to_min_quantity(value: object) -> Decimal:
    return to_decimal(value, "min_quantity")


def _to_factor(value: object) -> Decimal:
    return to_decimal(value, "unit_factor")


@frozen(kw_only=True)
class RfqLineInput:
    """A product wanted: `quantity` in its stock unit, by `wanted_date` if given."""

    sku: str
    quantity: Decimal = field(converter=to_quantity)
    wanted_date: date | None = None


@frozen(kw_only=True)
class CreateRfq(Command[str]):
    """A draft request for quotation of a branch (compared in its currency) to the suppliers of `suppliers` (their
    codes); returns its id."""

    branch_code: str
    lines: tuple[RfqLineInput, ...] = ()
    suppliers: tuple[str, ...] = ()
    notes: str = ""


@frozen(kw_only=True)
class SendRfq(Command[None]):
    """Send a draft to its suppliers (draft -> sent; each supplier pending)."""

    rfq_id: DocumentRef


@frozen(kw_only=True)
class OfferInput:
    """A supplier's offer for one RFQ line (`line`: its position or id): a price per unit of purchase
    (`purchase_unit`, holding `unit_factor` stock units; the stock unit itself by default), the quantity offered and
    the minimum in that unit, the lead time (the supplier's unless given) and the validity (the quotation's unless
    given)."""

    line: str
    price: Decimal = field(converter=to_price)
    quantity: Decimal = field(converter=to_quantity)
    min_quantity: Decimal = field(default=Decimal(0), converter=_to_min_quantity)
    lead_time_days: int | None = None
    valid_until: date | None = None
    purchase_unit: str = ""
    unit_factor: Decimal = field(default=Decimal(1), converter=_to_factor)


@frozen(kw_only=True)
class RecordSupplierQuotation(Command[str]):
    """Record a pending supplier's answer to a sent RFQ, in the supplier's currency; returns the quotation's id."""

    rfq_id: DocumentRef
    supplier_code: str
    valid_until: date
    lines: tuple[OfferInput, ...] = ()
    reference: str = ""


@frozen(kw_only=True)
class DeclineRfq(Command[None]):
    """Record that a pending supplier declined to quote."""

    rfq_id: DocumentRef
    supplier_code: str
    reason: str = ""


@frozen(kw_only=True)
class AwardInput:
    """Award `quantity` (stock units) of an RFQ line (`line`: position or id) to a supplier that quoted it."""

    line: str
    supplier_code: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class AwardRfq(Command[str]):
    """Award offers of a sent RFQ: `lines` one by one, and every line of the quotations of `quotations` (supplier
    codes) at what each offers, up to what is left of its line. Makes one draft purchase order per supplier holding
    every line awarded to it, at the quoted prices. The same award again (the same `key`, or without one the same
    lines) is the award made already and makes nothing; returns the award's id."""

    rfq_id: DocumentRef
    lines: tuple[AwardInput, ...] = ()
    quotations: tuple[str, ...] = ()
    key: str | None = None


@frozen(kw_only=True)
class CloseRfq(Command[None]):
    """Close a sent RFQ: no more answers or awards."""

    rfq_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class CancelRfq(Command[None]):
    """Cancel a draft or sent RFQ that has no award."""

    rfq_id: DocumentRef
    reason: str = ""


def rfq_by_ref(uow: ProcurementUnitOfWork, ref: DocumentRef) -> Rfq:
    return find(uow.procurement.rfqs, ref, KIND)


def _supplier(uow: ProcurementUnitOfWork, code: str, field: str) -> Supplier:
    supplier = uow.masterdata.suppliers.by_code(code)
    if supplier is None:
        raise NotFound("supplier", code, field)
    return supplier


def create_rfq(cmd: CreateRfq, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    products = uow.masterdata.products.by_skus({line.sku for line in cmd.lines})
    drafts = []
    for index, line in enumerate(cmd.lines):
        product = products.get(line.sku)
        if product is None:
            raise NotFound("product", line.sku, field=f"lines[{index}].sku")
        drafts.append(RfqLineDraft(product=product, quantity=line.quantity, wanted_date=line.wanted_date))
    suppliers = []
    for index, code in enumerate(cmd.suppliers):
        supplier = _supplier(uow, code, f"suppliers[{index}]")
        if not supplier.active:
            raise InvalidValue(f"suppliers[{index}]", f"supplier {code} is inactive")
        suppliers.append(supplier.id)
    rfq = Rfq.new(id=new_id(), number=next_number(uow, DocumentType.RFQ), branch_id=branch.id,
                  currency=branch.currency, at=clock.now(), lines=drafts, supplier_ids=suppliers, notes=cmd.notes)
    uow.procurement.rfqs.add(rfq)
    return rfq.id


def send_rfq(cmd: SendRfq, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    rfq_by_ref(uow, cmd.rfq_id).send(clock.now(), cmd.actor)


def record_supplier_quotation(cmd: RecordSupplierQuotation, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    rfq = rfq_by_ref(uow, cmd.rfq_id)
    supplier = _supplier(uow, cmd.supplier_code, "supplier_code")
    offers = [OfferValues(rfq_line_id=offer.line, price=offer.price, quantity=offer.quantity,
                          valid_until=offer.valid_until or cmd.valid_until, min_quantity=offer.min_quantity,
                          lead_time_days=supplier.lead_time_days if offer.lead_time_days is None
                          else offer.lead_time_days,
                          purchase_unit=offer.purchase_unit, unit_factor=offer.unit_factor)
              for offer in cmd.lines]
    return rfq.record_quotation(supplier_id=supplier.id, currency=supplier.currency, offers=offers, at=clock.now(),
                                actor=cmd.actor, reference=cmd.reference).id


def decline_rfq(cmd: DeclineRfq, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    rfq = rfq_by_ref(uow, cmd.rfq_id)
    supplier = _supplier(uow, cmd.supplier_code, "supplier_code")
    rfq.decline(supplier_id=supplier.id, at=clock.now(), reason=cmd.reason)


def _award_requests(uow: ProcurementUnitOfWork, rfq: Rfq, cmd: AwardRfq) -> list[AwardRequest]:
    requests = [AwardRequest(rfq_line_id=rfq.line(line.line, f"lines[{index}].line").id,
                             supplier_id=_supplier(uow, line.supplier_code, f"lines[{index}].supplier_code").id,
                             quantity=line.quantity)
                for index, line in enumerate(cmd.lines)]
    for index, code in enumerate(cmd.quotations):
        requests.extend(rfq.whole_quotation(_supplier(uow, code, f"quotations[{index}]").id))
    return requests


def award_rfq(cmd: AwardRfq, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    rfq = rfq_by_ref(uow, cmd.rfq_id)  # locked in a changing transaction: concurrent awards take turns
    if cmd.key is not None and not 0 < len(cmd.key) <= 64:
        raise InvalidValue("key", "an award key has 1 to 64 characters")
    requests = _award_requests(uow, rfq, cmd)
    award, new = rfq.award(key=cmd.key or award_key(requests), requests=requests, award_id=new_id(),
                           at=clock.now(), actor=cmd.actor)
    if new:
        _make_purchase_orders(uow, clock, rfq, award, cmd.actor)
    return award.id


def _make_purchase_orders(uow: ProcurementUnitOfWork, clock: Clock, rfq: Rfq, award: Award, actor: str) -> None:
    """One draft purchase order per supplier of the award, holding every line awarded to it at the quoted price."""
    branch = uow.masterdata.branches.get(rfq.branch_id)
    for supplier_id in award.suppliers():
        lines = award.lines_of(supplier_id)
        quotation = rfq.quotation_of(supplier_id)
        reference = quotation.reference if quotation is not None and quotation.reference else rfq.number
        order_id = create_purchase_order(CreatePurchaseOrder(
            actor=actor, supplier_code=uow.masterdata.suppliers.get(supplier_id).code, branch_code=branch.code,
            supplier_reference=reference,
            lines=tuple(LineInput(sku=rfq.line(line.rfq_line_id).sku, quantity=line.quantity,
                                  unit_price=line.unit_price) for line in lines)), uow, clock)
        for line in lines:
            line.purchase_order_id = order_id


def close_rfq(cmd: CloseRfq, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    rfq_by_ref(uow, cmd.rfq_id).close(clock.now(), cmd.actor, cmd.reason)


def cancel_rfq(cmd: CancelRfq, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    rfq_by_ref(uow, cmd.rfq_id).cancel(clock.now(), cmd.actor, cmd.reason)


def awarded_orders(rfq: Rfq) -> Sequence[str]:
    """The purchase orders the RFQ's awards made, in the order they were made."""
    return list(dict.fromkeys(line.purchase_order_id for award in rfq.awards for line in award.lines
                              if line.purchase_order_id is not None))


HANDLERS: Handlers = {
    CreateRfq: create_rfq,
    SendRfq: send_rfq,
    RecordSupplierQuotation: record_supplier_quotation,
    DeclineRfq: decline_rfq,
    AwardRfq: award_rfq,
    CloseRfq: close_rfq,
    CancelRfq: cancel_rfq,
}
