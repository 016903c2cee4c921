"""Builders for the domain tests: products, stock, and quotations and sales orders driven to any status."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from attrs import define

from oms.domain.masterdata.products import Product
from oms.domain.sales.goods_issues import GoodsIssue
from oms.domain.sales.quotation import Quotation, QuotationStatus
from oms.domain.sales.sales_order import SalesOrder, SalesOrderStatus
from oms.domain.shared.discounts import Discount
from oms.domain.shared.documents import LineDraft
from oms.domain.shared.errors import BusinessRuleViolation
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory, TaxRounding
from oms.domain.stock.levels import StockLevel
from oms.domain.stock.reservations import Inventory

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACTOR = "tester"
EUR = Currency.of("EUR")  # the currency stock is valued in
MAIN = "wh-main"  # reserved from first (priority 10)
OVERFLOW = "wh-overflow"  # then from here (priority 20)
RATES = {TaxCategory.STANDARD: Decimal("0.19"), TaxCategory.REDUCED: Decimal("0.07"),
         TaxCategory.ZERO: Decimal(0), TaxCategory.EXEMPT: Decimal(0)}
VALIDITY = timedelta(days=30)


def refusal(action: Callable[[], object]) -> str | None:
    """The rule named by refusing `action`, or None if it was carried out."""
    try:
        action()
    except BusinessRuleViolation as refused:
        return refused.rule
    return None


def make_product(sku: str, *, kind: ProductKind = ProductKind.STOCKED, price: str = "10.00",
                 category: TaxCategory = TaxCategory.STANDARD, uom: str = "unit") -> Product:
    return Product(new_id(), sku, sku.title(), kind, uom, Decimal(price), "EUR", category)


def line(product: Product, quantity: str | int, *, unit_price: str | None = None,
         discount: Discount | None = None) -> LineDraft:
    """A line taxed at the German rate of the product's category."""
    return LineDraft(product=product, quantity=Decimal(quantity), tax_rate=RATES[product.tax_category],
                     unit_price=None if unit_price is None else Decimal(unit_price), discount=discount)


def make_inventory(products: Sequence[Product], on_hand: Mapping[tuple[str, str], str | int]) -> Inventory:
    """Levels of every product in MAIN and OVERFLOW; `on_hand` by (sku, warehouse) arrives as receipts."""
    levels: dict[tuple[str, str], StockLevel] = {}
    for product in products:
        for warehouse in (MAIN, OVERFLOW):
            level = StockLevel(product.id, warehouse)
            quantity = Decimal(on_hand.get((product.sku, warehouse), 0))
            if quantity:
                level.receive(quantity, "opening stock", AT, ACTOR, currency=EUR)
            levels[(product.id, warehouse)] = level
    return Inventory(levels, [MAIN, OVERFLOW])


def make_order(*drafts: LineDraft, allow_backorder: bool = False, over_delivery_percent: str = "0",
               prices_include_tax: bool = False, tax_rounding: TaxRounding = TaxRounding.PER_LINE,
               order_discount: Discount | None = None, tax_exempt: bool = False) -> SalesOrder:
    order = SalesOrder(id=new_id(), number="SO-000001", customer_id="customer", branch_id="branch", currency="EUR",
                       created_at=AT, tax_exempt=tax_exempt, prices_include_tax=prices_include_tax,
                       tax_rounding=tax_rounding, order_discount=order_discount, allow_backorder=allow_backorder,
                       over_delivery_percent=Decimal(over_delivery_percent))
    for draft in drafts:
        order.add_line(draft)
    return order


def make_quotation(*drafts: LineDraft, valid_until: date | None = None, prices_include_tax: bool = False,
                   tax_rounding: TaxRounding = TaxRounding.PER_LINE, order_discount: Discount | None = None,
                   tax_exempt: bool = False) -> Quotation:
    quotation = Quotation(id=new_id(), number="Q-000001", customer_id="customer", branch_id="branch",
                          currency="EUR", valid_until=valid_until or (AT + VALIDITY).date(), created_at=AT,
                          tax_exempt=tax_exempt, prices_include_tax=prices_include_tax, tax_rounding=tax_rounding,
                          order_discount=order_discount)
    for draft in drafts:
        quotation.add_line(draft)
    return quotation


def reserved(inventory: Inventory, product: Product) -> dict[str, Decimal]:
    return {warehouse: inventory.level(product.id, warehouse).reserved for warehouse in inventory.warehouse_priority}


def on_hand(inventory: Inventory, product: Product) -> dict[str, Decimal]:
    return {warehouse: inventory.level(product.id, warehouse).on_hand for warehouse in inventory.warehouse_priority}


