"""Demo data, demo console users, and a walk through the sales flow, through the public Python API only (the
users through the access context's use cases, which the public API does not export)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import oms
from oms.domain.access.tokens import Role
from oms.domain.access.users import User
from oms.domain.shared.ids import new_id
from oms.entrypoints.demo_bills import load_demo_bills
from oms.entrypoints.demo_carts import load_demo_carts
from oms.entrypoints.demo_invoices import load_demo_invoices
from oms.entrypoints.demo_planning import load_demo_planning
from oms.entrypoints.demo_procurement import load_demo_purchase_orders
from oms.entrypoints.demo_production import load_demo_production
from oms.entrypoints.demo_rfqs import load_demo_rfqs
from oms.entrypoints.demo_subscriptions import load_demo_subscriptions
from oms.entrypoints.wording import plural
from oms.ports.access.users import PasswordHasher, UserStore
from oms.ports.shared.clock import Clock

BRANCHES = [("BER", "Berlin", "EUR", "DE"), ("MUC", "Munich", "EUR", "DE")]
WAREHOUSES = [("BER-MAIN", "Berlin main", "BER", 10), ("BER-OVERFLOW", "Berlin overflow", "BER", 20),
              ("MUC-MAIN", "Munich main", "MUC", 10)]
FAMILIES = [
    ("DESK", "Desk", ["Oak", "Walnut", "Birch", "Standing", "Corner", "Compact"], "289.00",
     oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD, "unit"),
    ("CHAIR", "Chair", ["Ergo", "Mesh", "Task", "Visitor", "Stool", "Lounge"], "119.90",
     oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD, "unit"),
    ("LAMP", "Lamp", ["LED", "Arc", "Clip", "Floor", "Desk", "Wall"], "39.95",
     oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD, "unit"),
    ("BOOK", "Handbook", ["Design", "Ergonomics", "Lighting", "Acoustics", "Planning", "Safety"], "24.50",
     oms.ProductKind.STOCKED, oms.TaxCategory.REDUCED, "unit"),
    ("CABLE", "Cable", ["HDMI", "USB-C", "Power", "Network", "Audio", "Display"], "4.20",
     oms.ProductKind.STOCKED, oms.TaxCategory.STANDARD, "m"),
    ("COFFEE", "Coffee", ["Arabica", "Robusta", "Decaf", "Espresso", "Filter", "House"], "18.99",
     oms.ProductKind.CONSUMABLE, oms.TaxCategory.REDUCED, "kg"),
    ("PAPER", "Paper", ["A4", "A3", "Letter", "Recycled", "Glossy", "Card"], "6.49",
     oms.ProductKind.CONSUMABLE, oms.TaxCategory.STANDARD, "pack"),
    ("SVC", "Service", ["Assembly", "Delivery", "Planning", "Repair", "Training", "Cleaning"], "45.00",
     oms.ProductKind.SERVICE, oms.TaxCategory.STANDARD, "hour"),
    ("EXPORT", "Export crate", ["Small"], "15.00", oms.ProductKind.STOCKED, oms.TaxCategory.ZERO, "unit"),
    ("DONATION", "Charity bundle", ["Basic"], "10.00", oms.ProductKind.STOCKED, oms.TaxCategory.EXEMPT, "unit"),
]

CATEGORIES = {"DESK": "furniture", "CHAIR": "furniture", "LAMP": "lighting", "BOOK": "books",
              "CABLE": "electronics/cables", "COFFEE": "pantry", "PAPER": "office supplies", "SVC": "services",
              "EXPORT": "logistics", "DONATION": "charity"}
"""The category of each family's products (what reports filter and group by)."""


DEMO_USERS = [("demo", "Demo administrator", Role.ADMIN), ("viewer", "Demo viewer", Role.VIEWER)]
"""The demo's console users; each one's password is its username (shorter than a real password may be)."""


