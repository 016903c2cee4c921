"""Reads of requests for quotation: one RFQ by id or number, and the comparison of its offers per line on a day, in
its branch's currency at that day's exchange rates (masterdata); the list is paged in `listings.py`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.application.masterdata.codes import Codes
from oms.application.procurement.rfq_views import (
    AwardLineView,
    AwardView,
    ComparedOfferView,
    ComparisonView,
    LineComparisonView,
    QuotationLineView,
    RateView,
    RfqLineView,
    RfqSupplierView,
    RfqView,
    SupplierQuotationView,
)
from oms.application.procurement.rfqs import AwardRfq, rfq_by_ref
from oms.application.shared.views import history, money, quantity
from oms.domain.masterdata.exchange_rates import RateSource, rate_on
from oms.domain.procurement.awards import Award
from oms.domain.procurement.comparison import compare
from oms.domain.procurement.rfqs import Rfq
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.documents import DocumentRef


def get_rfq(uow: ProcurementUnitOfWork, ref: DocumentRef) -> Rfq:
    return rfq_by_ref(uow, ref)


def rates_of(uow: ProcurementUnitOfWork) -> RateSource:
    """The exchange rates of master data: a pair's rate of a day is its latest on or before it (or 1/its inverse's)."""
    def rate(from_currency: str, to_currency: str, day: date) -> Decimal:
        if from_currency == to_currency:
            return Decimal(1)
        held = [*uow.masterdata.exchange_rates.on_or_before(from_currency, to_currency, day),
                *uow.masterdata.exchange_rates.on_or_before(to_currency, from_currency, day)]
        return rate_on(from_currency, to_currency, day, held)

    return rate


def rfq_view(rfq: Rfq, uow: ProcurementUnitOfWork) -> RfqView:
    codes = Codes(uow)
    suppliers = {s.supplier_id: uow.masterdata.suppliers.get(s.supplier_id) for s in rfq.suppliers}
    lines = {line.id: line for line in rfq.lines}

    quotations = [SupplierQuotationView(
        id=q.id, supplier_code=suppliers[q.supplier_id].code, currency=q.currency, reference=q.reference,
        received_at=q.received_at, actor=q.actor, lines=[QuotationLineView(
            id=ql.id, line=lines[ql.rfq_line_id].position, sku=lines[ql.rfq_line_id].sku,
            price=money(ql.price, q.currency), purchase_unit=ql.purchase_unit, unit_factor=ql.unit_factor,
            quantity=ql.quantity, min_quantity=ql.min_quantity, lead_time_days=ql.lead_time_days,
            valid_until=ql.valid_until, awarded=quantity(rfq.awarded_from(ql.id), lines[ql.rfq_line_id].uom))
            for ql in q.lines]) for q in rfq.quotations]
    awards = [award_view(rfq, a, uow) for a in rfq.awards]
    return RfqView(
        id=rfq.id, number=rfq.number, status=rfq.status, branch_code=codes.branch(rfq.branch_id),
        currency=rfq.currency, created_at=rfq.created_at, notes=rfq.notes,
        lines=[RfqLineView(id=line.id, position=line.position, sku=line.sku, description=line.description,
                           quantity=quantity(line.quantity, line.uom), wanted_date=line.wanted_date,
                           awarded=quantity(rfq.awarded(line.id), line.uom),
                           remaining=quantity(rfq.remaining(line), line.uom)) for line in rfq.lines],
        suppliers=[RfqSupplierView(supplier_code=suppliers[s.supplier_id].code, name=suppliers[s.supplier_id].name,
                                   currency=suppliers[s.supplier_id].currency, status=s.status, reason=s.reason)
                   for s in rfq.suppliers],
        quotations=quotations, awards=awards, history=history(rfq.history), version=rfq.version)


def award_view(rfq: Rfq, award: Award, uow: ProcurementUnitOfWork) -> AwardView:
    lines = {line.id: line for line in rfq.lines}

    def order_number(order_id: str | None) -> str | None:
        return None if order_id is None else uow.procurement.orders.get(order_id).number

    return AwardView(
        id=award.id, key=award.key, awarded_at=award.awarded_at, actor=award.actor, lines=[AwardLineView(
            line=lines[al.rfq_line_id].position, sku=lines[al.rfq_line_id].sku,
            supplier_code=uow.masterdata.suppliers.get(al.supplier_id).code,
            quantity=quantity(al.quantity, lines[al.rfq_line_id].uom), unit_price=money(al.unit_price, al.currency),
            purchase_order=order_number(al.purchase_order_id)) for al in award.lines],
        purchase_orders=[n for s in award.suppliers() if (n := order_number(award.purchase_orders().get(s)))])


def answer_award(uow: ProcurementUnitOfWork, command: AwardRfq, award_id: str) -> AwardView:
    """What an award answers: the award (made now or before, for the same key) and its purchase orders."""
    rfq = rfq_by_ref(uow, command.rfq_id)
    return award_view(rfq, next(a for a in rfq.awards if a.id == award_id), uow)


def show_rfq(uow: ProcurementUnitOfWork, ref: DocumentRef) -> RfqView:
    """A request for quotation with its lines, suppliers' status, quotations, awards and audit trail."""
    return rfq_view(rfq_by_ref(uow, ref), uow)


def rfq_comparison(uow: ProcurementUnitOfWork, ref: DocumentRef, *, day: date,
                   include_expired: bool = False) -> ComparisonView:
    """The offers of every line compared on `day` in the RFQ's currency (its branch's) at the day's rates: per stock
    unit, cheapest and fastest marked, expired offers left out unless `include_expired`, partial ones flagged."""
    rfq = rfq_by_ref(uow, ref)
    compared = compare(rfq, day=day, rates=rates_of(uow), include_expired=include_expired)
    suppliers = {s.supplier_id: uow.masterdata.suppliers.get(s.supplier_id) for s in rfq.suppliers}
    lines = []
    for line in compared.lines:
        uom = line.line.uom
        lines.append(LineComparisonView(
            line_id=line.line.id, position=line.line.position, sku=line.line.sku, description=line.line.description,
            quantity=quantity(line.line.quantity, uom), wanted_date=line.line.wanted_date,
            awarded=quantity(line.awarded, uom), missing=[suppliers[s].code for s in line.missing],
            offers=[ComparedOfferView(
                supplier_code=suppliers[c.offer.supplier_id].code, supplier_name=suppliers[c.offer.supplier_id].name,
                price=money(c.offer.price, c.offer.currency), purchase_unit=c.offer.purchase_unit,
                unit_factor=c.offer.unit_factor, unit_price=money(c.unit_price, c.offer.currency), rate=c.rate,
                converted_unit_price=money(c.converted_unit_price, compared.currency),
                quantity=quantity(c.quantity, uom), min_quantity=quantity(c.min_quantity, uom),
                lead_time_days=c.offer.lead_time_days, valid_until=c.offer.valid_until, expired=c.expired,
                partial=c.partial, cheapest=c.cheapest, fastest=c.fastest, awarded=quantity(c.offer.awarded, uom))
                for c in line.offers]))
    return ComparisonView(rfq=rfq.number, status=rfq.status, currency=compared.currency, day=compared.day,
                          include_expired=include_expired,
                          rates=[RateView(currency=c, rate=r) for c, r in compared.rates], lines=lines)
