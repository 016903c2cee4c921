"""Invoices and credit notes, and the unit of work the invoicing use cases run in.

What is billed is derived from posted documents, never kept as a counter (peers.md X1): the quantity invoiced of an
order line is the sum of the posted invoice lines billing it less the posted credit-note lines crediting those.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from oms.domain.invoicing.invoices import Invoice
from oms.domain.invoicing.payments import Payment
from oms.domain.invoicing.supplier_payments import SupplierPayment
from oms.domain.invoicing.vendor_bills import VendorBill
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.documents import DocumentRepository


class InvoiceRepository(DocumentRepository[Invoice], Protocol):
    """Invoices and credit notes by id or number; drafts have no number (`by_number` never finds one)."""

    def remove(self, invoice: Invoice) -> None:
        """Delete a draft (the domain refuses a posted one before this is called)."""
        ...

    def by_ids(self, invoice_ids: Collection[str]) -> Mapping[str, Invoice]:
        """Those of `invoice_ids` that exist, by id, read in batches (a renewal run's invoices, to print)."""
        ...

    def invoiced(self, order_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        """Per order line: its quantity on posted invoices less its quantity on posted credit notes (an order line
        nothing was billed for is absent)."""
        ...

    def credited(self, invoice_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        """Per invoice line: its quantity on posted credit notes (absent when none)."""
        ...

    def drafts_billing(self, source_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        """Per source line (an order line or an invoice line): its quantity on drafts, for the answer of what is
        still to bill; posting checks posted documents only, plus the draft being posted."""
        ...

    def of_customer(self, customer_id: str) -> Sequence[Invoice]:
        """The customer's invoices and credit notes, drafts too, oldest first."""
        ...

    def credit_notes_of(self, invoice_id: str) -> Sequence[Invoice]:
        """The credit notes of the invoice, drafts too, oldest first."""
        ...


class PaymentRepository(DocumentRepository[Payment], Protocol):
    """Payments with their allocations, by id or number (PAY-2026-000001)."""

    def of_customer(self, customer_id: str) -> Sequence[Payment]:
        """The customer's payments, oldest first (by payment date, then as recorded)."""
        ...

    def paying(self, invoice_id: str) -> Sequence[Payment]:
        """The payments with an allocation to the invoice."""
        ...

    def list(self) -> Sequence[Payment]:
        """Every payment, oldest first (by payment date, then as recorded)."""
        ...


class VendorBillRepository(DocumentRepository[VendorBill], Protocol):
    """Vendor bills and debit notes by id or number (BILL-2026-000001); drafts have no number. Loading one in a
    changing transaction locks it."""

    def billed(self, po_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        """Per purchase-order line: its quantity on posted bills less its quantity on posted debit notes (absent
        when none); cancelled and draft documents count nothing."""
        ...

    def debited(self, bill_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        """Per bill line: its quantity on posted debit notes (absent when none)."""
        ...

    def claiming(self, supplier_id: str, claim: str) -> Sequence[VendorBill]:
        """The supplier's documents not cancelled that hold this claim (`vendor_bills.supplier_claim`)."""
        ...

    def debit_notes_of(self, bill_id: str) -> Sequence[VendorBill]:
        """The debit notes of a bill, drafts too."""
        ...

    def list(self) -> Sequence[VendorBill]:
        """Every bill and debit note, oldest first."""
        ...


class SupplierPaymentRepository(DocumentRepository[SupplierPayment], Protocol):
    """Payments to suppliers with their allocations, by id or number (SPAY-2026-000001)."""

    def paying(self, bill_id: str) -> Sequence[SupplierPayment]:
        """The payments with an allocation to the bill."""
        ...

    def list(self) -> Sequence[SupplierPayment]:
        """Every payment to a supplier, oldest first (by payment date, then as recorded)."""
        ...


class InvoicingDocuments(Protocol):
    @property
    def invoices(self) -> InvoiceRepository: ...

    @property
    def payments(self) -> PaymentRepository: ...

    @property
    def bills(self) -> VendorBillRepository: ...

    @property
    def supplier_payments(self) -> SupplierPaymentRepository: ...


class InvoicingUnitOfWork(MasterDataUnitOfWork, Protocol):
    """What the invoicing use cases work in: master data and the invoicing documents."""

    @property
    def invoicing(self) -> InvoicingDocuments: ...