def load_demo_users(users: UserStore, hasher: PasswordHasher, clock: Clock) -> bool:
    """The demo's users `demo` (admin) and `viewer`, once: returns False when `demo` is there already. A `viewer`
    made by an operator before is left as it is."""
    if users.by_username("demo") is not None:
        return False
    for username, name, role in DEMO_USERS:
        try:
            users.add(User(id=new_id(), username=username, name=name, role=role,
                           password_hash=hasher.hash(username), created_at=clock.now()))
        except oms.AlreadyExists:
            if username == "demo":
                return False  # another process loaded them at the same moment
    return True


def demo_product_skus() -> list[str]:
    return [f"{prefix}-{variant.upper()}" for prefix, _, variants, *_ in FAMILIES for variant in variants]


def has_demo_data(system: oms.OrderManagement) -> bool:
    try:
        system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    except oms.AlreadyExists:
        return True
    return False


def load_demo_data(system: oms.OrderManagement, seed: int = 7) -> bool:
    """Two branches, three warehouses, 50 products in five tax categories, 20 customers, stock, quotations and
    orders in every state, a table made from a bill of materials by work orders in every state, subscriptions
    in every state, and carts active, abandoned, recovered and expired. Loads once: returns False when the data is
    there already."""
    if has_demo_data(system):
        return False
    handle = system.handle
    for code, name, currency, jurisdiction in BRANCHES[1:]:
        handle(oms.CreateBranch(code=code, name=name, currency=currency, tax_jurisdiction=jurisdiction))
    for code, name, branch, priority in WAREHOUSES:
        handle(oms.CreateWarehouse(code=code, name=name, branch_code=branch, priority=priority))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    costs: dict[str, Decimal] = {}  # what the demo's goods cost to buy: 60% of their price
    for prefix, family, variants, price, kind, category, uom in FAMILIES:
        for variant in variants:
            costs[f"{prefix}-{variant.upper()}"] = (Decimal(price) * Decimal("0.6")).quantize(Decimal("0.01"))
            handle(oms.CreateProduct(sku=f"{prefix}-{variant.upper()}", name=f"{variant} {family.lower()}",
                                     price=price, currency="EUR", kind=kind, tax_category=category, uom=uom,
                                     category=CATEGORIES[prefix]))
    for number in range(1, 20):
        exempt = number % 7 == 0
        handle(oms.CreateCustomer(
            code=f"CUST-{number:03d}", name=f"Demo customer {number}", email=f"buyer{number}@example.com",
            shipping_address=oms.Address(city="Berlin" if number % 2 else "Munich", country="DE"),
            tax_exempt=exempt, tax_exemption_reference="DE-EXEMPT-2026" if exempt else "",
            payment_terms="net 30" if number % 3 else "end of month + 15"))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH", email="buyer@acme.example"))
    load_demo_suppliers(system)
    rng = random.Random(seed)
    stocked = [sku for sku in demo_product_skus() if not sku.startswith(("COFFEE", "PAPER", "SVC"))]
    for sku in stocked:
        for warehouse in ("BER-MAIN", "BER-OVERFLOW", "MUC-MAIN"):
            handle(oms.ReceiveStock(sku=sku, warehouse_code=warehouse, quantity=rng.randint(20, 200),
                                    reference="opening stock", unit_cost=costs[sku]))
    load_demo_invoices(system, _documents_in_every_state(system, rng))
    load_demo_purchase_orders(system)
    load_demo_bills(system)
    load_demo_rfqs(system)
    load_demo_planning(system)
    load_demo_production(system)
    load_demo_subscriptions(system)  # late: its documents dated in the past move no other demo number
    load_demo_carts(system)  # last: its order is numbered after every other
    return True


SUPPLIERS = (("OAKWORKS", "Oakworks GmbH", "EUR", "net 30", 10, "DE"),
             ("BRIGHT", "Bright Lighting Ltd", "GBP", "end of month + 30", 14, "GB"),
             ("PACIFIC", "Pacific Office Supply Inc", "USD", "net 45", 21, "US"),
             ("CABLECO", "Cableco AG", "EUR", "immediate", 3, "DE"))
