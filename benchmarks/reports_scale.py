"""Benchmark n, its data: two years of a business's documents written with COPY into a freshly migrated PostgreSQL
database, consistent with oms's own rules, for the reports to be measured on (issue 19: 1,000,000 orders).

What is written (N sales orders):
- two branches (BER in EUR, NYC in USD) with their tax rates, three warehouses (BER-1, BER-2, NYC-1), 20 suppliers
  (15 in EUR, 5 in USD), 1,000 customers, 500 stocked products in 8 categories (when products have a category;
  sales skewed towards the first products: the last ones move slowly), the default chart of accounts, through
  oms's own commands where there are few of them and COPY else;
- N sales orders over two years, oldest first, 1 to 3 lines each, in a realistic mix of statuses (draft,
  confirmed, on hold, partially issued, issued, completed, cancelled: the last 60 days' orders more open, older
  ones mostly completed or cancelled); a fifth converted from a quotation;
- for issued and completed ones (and the first line of partially issued ones) a goods issue with its lines and the
  stock movements it made, valued at the product's cost; a posted invoice (numbered per year, its lines billing the
  order's lines) for every completed order, a full credit note for 3 % of them, payments (one allocation each) for
  most invoices past a few days, some of them partial;
- quotations not converted (about 15 % of N): open (draft, sent), rejected and expired;
- purchase orders (about 1 per 50 orders) that replenish a warehouse a week before the stock is needed: each
  received (a goods receipt, its lines and receipt movements at the same cost), billed (a posted vendor bill) and
  mostly paid; a few ordered and not received yet (open commitments);
- the open item of every posted invoice and bill (what the ageing reads: its total, what a note or payment took off
  it and when, the day it was settled), as oms keeps it (oms.adapters.sql.invoicing.open_items), and what the open
  ones add up to per party, branch and currency (the balances the triggers of migration 0039 keep), and the
  quotations' days (what the triggers of migration 0041 keep);
- the journal: an entry per posted invoice and credit note (receivables, revenue per line, tax), payment (bank,
  receivables), goods issue (cost of goods sold, inventory), goods receipt (inventory, goods received not
  invoiced), vendor bill (GRNI, input tax, payables) and supplier payment (payables, bank);
- carts in BER (their rows as the SQL adapters' mapping makes them; only there, as the products' list prices are in
  EUR and a cart is priced at them): a customer's cart checked out into about a seventh of BER's orders (a third of
  them after a recovery message), a visitor's cart left for about an eighth of all orders (recovery messages at 1 h
  and 24 h, expired after 30 days idle, active when recent), each with the months of its messages as claiming them
  records them (worth the lines' net at list prices then, a checked-out cart its order's net); the branches' cart
  policies with recovery on from the start;
- stock levels equal to the sum of their movements (quantity and value), number series continued after the data.

- subscriptions (max(25, N / 2,000)) through oms's own commands and renewal job after the COPY, its clock moved
  a week at a time over the two years: three plans (two in EUR, one monthly and one yearly, one in USD),
  subscriptions started through the years, a quarter of them cancelled at a period's end, a fifth raising their
  quantity (billed prorated), every period renewed by `renew_due_subscriptions` into a sales order and a posted
  invoice with its journal entry (left unpaid: no payment method);
- stock levels equal to the sum of their movements (quantity and value), number series continued after the data.

Not written: production (work orders), RFQs, customer and supplier returns, reservations, console users' history.

Each table's rows are checked against the SQLAlchemy metadata (every column named, none missing) before the first
COPY. The writer's session runs with session_replication_role = replica (triggers and foreign key checks off, as
a bulk load does): the integration test tests/integration/test_reports_benchmark_data.py checks what they would
have (the journal balances, on hand equals the movements, every document points at rows that exist).
"""

from __future__ import annotations

import contextlib
import queue
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
from attrs import define, field, frozen
from sqlalchemy import Table, TypeDecorator
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url
from sqlalchemy.types import TypeEngine

import oms
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.accounting.tables import accounts, journal_entries, journal_lines
from oms.adapters.sql.carts.repositories import CART, CART_POLICY
from oms.adapters.sql.carts.tables import cart_policies, cart_recovery_months, carts
from oms.adapters.sql.invoicing.tables import (
    invoice_lines,
    invoices,
    payable_items,
    payment_allocations,
    payments,
    receivable_items,
    supplier_payment_allocations,
    supplier_payments,
    vendor_bill_lines,
    vendor_bills,
)
from oms.adapters.sql.masterdata.tables import customers, products
from oms.adapters.sql.procurement.tables import (
    goods_receipt_lines,
    goods_receipts,
    purchase_order_lines,
    purchase_orders,
)
from oms.adapters.sql.reports.quotation_days import fill_statement
from oms.adapters.sql.sales.tables import (
    goods_issue_lines,
    goods_issues,
    order_lines,
    quotation_lines,
    quotations,
    sales_orders,
)
from oms.adapters.sql.shared.sequences import sequence_name
from oms.adapters.sql.shared.tables import sequences
from oms.adapters.sql.stock.tables import stock_levels, stock_movements
from oms.domain.accounting.accounts import DEFAULT_CHART
from oms.domain.carts.carts import Cart, CartLine, CartStatus, RecoveryMonth, Reminder, month_of
from oms.domain.carts.policy import CartPolicy
from oms.domain.shared.ids import DocumentType

CUSTOMERS = 1000
PRODUCTS = 500
SUPPLIERS = 20
USD_SUPPLIERS = 5  # the last five
SPAN_DAYS = 730
BRANCHES = (("BER", "Berlin", "EUR", "DE", "0.19"), ("NYC", "New York", "USD", "US", "0.08"))
WAREHOUSES = (("BER-1", "Berlin main", "BER"), ("BER-2", "Berlin south", "BER"), ("NYC-1", "New York", "NYC"))
# The status mix of the orders of the last RECENT days; older ones are mostly done (completed or cancelled), a few
# left behind (the backlog's long tail).
ORDER_STATUSES = (("draft", 6), ("confirmed", 10), ("on_hold", 1), ("partially_issued", 4), ("issued", 12),
                  ("completed", 59), ("cancelled", 8))
OLD_ORDER_STATUSES = (("draft", 0.5), ("confirmed", 1), ("on_hold", 0.2), ("partially_issued", 0.5), ("issued", 2),
                      ("completed", 86), ("cancelled", 9.8))
