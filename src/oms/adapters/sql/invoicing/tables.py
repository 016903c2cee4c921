"""Tables of invoices and credit notes and their lines, of payments and their allocations, of vendor bills and debit
notes and their lines, and of payments to suppliers and their allocations."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.domain.shared.tax import TaxCategory, TaxRounding

LINE_AMOUNTS = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")

# A draft has no number: the unique constraint holds between the numbers given (NULLs never collide).
invoices = Table(
    "invoices", metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", StrEnumType(InvoiceKind), nullable=False),
    Column("number", String(CODE), nullable=True, unique=True),
    Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=False),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("prices_include_tax", Boolean, nullable=False),
    Column("tax_rounding", StrEnumType(TaxRounding), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", StrEnumType(InvoiceStatus), nullable=False),
    Column("invoice_date", Date, nullable=True),
    Column("posted_at", UtcDateTime, nullable=True),
    Column("posted_by", Text, nullable=False),
    Column("credited_invoice_id", String(ID), ForeignKey("invoices.id"), nullable=True, index=True),
    Column("due_date", Date, nullable=True),
    Column("version", Integer, nullable=False),
    Index("ix_invoices_customer_created", "customer_id", "created_at", "id"),
    Index("ix_invoices_status_created", "status", "created_at", "id"),
)

# A line bills a share of a source line: an order line (invoice) or an invoice line (credit note); what is billed
# of a source line is summed over the lines pointing at it, hence the index on source_line_id.
invoice_lines = Table(
    "invoice_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("invoice_id", String(ID), ForeignKey("invoices.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("source_document_id", String(ID), nullable=False, index=True),
    Column("source_line_id", String(ID), nullable=False, index=True),
    Column("sku", String(CODE), nullable=False),
    Column("description", Text, nullable=False),
    Column("uom", String(16), nullable=False),
    Column("tax_category", StrEnumType(TaxCategory), nullable=False),
    *(Column(name, ExactDecimal(QUANTITY), nullable=False) for name in ("quantity", "unit_price", "tax_rate")),
    *(Column(name, ExactDecimal(AMOUNT), nullable=False) for name in LINE_AMOUNTS),
    Index(None, "invoice_id", "position"),
)

# A payment is posted when recorded: it always has its number. What it pays is its allocations; what an invoice was
# paid is summed over the allocations pointing at it, hence the index on invoice_id.
payments = Table(
    "payments", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", ExactDecimal(AMOUNT), nullable=False),
    Column("payment_date", Date, nullable=False),
    Column("method", StrEnumType(PaymentMethod), nullable=False),
    Column("reference", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_payments_customer_date", "customer_id", "payment_date", "recorded_at"),
    Index("ix_payments_date", "payment_date", "recorded_at"),
)

payment_allocations = Table(
    "payment_allocations", metadata,
    Column("id", String(ID), primary_key=True),
    Column("payment_id", String(ID), ForeignKey("payments.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("invoice_id", String(ID), ForeignKey("invoices.id"), nullable=False, index=True),
    Column("amount", ExactDecimal(AMOUNT), nullable=False),
    Column("allocated_at", UtcDateTime, nullable=False),
    Column("allocated_by", Text, nullable=False),
    Index(None, "payment_id", "position"),
)

# The supplier's invoice number is unique per supplier, kind and fiscal year among the bills not cancelled: `claim`
# holds the three while the bill is not cancelled and NULL after (NULLs never collide).
vendor_bills = Table(
    "vendor_bills", metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", StrEnumType(BillKind), nullable=False),
    Column("number", String(CODE), nullable=True, unique=True),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("supplier_invoice_number", String(CODE), nullable=False),
    Column("bill_date", Date, nullable=False),
    Column("fiscal_year", String(8), nullable=False),
    Column("prices_include_tax", Boolean, nullable=False),
    Column("tax_rounding", StrEnumType(TaxRounding), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("status", StrEnumType(BillStatus), nullable=False),
    Column("due_date", Date, nullable=True),
    Column("posted_at", UtcDateTime, nullable=True),
    Column("posted_by", Text, nullable=False),
    Column("debited_bill_id", String(ID), ForeignKey("vendor_bills.id"), nullable=True, index=True),
    Column("claim", String(128), nullable=True),
    Column("match_status", StrEnumType(MatchStatus), nullable=False),
    Column("released_by", Text, nullable=False),
    Column("released_at", UtcDateTime, nullable=True),
    Column("version", Integer, nullable=False),
    UniqueConstraint("supplier_id", "claim"),
    # the listing pages by (created_at, id), by supplier or 3-way match status (the queue of bills on hold)
    Index("ix_vendor_bills_created", "created_at", "id"),
    Index("ix_vendor_bills_supplier_created", "supplier_id", "created_at", "id"),
    Index("ix_vendor_bills_match_created", "match_status", "created_at", "id"),
)

vendor_bill_lines = Table(
    "vendor_bill_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("bill_id", String(ID), ForeignKey("vendor_bills.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("purchase_order_id", String(ID), nullable=False, index=True),
    Column("po_line_id", String(ID), nullable=False, index=True),
    Column("product_id", String(ID), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("description", Text, nullable=False),
    Column("uom", String(16), nullable=False),
    Column("tax_category", StrEnumType(TaxCategory), nullable=False),
    *(Column(name, ExactDecimal(QUANTITY), nullable=False)
      for name in ("quantity", "unit_price", "po_unit_price", "tax_rate")),
    Column("debited_line_id", String(ID), nullable=True, index=True),
    Column("match_status", StrEnumType(MatchStatus), nullable=False),
    Column("match_reason", Text, nullable=False),
    *(Column(name, ExactDecimal(AMOUNT), nullable=False) for name in LINE_AMOUNTS),
    Index(None, "bill_id", "position"),
)

supplier_payments = Table(
    "supplier_payments", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", ExactDecimal(AMOUNT), nullable=False),
    Column("payment_date", Date, nullable=False),
    Column("method", StrEnumType(PaymentMethod), nullable=False),
    Column("reference", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_supplier_payments_date", "payment_date", "recorded_at"),
    # the listing pages by (recorded_at, id), of everyone or one supplier
    Index("ix_supplier_payments_recorded", "recorded_at", "id"),
    Index("ix_supplier_payments_supplier_recorded", "supplier_id", "recorded_at", "id"),
)

supplier_payment_allocations = Table(
    "supplier_payment_allocations", metadata,
    Column("id", String(ID), primary_key=True),
    Column("payment_id", String(ID), ForeignKey("supplier_payments.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("bill_id", String(ID), ForeignKey("vendor_bills.id"), nullable=False, index=True),
    Column("amount", ExactDecimal(AMOUNT), nullable=False),
    Column("allocated_at", UtcDateTime, nullable=False),
    Column("allocated_by", Text, nullable=False),
    Index(None, "payment_id", "position"),
)


def _open_items(name: str, document: str) -> Table:
    """The open item of each posted invoice (bill), kept by open_items.py in the transaction that posts it, a credit
    (debit) note of it, or a payment allocated to it or taken off it: what the ageing reads instead of every
    document's history. Amounts are whole ten-thousandths of the currency (`AMOUNT` places), so both databases sum
    them exactly: its `total` with tax, what notes and payment allocations `reduced` it in all, the first and last day
    a reduction is dated (`reduced_from`, `reduced_until`), and `settled_on`, the first day from its own date on that
    it owed nothing (NULL while it owes): it is open on the days from `document_date` to the day before that."""
    return Table(
        name, metadata,
        Column("document_id", String(ID), ForeignKey(f"{document}.id"), primary_key=True),
        Column("party_id", String(ID), nullable=False),
        Column("branch_id", String(ID), nullable=False),
        Column("currency", String(3), nullable=False),
        Column("document_date", Date, nullable=False),
        Column("due_date", Date, nullable=True),
        Column("total", BigInteger, nullable=False),
        Column("reduced", BigInteger, nullable=False),
        Column("reduced_from", Date, nullable=True),
        Column("reduced_until", Date, nullable=True),
        Column("settled_on", Date, nullable=True),
    )


receivable_items = _open_items("receivable_items", "invoices")
payable_items = _open_items("payable_items", "vendor_bills")


def _open_balances(name: str) -> Table:
    """What the items still open (`settled_on` NULL) of each party, branch and currency add up to: how many there are
    and what they owe now (`total - reduced` summed, in ten-thousandths). Kept by triggers on the items' table
    (migration 0039), in the statement that writes an item, by difference: an item's old row is taken off and its
    new row added, so it is the items' sum whatever writes them and whatever runs beside it (rows reaching zero
    documents stay, at zero). The ageing starts from it (reports/ledgers.py)."""
    return Table(
        name, metadata,
        Column("party_id", String(ID), primary_key=True),
        Column("branch_id", String(ID), primary_key=True),
        Column("currency", String(3), primary_key=True),
        Column("documents", BigInteger, nullable=False),
        Column("owed", BigInteger, nullable=False),
    )


receivable_balances = _open_balances("receivable_balances")
payable_balances = _open_balances("payable_balances")