# (supplier, SKU, price, min quantity, unit of purchase, its factor): quantity breaks and packs
SUPPLIER_PRICES = (("OAKWORKS", "DESK-OAK", "170.00", "0", "", "1"), ("OAKWORKS", "DESK-OAK", "160.00", "10", "", "1"),
                   ("PACIFIC", "DESK-OAK", "185.00", "0", "", "1"), ("OAKWORKS", "CHAIR-ERGO", "72.00", "0", "", "1"),
                   ("PACIFIC", "CHAIR-ERGO", "76.50", "0", "", "1"), ("BRIGHT", "LAMP-LED", "19.00", "0", "", "1"),
                   ("BRIGHT", "LAMP-LED", "170.00", "20", "box of 10", "10"),
                   ("PACIFIC", "LAMP-LED", "23.00", "0", "", "1"),
                   ("CABLECO", "CABLE-HDMI", "125.00", "0", "drum of 50 m", "50"),
                   ("CABLECO", "CABLE-USB-C", "1.80", "0", "", "1"))


def load_demo_suppliers(system: oms.OrderManagement) -> None:
    """Four suppliers in EUR, GBP and USD with prices for desks, chairs, lamps and cables (quantity breaks, a box of
    10 and a drum of 50 m), and EUR/USD and GBP/EUR rates for each of the last four weeks."""
    handle = system.handle
    for code, name, currency, terms, lead, country in SUPPLIERS:
        handle(oms.CreateSupplier(code=code, name=name, currency=currency, payment_terms=terms, lead_time_days=lead,
                                  email=f"sales@{code.lower()}.example", address=oms.Address(country=country)))
    for code, sku, price, minimum, unit, factor in SUPPLIER_PRICES:
        handle(oms.SetSupplierPrice(code=code, sku=sku, price=price, min_quantity=minimum, purchase_unit=unit,
                                    unit_factor=factor))
    today = system.bus.clock.now().date()
    for week in range(4, -1, -1):
        day = today - timedelta(weeks=week)
        handle(oms.SetExchangeRate(from_currency="EUR", to_currency="USD", day=day,
                                   rate=Decimal("1.08") + Decimal(week) / 100))
        handle(oms.SetExchangeRate(from_currency="GBP", to_currency="EUR", day=day,
                                   rate=Decimal("1.17") - Decimal(week) / 200))


def _lines(rng: random.Random, count: int) -> tuple[oms.LineInput, ...]:
    skus = rng.sample(demo_product_skus(), count)
    return tuple(oms.LineInput(sku=sku, quantity=str(rng.randint(1, 4))) for sku in skus)


def _documents_in_every_state(system: oms.OrderManagement, rng: random.Random) -> dict[str, str]:
    """Quotations and orders in every state; returns the orders' ids by state."""
    handle = system.handle
    orders: dict[str, str] = {}
    quotation_steps: dict[str, list[Step]] = {
        "draft": [], "sent": [_send], "accepted": [_send, _accept], "rejected": [_send, _reject],
        "cancelled": [_cancel_quotation], "revised": [_send, _revise], "converted": [_send, _accept, _convert],
    }
    for customer, (state, steps) in enumerate(quotation_steps.items(), start=1):
        quotation_id = handle(oms.CreateQuotation(customer_code=f"CUST-{customer:03d}", branch_code="BER",
                                                  lines=_lines(rng, 3), order_discount=oms.Discount.percent("5"),
                                                  notes=f"demo: {state}"))
        for step in steps:
            step(system, quotation_id)
    # An expired quotation: made 40 days ago through a system whose clock says so, valid for 30 days.
    past = oms.bootstrap(uow_factory=system.uow_factory,
                         clock=oms.FixedClock(system.bus.clock.now() - timedelta(days=40)))
    _send(past, past.handle(oms.CreateQuotation(customer_code="CUST-008", branch_code="BER", lines=_lines(rng, 2),
                                                notes="demo: expired")))
    handle(oms.ExpireQuotations())
    for customer, state in enumerate(["draft", "confirmed", "on_hold", "partially_issued", "issued", "completed",
                                      "cancelled"], start=9):
        order_id = handle(oms.CreateSalesOrder(customer_code=f"CUST-{customer:03d}", branch_code="BER",
                                               lines=_lines(rng, 2), customer_reference=f"demo: {state}"))
        orders[state] = order_id
        if state == "draft":
            continue
        handle(oms.ConfirmSalesOrder(order_id=order_id))
        if state == "on_hold":
            handle(oms.HoldSalesOrder(order_id=order_id, reason="awaiting payment"))
        elif state == "cancelled":
            handle(oms.CancelSalesOrder(order_id=order_id, reason="customer request"))
        elif state != "confirmed":
            _issue(system, order_id, everything=state != "partially_issued")
            if state == "completed":
                handle(oms.CompleteSalesOrder(order_id=order_id))
    return orders


