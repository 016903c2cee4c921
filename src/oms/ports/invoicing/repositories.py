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
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.documents import DocumentRepository


class InvoiceRepository(DocumentRepository[Invoice], Protocol):
    """Invoices and credit notes by id or number; drafts have no number (`by_number` never finds one)."""

    def remove(self, invoice: Invoice) -> None:
        """Delete a draft (the domain refuses a posted one before this is called)."""
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


class InvoicingDocuments(Protocol):
    @property
    def invoices(self) -> InvoiceRepository: ...

    @property
    def payments(self) -> PaymentRepository: ...


class InvoicingUnitOfWork(MasterDataUnitOfWork, Protocol):
    """What the invoicing use cases work in: master data and the invoicing documents."""

    @property
    def invoicing(self) -> InvoicingDocuments: ...
