"""What documents post, as legs by role: pure functions of plain values, so other contexts' processes call them
without this context knowing their documents.

A leg is an amount for a role (positive a debit, negative a credit) with the scopes that may override the role's
account; `journal_lines` resolves the accounts and merges the legs into an entry's lines.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from decimal import Decimal

from attrs import frozen

from oms.domain.accounting.accounts import AccountRole, ScopeKind, resolve, tax_scope
from oms.domain.accounting.journal import JournalLine
from oms.domain.shared.errors import refuse

ROUNDING_ALLOWANCE = Decimal("0.05")
"""The most a document's total may differ from the sum of its nets and taxes before the difference is an error
rather than a rounding difference (a few cents over many lines rounded one by one)."""

Scopes = tuple[tuple[ScopeKind, str], ...]


@frozen
class Leg:
    role: AccountRole
    amount: Decimal
    scopes: Scopes = ()
    description: str = ""


@frozen
class RevenueLine:
    """An invoice line as its posting needs it: its net, its product (SKU) and tax category."""

    net: Decimal
    sku: str = ""
    tax_category: str = ""


@frozen
class TaxAmount:
    """An invoice's tax of one rate, as the invoice states it."""

    category: str
    rate: Decimal
    tax: Decimal


def invoice_legs(*, grand_total: Decimal, lines: Sequence[RevenueLine], taxes: Sequence[TaxAmount],
                 credit_note: bool = False, allowance: Decimal = ROUNDING_ALLOWANCE) -> list[Leg]:
    """An invoice: Dr receivable its total / Cr revenue each line's net / Cr tax payable each rate's tax; a credit
    note the reverse. A difference within `allowance` goes to the rounding account; a larger one is refused
    (InvoiceEntryDoesNotBalance)."""
    sign = Decimal(-1) if credit_note else Decimal(1)
    legs = [Leg(AccountRole.RECEIVABLE, sign * grand_total, description="Receivable")]
    legs += [Leg(AccountRole.REVENUE, -sign * line.net, ((ScopeKind.PRODUCT, line.sku),
                                                         (ScopeKind.CATEGORY, line.tax_category)), "Revenue")
             for line in lines]
    legs += [Leg(AccountRole.TAX_PAYABLE, -sign * tax.tax, ((ScopeKind.TAX, tax_scope(tax.category, tax.rate)),),
                 f"Tax {tax.category} {tax.rate.normalize():f}") for tax in taxes]
    residual = sum((leg.amount for leg in legs), Decimal(0))
    if abs(residual) > allowance:
        raise refuse("InvoiceEntryDoesNotBalance", f"the total differs from its nets and taxes by {residual}")
    if residual:
        legs.append(Leg(AccountRole.ROUNDING, -residual, description="Rounding difference"))
    return legs


def payment_legs(amount: Decimal, unallocated: Decimal = Decimal(0)) -> list[Leg]:
    """A payment received: Dr bank / Cr receivable, the part not allocated to invoices Cr customer credit."""
    return [Leg(AccountRole.BANK, amount, description="Payment received"),
            Leg(AccountRole.RECEIVABLE, -(amount - unallocated), description="Allocated to invoices"),
            Leg(AccountRole.CUSTOMER_CREDIT, -unallocated, description="Customer credit")]


def bill_legs(*, grand_total: Decimal, net_total: Decimal, grni: Decimal, taxes: Sequence[TaxAmount],
              debit_note: bool = False, allowance: Decimal = ROUNDING_ALLOWANCE) -> list[Leg]:
    """A vendor bill: Dr goods received not invoiced `grni` (its lines at the order's cost) / Dr purchase price
    difference what the net differs from that / Dr input tax each rate's tax / Cr accounts payable its total; a
    debit note the reverse. A difference between the total and its net and taxes within `allowance` goes to the
    rounding account; a larger one is refused (BillEntryDoesNotBalance)."""
    sign = Decimal(-1) if debit_note else Decimal(1)
    legs = [Leg(AccountRole.GRNI, sign * grni, description="Goods received not invoiced"),
            Leg(AccountRole.PRICE_DIFFERENCE, sign * (net_total - grni), description="Purchase price difference")]
    legs += [Leg(AccountRole.INPUT_TAX, sign * tax.tax, ((ScopeKind.TAX, tax_scope(tax.category, tax.rate)),),
                 f"Input tax {tax.category} {tax.rate.normalize():f}") for tax in taxes]
    legs.append(Leg(AccountRole.PAYABLE, -sign * grand_total, description="Payable"))
    residual = sum((leg.amount for leg in legs), Decimal(0))
    if abs(residual) > allowance:
        raise refuse("BillEntryDoesNotBalance", f"the total differs from its nets and taxes by {residual}")
    if residual:
        legs.append(Leg(AccountRole.ROUNDING, -residual, description="Rounding difference"))
    return legs