@define
class OrderCase:
    """An order of 10 units of one stocked product (20 in MAIN), or of one service, and its stock.
    Every action happens a minute after the previous one."""

    order: SalesOrder
    inventory: Inventory
    now: datetime = AT

    def _tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def confirm(self) -> None:
        self.order.confirm(self.inventory, self._tick(), ACTOR)

    def issue(self, quantity: str = "4", warehouse: str = MAIN) -> GoodsIssue:
        """Ship part of the first line."""
        return self.order.issue_goods(number=f"GI-{len(self.order.goods_issues) + 1:06d}", warehouse_id=warehouse,
                                      quantities={self.order.lines[0].id: Decimal(quantity)},
                                      inventory=self.inventory, at=self._tick(), actor=ACTOR)

    def issue_rest(self) -> GoodsIssue:
        """Ship what remains of every shipping line (one unit of a line with nothing left)."""
        quantities = {line.id: line.remaining or Decimal(1) for line in self.order.lines if line.kind.ships}
        return self.order.issue_goods(number=f"GI-{len(self.order.goods_issues) + 1:06d}", warehouse_id=MAIN,
                                      quantities=quantities, inventory=self.inventory, at=self._tick(), actor=ACTOR)

    def complete(self) -> None:
        self.order.complete(self.inventory, self._tick(), ACTOR, "closed short" if self.order.status ==
                            "partially_issued" else "")

    def cancel(self) -> None:
        self.order.cancel(self.inventory, self._tick(), ACTOR, "customer changed their mind")

    def hold(self) -> None:
        self.order.hold(self._tick(), ACTOR, "credit check")

    def release(self) -> None:
        self.order.release(self._tick(), ACTOR, "credit ok")

    def reserved_total(self) -> Decimal:
        return sum((level.reserved for level in self.inventory.levels.values()), Decimal(0))


def order_in(status: SalesOrderStatus, *, services_only: bool = False) -> OrderCase:
    """An order brought to `status` through the real transitions; ON_HOLD is held after confirmation."""
    if services_only:
        product = make_product("ASSEMBLY", kind=ProductKind.SERVICE, price="45.00")
    else:
        product = make_product("DESK", price="100.00")
    case = OrderCase(make_order(line(product, 10)), make_inventory([product], {("DESK", MAIN): 20}))
    steps: dict[SalesOrderStatus, list[Callable[[], object]]] = {
        SalesOrderStatus.DRAFT: [],
        SalesOrderStatus.CONFIRMED: [case.confirm],
        SalesOrderStatus.PARTIALLY_ISSUED: [case.confirm, case.issue],
        SalesOrderStatus.ISSUED: [case.confirm, case.issue_rest],
        SalesOrderStatus.COMPLETED: [case.confirm, *([] if services_only else [case.issue_rest]), case.complete],
        SalesOrderStatus.CANCELLED: [case.confirm, case.cancel],
        SalesOrderStatus.ON_HOLD: [case.confirm, case.hold],
    }
    for step in steps[status]:
        step()
    assert case.order.status is status
    return case


@define
class QuotationCase:
    """A quotation of one product valid for 30 days from AT; every action happens a day after the previous one,
    except `expire`, which happens the day after the quotation's validity."""

    quotation: Quotation
    now: datetime = AT

    def _tick(self) -> datetime:
        self.now += timedelta(days=1)
        return self.now

    def send(self) -> None:
        self.quotation.send(self._tick(), ACTOR)

    def accept(self) -> None:
        self.quotation.accept(self._tick(), ACTOR)

    def reject(self) -> None:
        self.quotation.reject(self._tick(), ACTOR, "too expensive")

    def cancel(self) -> None:
        self.quotation.cancel(self._tick(), ACTOR, "withdrawn")

    def expire(self) -> None:
        past_validity = datetime.combine(self.quotation.valid_until + timedelta(days=1), AT.timetz())
        self.now = max(self.now, past_validity)
        self.quotation.expire(self.now, ACTOR)

    def revise(self) -> Quotation:
        at = self._tick()
        return self.quotation.revise(revision_id=new_id(), valid_until=(at + VALIDITY).date(), at=at, actor=ACTOR)

    def convert(self) -> None:
        self.quotation.mark_converted("sales-order-id", self._tick(), ACTOR)


def quotation_in(status: QuotationStatus) -> QuotationCase:
    """A quotation brought to `status` through the real transitions."""
    case = QuotationCase(make_quotation(line(make_product("DESK", price="100.00"), 2)))
    steps: dict[QuotationStatus, list[Callable[[], object]]] = {
        QuotationStatus.DRAFT: [],
        QuotationStatus.SENT: [case.send],
        QuotationStatus.ACCEPTED: [case.send, case.accept],
        QuotationStatus.CONVERTED: [case.send, case.accept, case.convert],
        QuotationStatus.REJECTED: [case.send, case.reject],
        QuotationStatus.EXPIRED: [case.send, case.expire],
        QuotationStatus.CANCELLED: [case.cancel],
        QuotationStatus.SUPERSEDED: [case.send, case.revise],
    }
    for step in steps[status]:
        step()
    assert case.quotation.status is status
    return case
