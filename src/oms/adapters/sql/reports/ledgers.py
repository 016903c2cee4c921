"""Purchase and sales ledger figures aggregated by the database: bill lines joined to their one bill (no fan-out),
and every other child table (receipts, returns) summed per document on its own before it is joined. SQLite sums its
exact decimals (kept as text) as floats: exact far beyond the cent, the sums are rounded back to the cent (or to the
quantity's places) here. The ageing reads the open items of receivables and payables (invoicing/open_items.py),
whose amounts are whole ten-thousandths, summed exactly on both databases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    bindparam,
    case,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.open_items import PAYABLES, RECEIVABLES, OpenItems, reduced_by
from oms.adapters.sql.invoicing.tables import vendor_bill_lines, vendor_bills
from oms.adapters.sql.masterdata.tables import branches, customers, products, suppliers
from oms.adapters.sql.procurement.tables import (
    goods_receipt_lines,
    goods_receipts,
    purchase_order_history,
    purchase_order_lines,
    purchase_orders,
    supplier_returns,
)
from oms.adapters.sql.reports.ageing import AgeingPart, ageing_statement
from oms.adapters.sql.reports.lines import in_category
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import AMOUNT
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.domain.reports.ledgers import AGEING_BUCKETS, OPEN_ORDER_STATUSES, ORDERED, bucket_floors
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Currency
from oms.ports.reports.ledgers import (
    AgeingKey,
    LedgerFilter,
    OpenAmounts,
    OpenPurchaseLine,
    Punctuality,
    SpendFigure,
    SpendKey,
)

QUANTUM = Decimal("0.000001")
ZERO = Decimal(0)  # a bucket nothing owes in
CHUNK = 512  # documents per statement reading what reduced them
GOODS = [kind for kind in ProductKind if kind.ships]
PURCHASE_FILTERS = ("branch_id", "supplier_id", "product_id", "category")
"""The filters of the purchasing figures (spend, commitments, punctuality); a category is a line's product's."""


def _money(units: int, money: Currency) -> Decimal:
    """Ten-thousandths as an amount of the currency, rounded half up to its minor unit; whole minor units (nearly
    every sum) without Decimal's rounding (10,000 of them make an ageing by customer)."""
    if not units:
        return ZERO
    step = 10 ** (AMOUNT - money.minor_units)
    if units % step == 0:
        return Decimal(units // step).scaleb(-money.minor_units)
    return money.round(Decimal(units).scaleb(-AMOUNT))


def _amount(value: Any, currency: str) -> Decimal:
    return Currency.of(currency).round(Decimal(str(value)))


def _quantity(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(QUANTUM).normalize()


def _day(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _present(scope: LedgerFilter, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in names if getattr(scope, name) is not None)


def _ordered_at() -> Any:
    """When the order first became ordered (a correlated subquery on its audit trail's primary key); when it was
    made, for an order whose trail does not say (loaded from elsewhere)."""
    h, o = purchase_order_history.c, purchase_orders.c
    return func.coalesce(select(func.min(h.at)).where(h.document_id == o.id, h.to_status == ORDERED)
                         .scalar_subquery(), o.created_at)


class SqlLedgerFigures:
    _transaction: Transaction

    def _days_between(self, later: Any, earlier: Any) -> ColumnElement[int]:
        """Whole days from the UTC day of `earlier` to the UTC day of `later`."""
        if self._transaction.is_postgres:
            return type_coerce(cast(func.timezone("UTC", later), Date) - cast(func.timezone("UTC", earlier), Date),
                               Integer)
        return cast(func.julianday(func.date(later)) - func.julianday(func.date(earlier)), Integer)

    def purchase_spend(self, first: date, end: date, key: SpendKey, scope: LedgerFilter) -> Sequence[SpendFigure]:
        b, line, branch = vendor_bills.c, vendor_bill_lines.c, branches.c
        present = _present(scope, PURCHASE_FILTERS)

        def build() -> Any:
            group: Any
            code: Any
            name: Any
            if key is SpendKey.SUPPLIER:
                group, code, name = b.supplier_id, suppliers.c.code, suppliers.c.name
            elif key is SpendKey.PRODUCT:
                group, code, name = line.product_id, products.c.sku, products.c.name
            elif key is SpendKey.BRANCH:
                group, code, name = b.branch_id, branch.code, branch.name
            else:
                group, code, name = literal(""), literal(""), literal("")
            day = b.bill_date if key is SpendKey.DAY else case((b.currency == branch.currency, None),
                                                                 else_=b.bill_date)
            joined = vendor_bill_lines.join(vendor_bills, b.id == line.bill_id).join(branches, branch.id == b.branch_id)
            if key is SpendKey.SUPPLIER:
                joined = joined.join(suppliers, suppliers.c.id == b.supplier_id)
            elif key is SpendKey.PRODUCT:
                joined = joined.join(products, products.c.id == line.product_id)
            bill = b.kind == BillKind.BILL
            statement = (select(group.label("key"), code.label("code"), name.label("name"), b.currency,
                                branch.currency.label("branch_currency"), day.label("day"),
                                func.sum(case((bill, number(line.net)), else_=0)).label("billed"),
                                func.sum(case((bill, 0), else_=number(line.net))).label("debited"),
                                func.count(distinct(case((bill, b.id)))).label("bills"))
                         .select_from(joined)
                         .where(b.status == BillStatus.POSTED, b.bill_date >= bindparam("first", type_=Date),
                                b.bill_date < bindparam("end", type_=Date)))
            for name_, column in (("branch_id", b.branch_id), ("supplier_id", b.supplier_id),
                                  ("product_id", line.product_id)):
                if name_ in present:
                    statement = statement.where(column == bindparam(name_))
            if "category" in present:
                statement = statement.where(in_category(line.product_id))
            return statement.group_by(group, code, name, b.currency, branch.currency, day)

        statement = self._transaction.compiler.get(("reports", "purchase_spend", key, present), build)
        rows = self._transaction.run(statement, {"first": first, "end": end,
                                                 **{name: getattr(scope, name) for name in present}})
        return [SpendFigure(key=row["key"], code=row["code"], name=row["name"], currency=row["currency"],
                            branch_currency=row["branch_currency"], day=_day(row["day"]),
                            billed=_amount(row["billed"], row["currency"]),
                            debited=_amount(row["debited"], row["currency"]), bills=int(row["bills"]))
                for row in rows]

    def open_purchase_lines(self, scope: LedgerFilter) -> Sequence[OpenPurchaseLine]:
        o, line = purchase_orders.c, purchase_order_lines.c
        present = _present(scope, PURCHASE_FILTERS)

        def build() -> Any:
            came = (select(func.coalesce(func.sum(number(goods_receipt_lines.c.quantity)), 0))
                    .where(goods_receipt_lines.c.line_id == line.id).scalar_subquery())
            went = (select(func.coalesce(func.sum(number(supplier_returns.c.quantity)), 0))
                    .where(supplier_returns.c.purchase_order_id == o.id, supplier_returns.c.line_id == line.id)
                    .scalar_subquery())
            statement = (select(o.id, o.number, o.supplier_id, suppliers.c.code.label("supplier_code"),
                                suppliers.c.name.label("supplier_name"), suppliers.c.lead_time_days, line.product_id,
                                line.sku, products.c.name.label("product_name"), o.currency,
                                branches.c.currency.label("branch_currency"), _ordered_at().label("ordered_at"),
                                line.quantity, (came - went).label("received"), line.net)
                         .select_from(purchase_order_lines.join(purchase_orders, o.id == line.purchase_order_id)
                                      .join(suppliers, suppliers.c.id == o.supplier_id)
                                      .join(branches, branches.c.id == o.branch_id)
                                      .join(products, products.c.id == line.product_id))
                         # a received order has every goods line in full (a return that takes some back makes it
                         # partially received again): only ordered and partially received orders are read, by status
                         .where(or_(*(o.status == PurchaseOrderStatus(s) for s in sorted(
                             OPEN_ORDER_STATUSES - {PurchaseOrderStatus.RECEIVED}))),
                                or_(*(line.kind == kind for kind in GOODS))))
            for name, column in (("branch_id", o.branch_id), ("supplier_id", o.supplier_id),
                                 ("product_id", line.product_id)):
                if name in present:
                    statement = statement.where(column == bindparam(name))
            if "category" in present:
                statement = statement.where(in_category(line.product_id))
            return statement.order_by(o.number, line.position)

        statement = self._transaction.compiler.get(("reports", "open_purchase_lines", present), build)
        rows = self._transaction.run(statement, {name: getattr(scope, name) for name in present})
        return [OpenPurchaseLine(
            purchase_order_id=row["id"], number=row["number"], supplier_id=row["supplier_id"],
            supplier_code=row["supplier_code"], supplier_name=row["supplier_name"], product_id=row["product_id"],
            sku=row["sku"], product_name=row["product_name"], currency=row["currency"],
            branch_currency=row["branch_currency"], ordered_on=row["ordered_at"].date(),
            lead_time_days=row["lead_time_days"], quantity=row["quantity"], received=_quantity(row["received"]),
            net=row["net"]) for row in rows]

    def receipt_punctuality(self, first: date, end: date, scope: LedgerFilter) -> Sequence[Punctuality]:
        o, r, rl = purchase_orders.c, goods_receipts.c, goods_receipt_lines.c
        present = _present(scope, PURCHASE_FILTERS)

        def build() -> Any:
            late = self._days_between(r.received_at, _ordered_at()) - suppliers.c.lead_time_days
            each = (select(o.supplier_id, rl.quantity, late.label("days_late"))
                    .select_from(goods_receipt_lines.join(goods_receipts, r.id == rl.goods_receipt_id)
                                 .join(purchase_orders, o.id == r.purchase_order_id)
                                 .join(suppliers, suppliers.c.id == o.supplier_id))
                    .where(r.received_at >= bindparam("since", type_=r.received_at.type),
                           r.received_at < bindparam("until", type_=r.received_at.type)))
            for name, column in (("branch_id", o.branch_id), ("supplier_id", o.supplier_id),
                                 ("product_id", rl.product_id)):
                if name in present:
                    each = each.where(column == bindparam(name))
            if "category" in present:
                each = each.where(in_category(rl.product_id))
            lines = each.subquery()
            return (select(lines.c.supplier_id, suppliers.c.code, suppliers.c.name, lines.c.days_late,
                           func.count().label("lines"), func.sum(number(lines.c.quantity)).label("quantity"))
                    .join(suppliers, suppliers.c.id == lines.c.supplier_id)
                    .group_by(lines.c.supplier_id, suppliers.c.code, suppliers.c.name, lines.c.days_late)
                    .order_by(lines.c.supplier_id, lines.c.days_late))

        statement = self._transaction.compiler.get(("reports", "receipt_punctuality", present), build)
        rows = self._transaction.run(statement, {"since": _midnight(first), "until": _midnight(end),
                                                 **{name: getattr(scope, name) for name in present}})
        return [Punctuality(supplier_id=row["supplier_id"], supplier_code=row["code"], supplier_name=row["name"],
                            days_late=int(row["days_late"]), lines=int(row["lines"]),
                            quantity=_quantity(row["quantity"])) for row in rows]

    def receivables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        party = customers if key is AgeingKey.PARTY else branches
        return self._aged(RECEIVABLES, as_of, key, party, scope, _present(scope, ("branch_id", "customer_id")))

    def payables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        party = suppliers if key is AgeingKey.PARTY else branches
        return self._aged(PAYABLES, as_of, key, party, scope, _present(scope, ("branch_id", "supplier_id")))

    def _aged(self, side: OpenItems, as_of: date, key: AgeingKey, party: Any, scope: LedgerFilter,
              present: tuple[str, ...]) -> list[OpenAmounts]:
        """The open items that owe on the day, each with what it owes that day in its bucket by due date, summed per
        group, currency and bucket (reports/ageing.py says how they are read: what the open items add up to less
        the few changed after the day, the items due in the day's last 90 days or later by bucket, the rest over
        90 days). What an item owes is its total less what it was reduced by up to the day: all or nothing of
        `reduced`, but for an item reduced both before and after the day (rare), whose reductions up to the day are
        read from the documents by one more statement."""
        statements = [self._transaction.compiler.get(("reports", side.items.name, key, present, part),
                                                     partial(ageing_statement, side, key, party, present, part,
                                                             postgres=self._transaction.is_postgres))
                      for part in AgeingPart]
        values = {"as_of": as_of, **{f"floor_{n}": day for n, day in enumerate(bucket_floors(as_of))},
                  **{name: getattr(scope, name) for name in present}}
        found = dict(zip(AgeingPart, self._transaction.run_together([(statement, values)
                                                                      for statement in statements]), strict=True))
        names = {row["key"]: (row["code"], row["name"]) for part in AgeingPart if part is not AgeingPart.CHANGED
                 for row in found[part]}
        index = {bucket: place for place, bucket in enumerate(AGEING_BUCKETS)}
        over = len(AGEING_BUCKETS) - 1
        counted: dict[tuple[str, str], list[int]] = {}  # (group, currency) -> documents by bucket, then units by bucket

        def add(group: str, currency: str, bucket: int, documents: int, amount: int) -> None:
            sums = counted.get((group, currency))
            if sums is None:
                sums = counted[(group, currency)] = [0] * (2 * len(AGEING_BUCKETS))
            sums[bucket] += documents
            sums[len(AGEING_BUCKETS) + bucket] += amount

        for row in found[AgeingPart.BALANCES]:
            add(row["key"], row["currency"], over, int(row["documents"]), int(row["residual"]))
        for row in found[AgeingPart.CHANGED]:  # the balances less these and the recent items: over 90 days
            add(row["key"], row["currency"], over, -int(row["documents"]), -int(row["residual"]))
        buckets = len(AGEING_BUCKETS)
        recent = [(f"documents_{n}", f"residual_{n}") for n in range(buckets - 1)]
        for row in found[AgeingPart.RECENT]:
            sums = counted.get((row["key"], row["currency"]))
            if sums is None:
                sums = counted[(row["key"], row["currency"])] = [0] * (2 * buckets)
            for bucket, (documents_column, residual_column) in enumerate(recent):
                documents = row[documents_column]
                if documents:
                    amount = int(row[residual_column])
                    sums[bucket] += documents
                    sums[buckets + bucket] += amount
                    sums[over] -= documents
                    sums[buckets + over] -= amount
        for part in (AgeingPart.UNREDUCED, AgeingPart.SETTLED):
            for row in found[part]:
                add(row["key"], row["currency"], index[row["bucket"]], int(row["documents"]), int(row["residual"]))
        straddling = found[AgeingPart.STRADDLING]
        reduced = self._reduced_by(side, as_of, [row["document_id"] for row in straddling])
        for row in straddling:
            add(row["key"], row["currency"], index[row["bucket"]], 1,
                int(row["residual"]) - reduced.get(row["document_id"], 0))
        found_amounts = []
        for (group, currency), sums in counted.items():
            counts = tuple(sums[:len(AGEING_BUCKETS)])
            if any(counts):
                money = Currency.of(currency)
                found_amounts.append(OpenAmounts(
                    key=group, code=names[group][0], name=names[group][1], currency=currency, documents=counts,
                    residuals=tuple(_money(units, money) for units in sums[len(AGEING_BUCKETS):])))
        return found_amounts

    def _reduced_by(self, side: OpenItems, as_of: date, ids: list[str]) -> dict[str, int]:
        """What the documents' notes and payments dated on or before the day took off each of them, in units (their
        ids padded to a power of two, so few statements are compiled)."""
        found: dict[str, int] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            size = 1 << (len(chunk) - 1).bit_length()
            padded = chunk + [chunk[-1]] * (size - len(chunk))
            statement = self._transaction.compiler.get(
                ("reports", side.items.name, "reduced by", size),
                partial(reduced_by, side, size, postgres=self._transaction.is_postgres))
            for row in self._transaction.run(statement, {"as_of": as_of, **{f"n{index}": value
                                                                            for index, value in enumerate(padded)}}):
                found[row["document_id"]] = int(row["reduced"])
        return found
