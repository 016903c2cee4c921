"""Domain objects into views: ids become codes, amounts become Money, documents get their totals and taxes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs
from attrs import define, field

from oms.application.service import OrderManagement
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.goods_issues import GoodsIssue
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import OrderLine, SalesOrder
from oms.domain.shared.documents import DocumentLine, totals_of
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.lifecycle import StatusChange
from oms.domain.shared.money import Currency, Money
from oms.domain.shared.tax import TaxRate
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.entrypoints.http import views as v
from oms.ports.shared.listings import DocumentSummary
from oms.ports.unit_of_work import UnitOfWork


@define
class Codes:
    """The codes of what documents refer to by id, looked up in an open unit of work, each once."""

    uow: UnitOfWork
    _seen: dict[tuple[str, str], str] = field(factory=dict, init=False)

    def _code(self, kind: str, key: str) -> str:
        if (kind, key) not in self._seen:
            lookups = {"customer": lambda: self.uow.customers.get(key).code,
                       "branch": lambda: self.uow.branches.get(key).code,
                       "warehouse": lambda: self.uow.warehouses.get(key).code,
                       "product": lambda: self.uow.products.get(key).sku}
            self._seen[(kind, key)] = lookups[kind]()
        return self._seen[(kind, key)]

    def customer(self, customer_id: str) -> str:
        return self._code("customer", customer_id)

    def branch(self, branch_id: str) -> str:
        return self._code("branch", branch_id)

    def warehouse(self, warehouse_id: str) -> str:
        return self._code("warehouse", warehouse_id)

    def product(self, product_id: str) -> str:
        return self._code("product", product_id)


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount, Currency.of(currency))


def product(p: Product) -> v.ProductView:
    return v.ProductView(sku=p.sku, name=p.name, kind=p.kind, uom=p.uom, price=money(p.price, p.currency),
                         tax_category=p.tax_category, active=p.active)


def customer(c: Customer) -> v.CustomerView:
    return v.CustomerView(code=c.code, name=c.name, email=c.email, billing_address=c.billing_address,
                          shipping_address=c.shipping_address, tax_exempt=c.tax_exempt,
                          tax_exemption_reference=c.tax_exemption_reference, active=c.active)


def branch(b: Branch) -> v.BranchView:
    return v.BranchView(code=b.code, name=b.name, currency=b.currency, tax_jurisdiction=b.tax_jurisdiction)


def warehouse(w: Warehouse, codes: Codes) -> v.WarehouseView:
    return v.WarehouseView(code=w.code, name=w.name, branch_code=codes.branch(w.branch_id), priority=w.priority,
                           active=w.active)


def tax_rate(r: TaxRate) -> v.TaxRateView:
    return v.TaxRateView(jurisdiction=r.jurisdiction, category=r.category, rate=r.rate)


def stock_level(level: StockLevel, codes: Codes) -> v.StockLevelView:
    return v.StockLevelView(sku=codes.product(level.product_id), warehouse_code=codes.warehouse(level.warehouse_id),
                            on_hand=level.on_hand, reserved=level.reserved, available=level.available)


def movement(m: StockMovement, codes: Codes) -> v.MovementView:
    return v.MovementView(id=m.id, sku=codes.product(m.product_id), warehouse_code=codes.warehouse(m.warehouse_id),
                          kind=m.kind, quantity=m.quantity, reference=m.reference, at=m.at, actor=m.actor,
                          reason=m.reason)


def _line_fields(line: DocumentLine, currency: str) -> dict[str, Any]:
    return {"id": line.id, "position": line.position, "sku": line.sku, "description": line.description,
            "kind": line.kind, "uom": line.uom, "quantity": line.quantity,
            "unit_price": money(line.unit_price, currency), "discount": line.discount,
            "tax_category": line.tax_category, "tax_rate": line.tax_rate,
            **{name: money(getattr(line, name), currency)
               for name in ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")}}


def _history(changes: Sequence[StatusChange]) -> list[v.StatusChangeView]:
    return [v.StatusChangeView(at=c.at, actor=c.actor, from_status=c.from_status, to_status=c.to_status,
                               reason=c.reason) for c in changes]


def _money_of(document: Quotation | SalesOrder) -> tuple[v.Totals, list[v.TaxView]]:
    currency = document.currency
    totals = v.Totals(**{name: money(getattr(document, name), currency)
                         for name in ("gross_amount", "discount_total", "net_total", "tax_total", "grand_total")})
    taxes = [v.TaxView(category=t.category, rate=t.rate, base=money(t.base, currency), tax=money(t.tax, currency))
             for t in totals_of(document).taxes]
    return totals, taxes


def quotation(q: Quotation, codes: Codes) -> v.QuotationView:
    totals, taxes = _money_of(q)
    return v.QuotationView(
        id=q.id, number=q.number, status=q.status, customer_code=codes.customer(q.customer_id),
        branch_code=codes.branch(q.branch_id), currency=q.currency, created_at=q.created_at,
        valid_until=q.valid_until, prices_include_tax=q.prices_include_tax, tax_rounding=q.tax_rounding,
        tax_exempt=q.tax_exempt, order_discount=q.order_discount, notes=q.notes, revision=q.revision,
        revision_of=q.revision_of, superseded_by=q.superseded_by, sales_order_id=q.sales_order_id,
        lines=[v.LineView(**_line_fields(line, q.currency)) for line in q.lines], totals=totals, taxes=taxes,
        history=_history(q.history), version=q.version)


def _order_line(order: SalesOrder, line: OrderLine) -> v.OrderLineView:
    return v.OrderLineView(**_line_fields(line, order.currency), quantity_issued=line.quantity_issued,
                           quantity_reserved=order.open_reserved(line.id),
                           quantity_backordered=order.backordered(line))


def _goods_issue(issue: GoodsIssue, skus: dict[str, str], codes: Codes) -> v.GoodsIssueView:
    return v.GoodsIssueView(number=issue.number, warehouse_code=codes.warehouse(issue.warehouse_id),
                            issued_at=issue.issued_at, actor=issue.actor,
                            lines=[v.GoodsIssueLineView(line_id=gl.line_id, sku=skus.get(gl.line_id, ""),
                                                        quantity=gl.quantity) for gl in issue.lines])


def sales_order(o: SalesOrder, codes: Codes) -> v.SalesOrderView:
    totals, taxes = _money_of(o)
    skus = {line.id: line.sku for line in o.lines}
    reservations = [v.ReservationView(id=r.id, line_id=r.line_id, sku=skus.get(r.line_id, ""),
                                      warehouse_code=codes.warehouse(r.warehouse_id), quantity=r.quantity,
                                      issued=r.issued, released=r.released, open=r.open, created_at=r.created_at)
                    for r in o.reservations]
    return v.SalesOrderView(
        id=o.id, number=o.number, status=o.status, customer_code=codes.customer(o.customer_id),
        branch_code=codes.branch(o.branch_id), currency=o.currency, created_at=o.created_at,
        customer_reference=o.customer_reference, quotation_id=o.quotation_id,
        prices_include_tax=o.prices_include_tax, tax_rounding=o.tax_rounding, tax_exempt=o.tax_exempt,
        order_discount=o.order_discount, allow_backorder=o.allow_backorder,
        over_delivery_percent=o.over_delivery_percent, held_from=o.held_from,
        lines=[_order_line(o, line) for line in o.lines], totals=totals, taxes=taxes, reservations=reservations,
        goods_issues=[_goods_issue(issue, skus, codes) for issue in o.goods_issues], history=_history(o.history),
        version=o.version)


def summary(s: DocumentSummary) -> v.DocumentSummaryView:
    return v.DocumentSummaryView(id=s.id, number=s.number, status=s.status, customer_code=s.customer_code,
                                 branch_code=s.branch_code, grand_total=money(s.grand_total, s.currency),
                                 created_at=s.created_at)


def event(e: DomainEvent) -> v.EventView:
    data = {a.name: getattr(e, a.name) for a in attrs.fields(type(e)) if a.name not in ("aggregate_id", "occurred_at")}
    return v.EventView(type=e.name, aggregate_id=e.aggregate_id, occurred_at=e.occurred_at, data=data)


@contextmanager
def reading(system: OrderManagement) -> Iterator[tuple[UnitOfWork, Codes]]:
    """A unit of work to read in (never committed), and the codes of what it holds."""
    with system.uow_factory() as uow:
        yield uow, Codes(uow)
