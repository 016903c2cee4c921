"""What an order line has left to bill: derived from its ordered and delivered quantities and what posted documents
billed, never counted up (peers.md I1, X1).

- the invoicing policy of the line (copied from its product when the line was made) says what may be billed: the
  quantity ordered, or the quantity delivered (issued);
- to invoice = that quantity - invoiced, where invoiced = posted invoice lines - posted credit-note lines;
- to credit = invoiced - that quantity, when goods billed on delivered quantities came back (a customer return
  lowers delivered): what a credit note of the returned goods gives back (Odoo shows it as a negative quantity to
  invoice);
- a line's status: "to invoice" while something is left, "to credit" while returned goods are still billed,
  "upselling" when more was delivered than ordered on a line billed on ordered quantities (a new sale to make),
  "invoiced" once billed, "nothing to invoice" before anything may be billed;
- an over-billing check counts what is posted plus the lines of the document being posted (ERPNext PR #28218: the
  same line twice in one invoice once bypassed it).
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.errors import refuse
from oms.domain.shared.items import InvoicePolicy


class BillingStatus(enum.StrEnum):
    NOTHING_TO_INVOICE = "nothing_to_invoice"
    TO_INVOICE = "to_invoice"
    TO_CREDIT = "to_credit"
    INVOICED = "invoiced"
    UPSELLING = "upselling"


@frozen(kw_only=True)
class LineBilling:
    """One order line's quantities as billing sees them."""

    policy: InvoicePolicy
    ordered: Decimal
    delivered: Decimal
    invoiced: Decimal

    @property
    def invoiceable(self) -> Decimal:
        return self.ordered if self.policy is InvoicePolicy.ORDERED else self.delivered

    @property
    def to_invoice(self) -> Decimal:
        return max(self.invoiceable - self.invoiced, Decimal(0))

    @property
    def to_credit(self) -> Decimal:
        return max(self.invoiced - self.invoiceable, Decimal(0))

    @property
    def status(self) -> BillingStatus:
        if self.to_invoice > 0:
            return BillingStatus.TO_INVOICE
        if self.to_credit > 0:
            return BillingStatus.TO_CREDIT
        if self.policy is InvoicePolicy.ORDERED and self.delivered > self.ordered:
            return BillingStatus.UPSELLING
        if self.invoiced > 0:
            return BillingStatus.INVOICED
        return BillingStatus.NOTHING_TO_INVOICE

    def check_billing(self, quantity: Decimal, *, sku: str, field: str = "quantity") -> None:
        """Refuse billing `quantity` more (the posted documents' and this document's lines counted) than is left."""
        if quantity > self.to_invoice:
            raise refuse("CannotInvoiceMoreThanInvoiceable",
                         f"{sku}: {quantity} asked, {self.to_invoice} left to invoice ({self.invoiceable} "
                         f"{'ordered' if self.policy is InvoicePolicy.ORDERED else 'delivered'}, "
                         f"{self.invoiced} invoiced) [{field}]")


def order_status(lines: list[LineBilling]) -> BillingStatus:
    """The order's status from its lines': to invoice if any line is, else to credit, else upselling if any, else
    invoiced if any, else nothing to invoice (a per-line rule, never a percentage: peers.md X2)."""
    statuses = {line.status for line in lines}
    for status in (BillingStatus.TO_INVOICE, BillingStatus.TO_CREDIT, BillingStatus.UPSELLING,
                   BillingStatus.INVOICED):
        if status in statuses:
            return status
    return BillingStatus.NOTHING_TO_INVOICE