RECENT = timedelta(days=60)
SHIPPED = frozenset({"partially_issued", "issued", "completed"})
CHUNK = 20_000  # orders per round of COPY
RECOVERY_MONTHS = next(part.entity for part in CART.parts if part.attribute == "recovery_months")
CATEGORIES = ("Furniture", "Office", "Lighting", "Storage", "Electronics", "Kitchen", "Garden", "Tools")
CLOSED = ("cancelled", "completed")  # an order line's `order_closed` (migration 0042's trigger keeps it)
HAS_CATEGORY = "category" in products.c  # products have a category since migration 0029 (categories)
ACTOR = "bench"
OPEN_ITEM = ("document_id", "party_id", "branch_id", "currency", "document_date", "due_date", "total", "reduced",
             "reduced_from", "reduced_until", "settled_on")
UNITS = 100  # an open item's amounts are ten-thousandths: a hundred to the cent


def cents(amount: int) -> str:
    """An amount in minor units as the decimal text PostgreSQL reads."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return f"{sign}{amount // 100}.{amount % 100:02d}"


def _cell(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is datetime:
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]


def _bound(kind: TypeEngine[Any], value: Any) -> Any:
    return kind.process_bind_param(value, _DIALECT) if isinstance(kind, TypeDecorator) else value


@define
class Sink:
    """COPY rows of one table, in the order of `names` (checked against the table's metadata: every column named
    except an autoincrementing key)."""

    table: Table
    names: tuple[str, ...]
    lines: list[str] = field(factory=list)
    written: int = 0

    def __attrs_post_init__(self) -> None:
        expected = {c.name for c in self.table.columns if not (c.primary_key and c.autoincrement is True)}
        given = set(self.names)
        if given != expected or len(given) != len(self.names):
            raise ValueError(f"{self.table.name}: rows name {sorted(given - expected)} the table has not, and miss "
                             f"{sorted(expected - given)}")

    def add(self, *values: Any) -> None:
        self.lines.append("\t".join(map(_cell, values)))

    def add_row(self, row: Mapping[str, Any]) -> None:
        """A row as the SQL adapters' mapping gives it (`Entity.values`), each value bound as its column's type
        binds it (a duration as seconds, an enum as its value)."""
        columns = self.table.columns
        self.add(*(_bound(columns[name].type, row[name]) for name in self.names))

    def taken(self) -> tuple[str, str] | None:
        """The COPY statement and the data of the rows added since, which are taken out (None if there are none)."""
        if not self.lines:
            return None
        data = "\n".join(self.lines) + "\n"
        self.written += len(self.lines)
        self.lines = []
        return f"COPY {self.table.name} ({', '.join(self.names)}) FROM STDIN", data


class Copier:
    """COPY in a thread of its own on one connection (one transaction), so that PostgreSQL takes in a round of rows
    while the next is generated; at most two rounds wait."""

    def __init__(self, conninfo: str) -> None:
        self._connection = psycopg.connect(conninfo)
        self._connection.execute("SET session_replication_role = replica")  # a bulk load: triggers, FKs off
        self._rounds: queue.Queue[list[tuple[str, str]] | None] = queue.Queue(maxsize=2)
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._copy, name="copier", daemon=True)
        self._thread.start()

    def _copy(self) -> None:
        with self._connection.cursor() as cursor:
            while (round_ := self._rounds.get()) is not None:
                if self._failed is not None:
                    continue
                try:
                    for statement, data in round_:
                        with cursor.copy(statement) as copy:
                            copy.write(data)
                except BaseException as error:  # re-raised by the generating thread
                    self._failed = error

    def send(self, sinks: Iterable[Sink]) -> None:
        if self._failed is not None:
            raise self._failed
        self._rounds.put([taken for sink in sinks if (taken := sink.taken()) is not None])

    def finish(self, statements: Sequence[str], *, commit: bool = True) -> None:
        """Wait for every round, run `statements` and commit (or, not to commit or when a round failed, roll back:
        and raise what failed)."""
        self._rounds.put(None)
        self._thread.join()
        try:
            if self._failed is not None:
                raise self._failed
            if commit:
                for statement in statements:
                    self._connection.execute(statement)
                self._connection.commit()
        finally:
            self._connection.close()  # rolls back what is not committed


def _sinks() -> dict[str, Sink]:
    header = ("id", "number", "customer_id", "branch_id", "currency", "created_at", "tax_exempt",
              "prices_include_tax", "tax_rounding", "order_discount_kind", "order_discount_value", "status",
              "gross_amount", "discount_total", "net_total", "tax_total", "grand_total", "version")
    line = ("id", "position", "product_id", "sku", "description", "kind", "uom", "quantity", "unit_price",
            "tax_category", "tax_rate", "invoice_policy", "discount_kind", "discount_value", "gross_amount",
            "line_discount", "order_discount", "net", "tax", "total")
    amounts = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")
    found = [
        Sink(customers, ("id", "code", "name", "email", *(f"{w}_{p}" for w in ("billing", "shipping") for p in (
            "line1", "line2", "city", "postal_code", "region", "country")), "tax_exempt", "tax_exemption_reference",
            "active", "payment_terms", "version")),
        Sink(products, ("id", "sku", "name", "kind", "uom", "price", "currency", "tax_category", "active",
                        "invoice_policy", "version", *(("category",) if HAS_CATEGORY else ()))),
        Sink(accounts, ("id", "code", "name", "type", "active", "version")),
        Sink(quotations, (*header, "valid_until", "notes", "revision", "revision_of", "superseded_by",
                          "sales_order_id")),
        Sink(quotation_lines, ("quotation_id", *line)),
        Sink(sales_orders, (*header, "allow_backorder", "over_delivery_percent", "customer_reference",
                            "quotation_id", "held_from")),
        Sink(order_lines, ("sales_order_id", *line, "quantity_issued", "quantity_returned", "order_closed")),
        Sink(purchase_orders, ("id", "number", "supplier_id", "branch_id", "warehouse_id", "currency", "created_at",
                               "tax_exempt", "prices_include_tax", "tax_rounding", "order_discount_kind",
                               "order_discount_value", "supplier_reference", "status", "gross_amount",
                               "discount_total", "net_total", "tax_total", "grand_total", "version")),
        Sink(purchase_order_lines, ("purchase_order_id", *line, "billed")),
        Sink(goods_receipts, ("id", "purchase_order_id", "position", "number", "warehouse_id", "received_at",
                              "actor", "rate")),
        Sink(goods_receipt_lines, ("id", "goods_receipt_id", "position", "line_id", "product_id", "quantity",
                                   "value")),
        Sink(goods_issues, ("id", "sales_order_id", "position", "number", "warehouse_id", "issued_at", "actor")),
        Sink(goods_issue_lines, ("id", "goods_issue_id", "position", "line_id", "product_id", "quantity", "value")),
        Sink(stock_movements, ("id", "product_id", "warehouse_id", "kind", "quantity", "reference", "at", "actor",
                               "reason", "value", "unit_cost")),
        Sink(invoices, ("id", "kind", "number", "customer_id", "branch_id", "currency", "prices_include_tax",
                        "tax_rounding", "created_at", "status", "invoice_date", "posted_at", "posted_by",
                        "credited_invoice_id", "due_date", "version")),
        Sink(invoice_lines, ("id", "invoice_id", "position", "source_document_id", "source_line_id", "sku",
                             "description", "uom", "tax_category", "quantity", "unit_price", "tax_rate", *amounts)),
        Sink(payments, ("id", "number", "customer_id", "currency", "amount", "payment_date", "method", "reference",
                        "recorded_at", "recorded_by", "version")),
        Sink(payment_allocations, ("id", "payment_id", "position", "invoice_id", "amount", "allocated_at",
                                   "allocated_by")),
        Sink(vendor_bills, ("id", "kind", "number", "supplier_id", "branch_id", "currency",
                            "supplier_invoice_number", "bill_date", "fiscal_year", "prices_include_tax",
                            "tax_rounding", "created_at", "created_by", "status", "due_date", "posted_at",
                            "posted_by", "debited_bill_id", "claim", "match_status", "released_by", "released_at",
                            "version")),
        Sink(vendor_bill_lines, ("id", "bill_id", "position", "purchase_order_id", "po_line_id", "product_id", "sku",
                                 "description", "uom", "tax_category", "quantity", "unit_price", "po_unit_price",
                                 "tax_rate", "debited_line_id", "match_status", "match_reason", *amounts)),
        Sink(supplier_payments, ("id", "number", "supplier_id", "currency", "amount", "payment_date", "method",
                                 "reference", "recorded_at", "recorded_by", "version")),
        Sink(supplier_payment_allocations, ("id", "payment_id", "position", "bill_id", "amount", "allocated_at",
                                            "allocated_by")),
        *(Sink(items, OPEN_ITEM) for items in (receivable_items, payable_items)),
        Sink(journal_entries, ("id", "number", "entry_date", "currency", "source_kind", "source_ref", "description",
                               "posted_at", "posted_by", "debit_total", "credit_total", "line_count", "version")),
        Sink(journal_lines, ("id", "entry_id", "position", "account_code", "debit", "credit", "description")),
        Sink(carts, tuple(CART.root.columns)),
        Sink(cart_recovery_months, tuple(c.name for c in cart_recovery_months.columns)),
        Sink(cart_policies, tuple(CART_POLICY.root.columns)),
        Sink(stock_levels, ("product_id", "warehouse_id", "on_hand", "reserved", "value", "unit_cost", "version")),
        Sink(sequences, ("kind", "period", "value")),
    ]
    return {sink.table.name: sink for sink in found}


class Ids:
    """Ids of 32 characters, unique per prefix: `ids.next("so")`."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = defaultdict(int)

    def next(self, prefix: str) -> str:
        self._counts[prefix] += 1
        return f"{prefix}{self._counts[prefix]:0{32 - len(prefix)}x}"