Step = Callable[[oms.OrderManagement, str], None]


def _send(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.SendQuotation(quotation_id=quotation_id))


def _accept(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.AcceptQuotation(quotation_id=quotation_id))


def _reject(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.RejectQuotation(quotation_id=quotation_id, reason="too expensive"))


def _cancel_quotation(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.CancelQuotation(quotation_id=quotation_id, reason="duplicate"))


def _revise(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.ReviseQuotation(quotation_id=quotation_id))


def _convert(system: oms.OrderManagement, quotation_id: str) -> None:
    system.handle(oms.ConvertQuotation(quotation_id=quotation_id))


def _issue(system: oms.OrderManagement, order_id: str, *, everything: bool) -> None:
    order = system.sales_order(order_id)
    lines = tuple(oms.IssueLine(line_id=line.id, quantity=line.quantity if everything else "1")
                  for line in order.lines if line.kind.ships)
    if lines:
        system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-MAIN", lines=lines))


def walk_through(system: oms.OrderManagement, echo: Callable[[str], None]) -> str:
    """Quotation -> sales order -> confirmation -> two goods issues -> completion. Returns the order number."""
    handle = system.handle
    quotation_id = handle(oms.CreateQuotation(
        customer_code="ACME", branch_code="BER", order_discount=oms.Discount.percent("5"),
        lines=(oms.LineInput(sku="DESK-OAK", quantity="10"),
               oms.LineInput(sku="CHAIR-ERGO", quantity="10", discount=oms.Discount.percent("10")),
               oms.LineInput(sku="SVC-ASSEMBLY", quantity="4"))))
    quotation = system.quotation(quotation_id)
    echo(f"{quotation.number}: {plural(len(quotation.lines), 'line')}, net {quotation.net_total}, "
         f"tax {quotation.tax_total}, total {quotation.grand_total} {quotation.currency}")
    handle(oms.SendQuotation(quotation_id=quotation_id))
    handle(oms.AcceptQuotation(quotation_id=quotation_id))
    order_id = handle(oms.ConvertQuotation(quotation_id=quotation_id))
    order = system.sales_order(order_id)
    echo(f"{quotation.number} accepted and converted into {order.number} (total {order.grand_total})")
    handle(oms.ConfirmSalesOrder(order_id=order_id))
    order = system.sales_order(order_id)
    for reservation in order.reservations:
        echo(f"  reserved {reservation.quantity} x {order.line(reservation.line_id).sku}")
    desk, chair = order.lines[0], order.lines[1]
    first = handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-MAIN",
                                  lines=(oms.IssueLine(line_id=desk.id, quantity="8"),
                                         oms.IssueLine(line_id=chair.id, quantity="10"))))
    echo(f"{first}: shipped 8 desks and 10 chairs; {order.number} is {system.sales_order(order_id).status}")
    second = handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-MAIN",
                                   lines=(oms.IssueLine(line_id=desk.id, quantity="2"),)))
    echo(f"{second}: shipped the other 2 desks; {order.number} is {system.sales_order(order_id).status}")
    handle(oms.CompleteSalesOrder(order_id=order_id))
    order = system.sales_order(order_id)
    echo(f"{order.number} is {order.status}; audit trail:")
    for change in order.history:
        echo(f"  {change.at:%Y-%m-%d %H:%M} {change.actor}: {change.from_status} -> {change.to_status}")
    return order.number