def supplier_payment_legs(amount: Decimal) -> list[Leg]:
    """A payment to a supplier: Dr accounts payable / Cr bank, its whole amount."""
    return [Leg(AccountRole.PAYABLE, amount, description="Payment to supplier"),
            Leg(AccountRole.BANK, -amount, description="Payment to supplier")]


class StockPosting(enum.StrEnum):
    ISSUE = "issue"
    RECEIPT = "receipt"
    ADJUSTMENT = "adjustment"
    RETURN = "return"
    SUPPLIER_RETURN = "supplier_return"


def stock_legs(kind: StockPosting, value: Decimal, warehouse: str = "") -> list[Leg]:
    """A stock movement with its value: goods issue Dr COGS / Cr inventory; receipt Dr inventory / Cr goods received
    not invoiced; adjustment (value signed, a gain positive) Dr inventory / Cr stock adjustments; customer return
    Dr inventory / Cr COGS; a return to the supplier (value negative) Dr goods received not invoiced / Cr inventory.
    The inventory account may depend on the warehouse (its code)."""
    counter = {StockPosting.ISSUE: AccountRole.COGS, StockPosting.RECEIPT: AccountRole.GRNI,
               StockPosting.ADJUSTMENT: AccountRole.STOCK_ADJUSTMENT, StockPosting.RETURN: AccountRole.COGS,
               StockPosting.SUPPLIER_RETURN: AccountRole.GRNI}[kind]
    into_stock = -value if kind is StockPosting.ISSUE else value
    return [Leg(AccountRole.INVENTORY, into_stock, ((ScopeKind.WAREHOUSE, warehouse),) if warehouse else (),
                f"Stock {kind}"),
            Leg(counter, -into_stock, description=f"Stock {kind}")]


def production_legs(*, value: Decimal, component_value: Decimal, labour_value: Decimal, overhead_value: Decimal,
                    warehouse: str = "") -> list[Leg]:
    """An output of production: Dr inventory the finished goods' value / Cr inventory the components consumed for
    them / Cr labour absorbed / Cr overhead absorbed (value = the three). Both inventory legs are the warehouse's,
    so the inventory account moves by what the stock levels' values moved."""
    scopes: Scopes = ((ScopeKind.WAREHOUSE, warehouse),) if warehouse else ()
    if value != component_value + labour_value + overhead_value:
        raise refuse("ProductionEntryDoesNotBalance", f"{value} made from {component_value} of components, "
                     f"{labour_value} of labour and {overhead_value} of overhead")
    return [Leg(AccountRole.INVENTORY, value, scopes, "Finished goods"),
            Leg(AccountRole.INVENTORY, -component_value, scopes, "Components consumed"),
            Leg(AccountRole.LABOUR_ABSORBED, -labour_value, description="Labour absorbed"),
            Leg(AccountRole.OVERHEAD_ABSORBED, -overhead_value, description="Overhead absorbed")]


def journal_lines(legs: Sequence[Leg], mappings: dict[str, str], new_id: Callable[[], str]) -> list[JournalLine]:
    """The legs as an entry's lines: each leg's account resolved, legs of one account, side and description
    merged, zero amounts left out, debits first."""
    merged: dict[tuple[str, bool, str], Decimal] = {}
    for leg in legs:
        if not leg.amount:
            continue
        key = (resolve(mappings, leg.role, leg.scopes), leg.amount > 0, leg.description)
        merged[key] = merged.get(key, Decimal(0)) + abs(leg.amount)
    ordered = sorted(merged.items(), key=lambda item: not item[0][1])
    return [JournalLine(id=new_id(), position=position, account_code=code, debit=amount if debit else Decimal(0),
                        credit=Decimal(0) if debit else amount, description=description)
            for position, ((code, debit, description), amount) in enumerate(ordered, start=1)]