class Numbers:
    """Document numbers as oms gives them: SO-000001 from a series that never restarts, INV-2026-000001 from the
    year's gapless series; `series()` is what the sequences hold afterwards."""

    def __init__(self) -> None:
        self._values: dict[tuple[DocumentType, str], int] = defaultdict(int)

    def next(self, kind: DocumentType, day: date | None = None) -> str:
        period = "" if day is None else str(day.year)
        self._values[(kind, period)] += 1
        value = self._values[(kind, period)]
        return f"{kind.value}-{period}-{value:06d}" if period else f"{kind.value}-{value:06d}"

    def series(self) -> dict[tuple[DocumentType, str], int]:
        return dict(self._values)


@frozen
class Product:
    id: str
    sku: str
    price: int  # minor units
    cost: int  # minor units, the cost every receipt brings it in at (so the moving average stays there)


@frozen
class Master:
    branches: dict[str, tuple[str, str, int]]  # code: (id, currency, tax rate in basis points)
    warehouses: dict[str, tuple[str, str]]  # code: (id, branch code)
    suppliers: dict[str, list[str]]  # branch code: supplier ids in its currency
    customers: list[str]
    products: list[Product]


@define
class Generated:
    orders: int
    seconds: float
    rows: dict[str, int]
    master: Master


@define
class Writer:
    """Generates the documents order by order, oldest first, into the sinks."""

    rng: random.Random
    now: datetime
    master: Master
    sinks: dict[str, Sink]
    ids: Ids = field(factory=Ids)
    numbers: Numbers = field(factory=Numbers)
    stock: dict[tuple[str, str], list[int]] = field(factory=dict)  # (product, warehouse): [on hand, value]
    pending_supplier_payments: list[tuple[date, str, str, str, int]] = field(factory=list)

    # the books -------------------------------------------------------------------------------------------------

    def entry(self, day: date, at: datetime, currency: str, source: tuple[str, str], description: str,
              legs: Sequence[tuple[str, int, str]]) -> None:
        """A journal entry of `legs` (account, amount in minor units: positive a debit, description), debits
        first; legs of zero left out."""
        legs = sorted((leg for leg in legs if leg[1]), key=lambda leg: leg[1] < 0)
        if not legs:
            return
        debit = sum(amount for _, amount, _ in legs if amount > 0)
        credit = -sum(amount for _, amount, _ in legs if amount < 0)
        assert debit == credit, (source, legs)
        entry_id = self.ids.next("je")
        self.sinks["journal_entries"].add(entry_id, self.numbers.next(DocumentType.JOURNAL_ENTRY, day), day,
                                          currency, source[0], source[1], description, at, ACTOR, cents(debit),
                                          cents(credit), len(legs), 1)
        add = self.sinks["journal_lines"].add
        for position, (account, amount, text) in enumerate(legs, start=1):
            add(self.ids.next("jl"), entry_id, position, account, cents(max(amount, 0)), cents(max(-amount, 0)),
                text)

    # stock -----------------------------------------------------------------------------------------------------

    def move(self, product: Product, warehouse_id: str, kind: str, quantity: int, reference: str,
             at: datetime) -> int:
        """A movement at the product's cost; returns its value (signed like the quantity)."""
        value = quantity * product.cost
        level = self.stock.setdefault((product.id, warehouse_id), [0, 0])
        level[0] += quantity
        level[1] += value
        assert level[0] >= 0, (product.sku, warehouse_id, reference)
        self.sinks["stock_movements"].add(self.ids.next("mv"), product.id, warehouse_id, kind, quantity, reference,
                                          at, ACTOR, "", cents(value), cents(product.cost))
        return value

    def replenish(self, product: Product, branch: str, warehouse_id: str, needed: int, wanted_at: datetime) -> None:
        """A purchase order received a week before `wanted_at` (so the stock never runs short at any time),
        billed two days after the receipt and paid at its due date when that has come."""
        received_at = wanted_at - timedelta(days=7, hours=self.rng.randrange(1, 24))
        lead = self.rng.randrange(5, 12)
        created = received_at - timedelta(days=lead + self.rng.choice((-2, -1, 0, 0, 0, 1, 3)))
        quantity = max(needed, self.rng.randrange(100, 301))
        self.purchase(product, branch, warehouse_id, quantity, created, received_at)

    def purchase(self, product: Product, branch: str, warehouse_id: str, quantity: int, created: datetime,
                 received_at: datetime | None) -> None:
        branch_id, currency, rate = self.master.branches[branch]
        supplier_id = self.master.suppliers[branch][int(product.id[-4:], 16) % len(self.master.suppliers[branch])]
        net = quantity * product.cost
        tax = (net * rate + 5000) // 10000
        order_id, line_id = self.ids.next("po"), self.ids.next("pl")
        number = self.numbers.next(DocumentType.PURCHASE_ORDER)
        billed = received_at is not None and received_at + timedelta(days=2) <= self.now
        status = "ordered" if received_at is None else "received"
        self.sinks["purchase_orders"].add(order_id, number, supplier_id, branch_id, warehouse_id, currency,
                                          created, False, False, "per_line", None, None, "", status, cents(net),
                                          "0.00", cents(net), cents(tax), cents(net + tax), 1)
        self.sinks["purchase_order_lines"].add(order_id, line_id, 0, product.id, product.sku,
                                               f"Product {product.sku}", "stocked", "unit", quantity,
                                               cents(product.cost), "standard", _rate(rate), "ordered", None, None,
                                               cents(net), "0.00", "0.00", cents(net), cents(tax), cents(net + tax),
                                               quantity if billed else 0)
        if received_at is None:
            return
        receipt_id = self.ids.next("gr")
        receipt = self.numbers.next(DocumentType.GOODS_RECEIPT)
        self.sinks["goods_receipts"].add(receipt_id, order_id, 0, receipt, warehouse_id, received_at, ACTOR, "1")
        value = self.move(product, warehouse_id, "receipt", quantity, receipt, received_at)
        self.sinks["goods_receipt_lines"].add(self.ids.next("rl"), receipt_id, 0, line_id, product.id, quantity,
                                              cents(value))
        self.entry(received_at.date(), received_at, currency, ("stock", receipt), f"Stock receipt {receipt}",
                   [("1300", value, "Inventory"), ("2200", -value, "Stock receipt")])
        if not billed:
            return
        bill_at = received_at + timedelta(days=2)
        bill_day = bill_at.date()
        bill_id = self.ids.next("vb")
        bill = self.numbers.next(DocumentType.VENDOR_BILL, bill_day)
        supplier_number = f"S-{bill}"
        due = bill_day + timedelta(days=30)
        self.sinks["vendor_bills"].add(bill_id, "bill", bill, supplier_id, branch_id, currency, supplier_number,
                                       bill_day, str(bill_day.year), False, "per_line", bill_at, ACTOR, "posted",
                                       due, bill_at, ACTOR, None, f"bill/{bill_day.year}/{supplier_number}", "ok",
                                       "", None, 1)
        self.sinks["vendor_bill_lines"].add(self.ids.next("bl"), bill_id, 0, order_id, line_id, product.id,
                                            product.sku, f"Product {product.sku}", "unit", "standard", quantity,
                                            cents(product.cost), cents(product.cost), _rate(rate), None, "ok", "",
                                            cents(net), "0.00", "0.00", cents(net), cents(tax), cents(net + tax))
        self.entry(bill_day, bill_at, currency, ("vendor_bill", bill), f"Vendor bill {bill}",
                   [("2200", net, "Goods received not invoiced"), ("1400", tax, "Input tax"),
                    ("2000", -(net + tax), "Payable")])
        paid = due + timedelta(days=self.rng.randrange(-5, 10))
        settled = paid <= self.now.date() - timedelta(days=1) and self.rng.random() < 0.9
        if settled:  # paid in full by pay_suppliers
            self.pending_supplier_payments.append((paid, supplier_id, currency, bill_id, net + tax))
        self.open_item("payable_items", (bill_id, supplier_id, branch_id, currency, bill_day, due), net + tax,
                       (net + tax, paid) if settled else None)

    def open_item(self, sink: str, document: tuple[Any, ...], total: int, reduced: tuple[int, date] | None) -> None:
        """The open item of a posted invoice or bill (document: id, party, branch, currency, date, due date), reduced
        at most once (by a note or a payment: `reduced`, its amount and day), as open_items.py keeps it."""
        amount, day = reduced or (0, None)
        settled = day if reduced is not None and amount >= total else None
        self.sinks[sink].add(*document, total * UNITS, amount * UNITS, day, day, settled)

    def pay_suppliers(self, until: date | None) -> None:
        """The supplier payments due up to `until` (all: None), in the order of their days."""
        due = sorted(p for p in self.pending_supplier_payments if until is None or p[0] <= until)
        self.pending_supplier_payments = [p for p in self.pending_supplier_payments
                                          if not (until is None or p[0] <= until)]
        for day, supplier_id, currency, bill_id, amount in due:
            at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
            payment_id = self.ids.next("sp")
            number = self.numbers.next(DocumentType.SUPPLIER_PAYMENT, day)
            self.sinks["supplier_payments"].add(payment_id, number, supplier_id, currency, cents(amount), day,
                                                "bank_transfer", "", at, ACTOR, 1)
            self.sinks["supplier_payment_allocations"].add(self.ids.next("sa"), payment_id, 0, bill_id,
                                                           cents(amount), at, ACTOR)
            self.entry(day, at, currency, ("supplier_payment", number), f"Supplier payment {number}",
                       [("2000", amount, "Payment to supplier"), ("1200", -amount, "Payment to supplier")])

    # sales -----------------------------------------------------------------------------------------------------

    def lines(self, branch: str) -> list[tuple[Product, int, int, int]]:
        """1 to 3 lines: (product, quantity, net, tax), products skewed towards the first ones."""
        rate = self.master.branches[branch][2]
        found = []
        chosen: set[int] = set()
        for _ in range(self.rng.choice((1, 1, 2, 2, 2, 3))):
            index = int(len(self.master.products) * self.rng.random() ** 2.5)
            if index in chosen:
                continue
            chosen.add(index)
            product = self.master.products[index]
            quantity = self.rng.randrange(1, 11)
            net = quantity * product.price
            found.append((product, quantity, net, (net * rate + 5000) // 10000))
        return found

    def document_lines(self, sink: Sink, parent_id: str, lines: Sequence[tuple[Product, int, int, int]],
                       rate: int, extra: Callable[[int, int], tuple[Any, ...]] = lambda _p, _q: ()) -> list[str]:
        ids = []
        for position, (product, quantity, net, tax) in enumerate(lines):
            line_id = self.ids.next("ln")
            ids.append(line_id)
            sink.add(parent_id, line_id, position, product.id, product.sku, f"Product {product.sku}", "stocked", "unit",
                     quantity, cents(product.price), "standard", _rate(rate), "ordered", None, None, cents(net),
                     "0.00", "0.00", cents(net), cents(tax), cents(net + tax), *extra(position, quantity))
        return ids

    def quotation(self, customer_id: str, branch: str, created: datetime, lines: Sequence[tuple[Product, int, int,
                  int]], status: str, order_id: str | None) -> str:
        branch_id, currency, rate = self.master.branches[branch]
        quotation_id = self.ids.next("qt")
        net, tax = sum(line[2] for line in lines), sum(line[3] for line in lines)
        self.sinks["quotations"].add(quotation_id, self.numbers.next(DocumentType.QUOTATION), customer_id, branch_id,
                                     currency, created, False, False, "per_line", None, None, status, cents(net),
                                     "0.00", cents(net), cents(tax), cents(net + tax), 1,
                                     (created + timedelta(days=30)).date(), "", 1, None, None, order_id)
        self.document_lines(self.sinks["quotation_lines"], quotation_id, lines, rate)
        return quotation_id

    def order(self, created: datetime) -> None:
        rng = self.rng
        branch = "BER" if rng.random() < 0.7 else "NYC"
        branch_id, currency, rate = self.master.branches[branch]
        customer_id = self.master.customers[int(len(self.master.customers) * rng.random() ** 1.5)]
        lines = self.lines(branch)
        names, weights = zip(*(ORDER_STATUSES if created > self.now - RECENT else OLD_ORDER_STATUSES), strict=True)
        status = rng.choices(names, weights)[0]
        issue_at = created + timedelta(hours=rng.randrange(12, 72))
        invoice_at = issue_at + timedelta(hours=rng.randrange(1, 48))
        if status in SHIPPED and invoice_at > self.now:
            status = "confirmed"
        if status == "partially_issued" and len(lines) == 1 and lines[0][1] == 1:
            status = "issued"
        order_id = self.ids.next("so")
        number = self.numbers.next(DocumentType.SALES_ORDER)
        quotation_id = None
        if rng.random() < 0.2 and status not in ("draft",):
            quotation_id = self.quotation(customer_id, branch, created - timedelta(days=rng.randrange(1, 15)), lines,
                                          "converted", order_id)
        # what each line ships: everything, or (partially issued) the first line's first half
        if status in ("issued", "completed"):
            shipped = [quantity for _, quantity, _, _ in lines]
        elif status == "partially_issued":
            shipped = [lines[0][1] if len(lines) > 1 else lines[0][1] // 2] + [0] * (len(lines) - 1)
        else:
            shipped = [0] * len(lines)
        net, tax = sum(line[2] for line in lines), sum(line[3] for line in lines)
        self.sinks["sales_orders"].add(order_id, number, customer_id, branch_id, currency, created, False, False,
                                       "per_line", None, None, status, cents(net), "0.00", cents(net), cents(tax),
                                       cents(net + tax), 1, False, "0", "", quotation_id,
                                       "confirmed" if status == "on_hold" else None)
        line_ids = self.document_lines(self.sinks["order_lines"], order_id, lines, rate,
                                       lambda position, _: (shipped[position], 0, status in CLOSED))
        if branch == "BER" and status not in ("draft", "cancelled") and quotation_id is None and rng.random() < 0.14:
            self.cart(branch, created, lines, customer_id, (order_id, number))
        if not any(shipped):
            return
        warehouse_code = "NYC-1" if branch == "NYC" else ("BER-1" if rng.random() < 0.75 else "BER-2")
        warehouse_id = self.master.warehouses[warehouse_code][0]
        for (product, _, _, _), quantity in zip(lines, shipped, strict=True):
            if quantity and self.stock.get((product.id, warehouse_id), [0])[0] < quantity:
                self.replenish(product, branch, warehouse_id, quantity, issue_at)
        issue_id = self.ids.next("gi")
        issue = self.numbers.next(DocumentType.GOODS_ISSUE)
        self.sinks["goods_issues"].add(issue_id, order_id, 0, issue, warehouse_id, issue_at, ACTOR)
        cost = 0
        position = 0
        for (product, _, _, _), line_id, quantity in zip(lines, line_ids, shipped, strict=True):
            if not quantity:
                continue
            value = -self.move(product, warehouse_id, "issue", -quantity, issue, issue_at)
            cost += value
            self.sinks["goods_issue_lines"].add(self.ids.next("il"), issue_id, position, line_id, product.id,
                                                quantity, cents(value))
            position += 1
        self.entry(issue_at.date(), issue_at, currency, ("stock", issue), f"Stock issue {issue}",
                   [("5000", cost, "Stock issue"), ("1300", -cost, "Inventory")])
        if status == "completed":
            self.invoice(order_id, customer_id, branch, lines, line_ids, invoice_at)

    def invoice(self, order_id: str, customer_id: str, branch: str, lines: Sequence[tuple[Product, int, int, int]],
                line_ids: Sequence[str], at: datetime) -> None:
        rng = self.rng
        branch_id, currency, rate = self.master.branches[branch]
        day = at.date()
        invoice_id = self.ids.next("in")
        number = self.numbers.next(DocumentType.INVOICE, day)
        self.sinks["invoices"].add(invoice_id, "invoice", number, customer_id, branch_id, currency, False,
                                   "per_line", at, "posted", day, at, ACTOR, None, day + timedelta(days=30), 1)
        invoice_line_ids = []
        for position, ((product, quantity, net, tax), line_id) in enumerate(zip(lines, line_ids, strict=True)):
            invoice_line_id = self.ids.next("vl")
            invoice_line_ids.append(invoice_line_id)
            self.sinks["invoice_lines"].add(invoice_line_id, invoice_id, position, order_id, line_id, product.sku,
                                            f"Product {product.sku}", "unit", "standard", quantity,
                                            cents(product.price), _rate(rate), cents(net), "0.00", "0.00",
                                            cents(net), cents(tax), cents(net + tax))
        net, tax = sum(line[2] for line in lines), sum(line[3] for line in lines)
        total = net + tax
        self.entry(day, at, currency, ("invoice", number), f"Invoice {number}", self.invoice_legs(lines, 1))
        today = self.now.date()
        item = (invoice_id, customer_id, branch_id, currency, day, day + timedelta(days=30))
        if rng.random() < 0.03:  # credited in full
            credited_at = at + timedelta(days=rng.randrange(5, 30))
            if credited_at <= self.now:
                credit_day = credited_at.date()
                note_id = self.ids.next("cn")
                note = self.numbers.next(DocumentType.CREDIT_NOTE, credit_day)
                self.sinks["invoices"].add(note_id, "credit_note", note, customer_id, branch_id, currency, False,
                                           "per_line", credited_at, "posted", credit_day, credited_at, ACTOR,
                                           invoice_id, credit_day, 1)
                for position, ((product, quantity, line_net, line_tax), source) in enumerate(
                        zip(lines, invoice_line_ids, strict=True)):
                    self.sinks["invoice_lines"].add(self.ids.next("vl"), note_id, position, invoice_id, source,
                                                    product.sku, f"Product {product.sku}", "unit", "standard",
                                                    quantity, cents(product.price), _rate(rate), cents(line_net),
                                                    "0.00", "0.00", cents(line_net), cents(line_tax),
                                                    cents(line_net + line_tax))
                self.entry(credit_day, credited_at, currency, ("credit_note", note), f"Credit note {note}",
                           self.invoice_legs(lines, -1))
                self.open_item("receivable_items", item, total, (total, credit_day))
                return
        paid_day = day + timedelta(days=rng.randrange(3, 50))
        if paid_day < today and rng.random() < 0.85:
            amount = total if rng.random() < 0.9 else total // 2
            paid_at = datetime(paid_day.year, paid_day.month, paid_day.day, 9, tzinfo=UTC)
            payment_id = self.ids.next("pm")
            payment = self.numbers.next(DocumentType.PAYMENT, paid_day)
            self.sinks["payments"].add(payment_id, payment, customer_id, currency, cents(amount), paid_day,
                                       "bank_transfer", number, paid_at, ACTOR, 1)
            self.sinks["payment_allocations"].add(self.ids.next("pa"), payment_id, 0, invoice_id, cents(amount),
                                                  paid_at, ACTOR)
            self.entry(paid_day, paid_at, currency, ("payment", payment), f"Payment {payment}",
                       [("1200", amount, "Payment received"), ("1100", -amount, "Allocated to invoices")])
            self.open_item("receivable_items", item, total, (amount, paid_day))
        else:
            self.open_item("receivable_items", item, total, None)

    @staticmethod
    def invoice_legs(lines: Sequence[tuple[Product, int, int, int]], sign: int) -> list[tuple[str, int, str]]:
        net, tax = sum(line[2] for line in lines), sum(line[3] for line in lines)
        legs = [("1100", sign * (net + tax), "Receivable")]
        by_sku: dict[str, int] = defaultdict(int)
        for product, _, line_net, _ in lines:
            by_sku[product.sku] += line_net
        legs += [("4000", -sign * amount, f"Revenue {sku}") for sku, amount in by_sku.items()]
        legs.append(("2100", -sign * tax, "Tax"))
        return legs

    def cart(self, branch: str, at: datetime, lines: Sequence[tuple[Product, int, int, int]],
             customer_id: str | None = None, order: tuple[str, str] | None = None) -> None:
        """A customer's cart checked out into `order` at `at` (a third of them after a recovery message), or an
        anonymous visitor's left at `at`: recovery messages at 1 h and 24 h once idle (those due by now), expired
        after 30 days idle."""
        rng = self.rng
        created = at - timedelta(minutes=rng.randrange(5, 600)) if order else at
        cart_lines = [CartLine(id=self.ids.next("cl"), product_id=product.id, sku=product.sku,
                               quantity=Decimal(quantity)) for product, quantity, _, _ in lines]
        cart_id = self.ids.next("ca")
        email = None if order else f"visitor{cart_id[-8:]}@example.com"
        reminders = []
        closed: datetime | None
        if order is not None:
            status, last, closed = CartStatus.CONVERTED, at, at
            if rng.random() < 0.33:
                created = at - timedelta(hours=rng.randrange(2, 30))
                reminders.append(Reminder(stage=1, email="customer@example.com",
                                          claimed_at=created + timedelta(hours=1),
                                          sent_at=created + timedelta(hours=1, seconds=5)))
        else:
            last = at + timedelta(minutes=rng.randrange(1, 30))
            expired = last + timedelta(days=30)
            status, closed = (CartStatus.EXPIRED, expired) if expired <= self.now else (CartStatus.ACTIVE, None)
            for stage, delay in ((1, timedelta(hours=1)), (2, timedelta(days=1))):
                if last + delay <= self.now:
                    assert email is not None
                    reminders.append(Reminder(stage=stage, email=email, claimed_at=last + delay,
                                              sent_at=last + delay + timedelta(seconds=5)))
        branch_id, currency, _ = self.master.branches[branch]
        worth = Decimal(cents(sum(net for _, _, net, _ in lines)))  # the checkout's net: the lines' at list prices
        first: dict[date, datetime] = {}
        for reminder in reminders:
            first.setdefault(month_of(reminder.claimed_at), reminder.claimed_at)
        months = [RecoveryMonth(month=month, claimed_at=claimed, currency=currency, value=worth,
                                order_value=worth if order else None, recovered=order is not None and at >= claimed)
                  for month, claimed in first.items()]
        cart = Cart(id=cart_id, branch_id=branch_id, customer_id=customer_id if order else None,
                    token_hash=None if order else f"th{cart_id}", email=email, status=status, lines=cart_lines,
                    created_at=created, last_activity_at=last, reminders=reminders, recovery_months=months,
                    order_id=order[0] if order else None, order_number=order[1] if order else None,
                    closed_at=closed, version=1)
        self.sinks["carts"].add_row(CART.root.values(cart))
        for position, month in enumerate(months):  # the months of its messages, as claiming them records them
            self.sinks["cart_recovery_months"].add_row({**RECOVERY_MONTHS.values(month), "cart_id": cart_id,
                                                        "position": position})

    def open_quotation(self, created: datetime) -> None:
        branch = "BER" if self.rng.random() < 0.7 else "NYC"
        customer_id = self.master.customers[self.rng.randrange(len(self.master.customers))]
        expired = (created + timedelta(days=30)) < self.now
        status = self.rng.choices(("rejected", "expired"), (40, 60))[0] if expired else \
            self.rng.choices(("sent", "draft"), (70, 30))[0]
        self.quotation(customer_id, branch, created, self.lines(branch), status, None)


def _rate(basis_points: int) -> str:
    return str(Decimal(basis_points) / 10000)


def _setup(url: str) -> tuple[dict[str, tuple[str, str, int]], dict[str, tuple[str, str]], dict[str, list[str]]]:
    """Branches, tax rates, warehouses and suppliers through oms's own commands."""
    database = SqlDatabase.from_url(url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        branches = {}
        for code, name, currency, jurisdiction, rate in BRANCHES:
            branch_id = system.handle(oms.CreateBranch(code=code, name=name, currency=currency,
                                                       tax_jurisdiction=jurisdiction))
            system.handle(oms.SetTaxRate(jurisdiction=jurisdiction, category=oms.TaxCategory.STANDARD, rate=rate))
            branches[code] = (branch_id, currency, int(Decimal(rate) * 10000))
        warehouses = {code: (system.handle(oms.CreateWarehouse(code=code, name=name, branch_code=branch)), branch)
                      for code, name, branch in WAREHOUSES}
        suppliers: dict[str, list[str]] = {"BER": [], "NYC": []}
        for number in range(1, SUPPLIERS + 1):
            usd = number > SUPPLIERS - USD_SUPPLIERS
            supplier_id = system.handle(oms.CreateSupplier(code=f"SUP-{number:02}", name=f"Supplier {number}",
                                                           currency="USD" if usd else "EUR",
                                                           payment_terms="net 30", lead_time_days=7))
            suppliers["NYC" if usd else "BER"].append(supplier_id)
    finally:
        database.dispose()
    return branches, warehouses, suppliers


PLANS = (("SAAS-BASIC", "Basic", "29.00", "EUR", oms.IntervalUnit.MONTH, "BER"),
         ("SAAS-PRO", "Pro, yearly", "990.00", "EUR", oms.IntervalUnit.YEAR, "BER"),
         ("SAAS-US", "US monthly", "35.00", "USD", oms.IntervalUnit.MONTH, "NYC"))


STEP = 7  # days the subscriptions' clock moves at a time (the renewal job renews every period due by its day)


def subscribe(url: str, count: int, start: datetime, now: datetime, rng: random.Random,
              progress: Callable[[str], None] = lambda _: None) -> int:
    """`count` subscriptions through oms's own commands, its clock moved a week (STEP) at a time from `start` to
    `now`: started on random weeks, some raised in quantity or cancelled at a period's end, renewed every week by
    the renewal job as the scheduler would (every day: renewals a few days late). Returns how many."""
    clock = oms.FixedClock(start.replace(hour=6, minute=0, second=0))
    database = SqlDatabase.from_url(url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work, clock=clock)
        for code, name, price, currency, unit, _ in PLANS:
            system.handle(oms.CreateProduct(sku=code, name=name, price=price, currency=currency,
                                            kind=oms.ProductKind.SERVICE))
            system.handle(oms.CreatePlan(code=code, name=name, currency=currency, interval=unit,
                                         lines=(oms.PlanLineInput(sku=code, quantity="1", unit_price=price),)))
        days = (now - clock.now()).days
        plans: dict[int, list[tuple[str, str, str]]] = defaultdict(list)  # day: (customer, plan, branch) starting
        for _ in range(count):
            code, _, _, _, _, branch = rng.choices(PLANS, (60, 15, 25))[0]
            plans[rng.randrange(0, days - 1) // STEP * STEP].append(
                (f"CUST-{rng.randrange(1, CUSTOMERS + 1):04}", code, branch))
        later: dict[int, list[oms.Command[Any]]] = defaultdict(list)  # day: changes to make
        for day in range(0, days, STEP):
            today = clock.now().date()
            for customer, code, branch in plans.get(day, ()):
                subscription_id = system.handle(oms.Subscribe(customer_code=customer, branch_code=branch,
                                                              plan_code=code, start_day=today))
                if rng.random() < 0.2:
                    later[(day + rng.randrange(10, 200)) // STEP * STEP].append(oms.ChangeQuantity(
                        subscription_id=subscription_id, sku=code, quantity=str(rng.randrange(2, 6))))
                if rng.random() < 0.25:
                    later[(day + rng.randrange(30, 500)) // STEP * STEP].append(oms.CancelSubscription(
                        subscription_id=subscription_id, at_period_end=True, reason="churned"))
            for command in later.pop(day, ()):
                with contextlib.suppress(oms.DomainError):  # cancelled or ended before: it no longer applies
                    system.handle(command)
            renewed = oms.renew_due_subscriptions(system, today, actor=ACTOR)
            if renewed.failed:
                raise RuntimeError(f"renewals failed on {today}: {renewed.failed}")
            if day % 182 < STEP:
                progress(f"  n. subscriptions: day {day + 1} of {days}")
            clock.advance(timedelta(days=STEP))
    finally:
        database.dispose()
    return count


def conninfo_of(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


ORDER = ("customers", "products", "accounts", "quotations", "quotation_lines", "sales_orders", "order_lines",
         "purchase_orders", "purchase_order_lines", "goods_receipts", "goods_receipt_lines", "goods_issues",
         "goods_issue_lines", "stock_levels", "stock_movements", "invoices", "invoice_lines", "payments",
         "payment_allocations", "receivable_items", "vendor_bills", "vendor_bill_lines", "supplier_payments",
         "supplier_payment_allocations", "payable_items", "journal_entries", "journal_lines", "carts",
         "cart_recovery_months", "cart_policies", "sequences")


# What the open items add up to per party, as the triggers of migration 0039 keep it (off while loading).
BALANCES = ("INSERT INTO {side}_balances (party_id, branch_id, currency, documents, owed) "
            "SELECT party_id, branch_id, currency, COUNT(*), SUM(total - reduced) FROM {side}_items "
            "WHERE settled_on IS NULL GROUP BY party_id, branch_id, currency")
# The quotations' days from the quotations, as the triggers of migration 0041 keep them (off while loading).
QUOTATION_DAYS = fill_statement("postgresql")


def generate(url: str, orders: int, *, seed: int = 19, now: datetime | None = None,
             progress: Callable[[str], None] = lambda _: None) -> Generated:
    """Write `orders` sales orders and everything around them (see the module's docstring) into the migrated,
    empty database at `url`; ends with VACUUM ANALYZE."""
    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    rng = random.Random(seed)
    branches, warehouses, suppliers = _setup(url)
    sinks = _sinks()
    customer_ids = [f"cu{number:030x}" for number in range(1, CUSTOMERS + 1)]
    for number, customer_id in enumerate(customer_ids, start=1):
        sinks["customers"].add(customer_id, f"CUST-{number:04}", f"Customer {number}", f"c{number}@example.com",
                               *([""] * 5), "DE", *([""] * 5), "DE", False, "", True, "net 30", 1)
    catalogue = []
    for number in range(1, PRODUCTS + 1):
        price = rng.randrange(500, 50_000)
        product = Product(id=f"pr{number:030x}", sku=f"SKU-{number:04}", price=price,
                          cost=price * rng.randrange(50, 75) // 100)
        catalogue.append(product)
        sinks["products"].add(product.id, product.sku, f"Product {number}", "stocked", "unit", cents(price), "EUR",
                              "standard", True, "ordered", 1,
                              *((CATEGORIES[number % len(CATEGORIES)],) if HAS_CATEGORY else ()))
    for account in DEFAULT_CHART:
        sinks["accounts"].add(f"ac{account.code:>030}", account.code, account.name, account.type.value, True, 1)
    master = Master(branches=branches, warehouses=warehouses, suppliers=suppliers, customers=customer_ids,
                    products=catalogue)
    writer = Writer(rng=rng, now=now, master=master, sinks=sinks)
    start = now - timedelta(days=SPAN_DAYS)
    step = (now - timedelta(hours=1) - start) / max(orders, 1)
    for branch_id, _, _ in branches.values():  # recovery on from the start
        sinks["cart_policies"].add_row(CART_POLICY.root.values(CartPolicy(branch_id=branch_id, recovery_since=start,
                                                                          version=1)))
    copier = Copier(conninfo_of(url))
    try:
        for index in range(orders):
            created = start + step * index
            writer.order(created)
            if rng.random() < 0.15:
                writer.open_quotation(created)
            if rng.random() < 0.12:  # a visitor's cart, left (carts only in BER: the list prices are in EUR)
                writer.cart("BER", created, writer.lines("BER"))
            if (index + 1) % CHUNK == 0:
                writer.pay_suppliers(created.date())
                copier.send(sinks[name] for name in ORDER)
                progress(f"  n. {index + 1:,} orders written ({time.perf_counter() - started:.0f} s)")
        writer.pay_suppliers(None)
        for product in catalogue[::10]:  # open commitments: ordered, not received yet
            for code, (warehouse_id, branch) in warehouses.items():
                if code != "BER-2":
                    writer.purchase(product, branch, warehouse_id, rng.randrange(50, 200),
                                    now - timedelta(days=rng.randrange(1, 20)), None)
        costs = {product.id: product.cost for product in catalogue}
        for (product_id, warehouse_id), (on_hand, value) in writer.stock.items():
            sinks["stock_levels"].add(product_id, warehouse_id, on_hand, 0, cents(value), cents(costs[product_id]), 1)
        series = writer.numbers.series()
        for (kind, period), value in series.items():
            if kind.gapless:
                sinks["sequences"].add(kind.value, period, value)
        copier.send(sinks[name] for name in ORDER)
    except BaseException:
        copier.finish([], commit=False)
        raise
    copier.finish([*(f"SELECT setval('{sequence_name(kind)}', {value})" for (kind, period), value in series.items()
                     if not kind.gapless and not period),
                   *(BALANCES.format(side=side) for side in ("receivable", "payable")),
                   QUOTATION_DAYS])
    with psycopg.connect(conninfo_of(url), autocommit=True) as maintenance:
        # the statistics of what was loaded, for the plans of oms's own statements that follow (a renewal's posting
        # refreshes its open item by index; planned blind, each took a parallel scan)
        maintenance.execute("ANALYZE")
    subscribed = subscribe(url, max(25, orders // 2000), start, now, rng, progress)
    progress(f"  n. {subscribed:,} subscriptions renewed over two years ({time.perf_counter() - started:.0f} s)")
    with psycopg.connect(conninfo_of(url), autocommit=True) as maintenance:
        maintenance.execute("VACUUM ANALYZE")
    return Generated(orders=orders, seconds=time.perf_counter() - started,
                     rows={name: sink.written for name, sink in sinks.items()}, master=master)
