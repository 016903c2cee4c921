"""Every event type oms publishes, by name, and the version of its payload: what a published event's envelope says
next to its type (webhook bodies, broker messages, the event feed)."""

from __future__ import annotations

from collections.abc import Mapping

from oms.domain.accounting.journal import JournalEntryPosted
from oms.domain.carts.events import CartCheckedOut, CartExpired, CartMerged, RecoveryMessageClaimed
from oms.domain.invoicing.invoices import InvoicePosted
from oms.domain.invoicing.payments import PaymentReceived
from oms.domain.invoicing.supplier_payments import SupplierPaymentMade
from oms.domain.invoicing.vendor_bills import (
    BillReleasedForPayment,
    DebitNotePosted,
    VendorBillCancelled,
    VendorBillPosted,
)
from oms.domain.procurement.events import (
    GoodsReceived,
    GoodsReturnedToSupplier,
    PurchaseOrderApproved,
    PurchaseOrderCancelled,
    PurchaseOrderClosed,
    PurchaseOrderCreated,
    PurchaseOrderOrdered,
    PurchaseOrderSent,
    PurchaseOrderSubmittedForApproval,
)
from oms.domain.procurement.planning_events import PurchaseProposalPrepared, ReorderRuleSet
from oms.domain.procurement.rfq_events import (
    OffersAwarded,
    RfqCancelled,
    RfqClosed,
    RfqCreated,
    RfqSent,
    SupplierDeclined,
    SupplierQuotationReceived,
)
from oms.domain.production.events import ConsumptionDeviated, LabourLogged, OutputReported
from oms.domain.sales.events import GoodsIssued, QuotationConverted, QuotationRevised
from oms.domain.sales.returns import GoodsReturned, ReturnAuthorised
from oms.domain.shared.events import DocumentCreated, DomainEvent, StatusChanged
from oms.domain.stock.events import ReservationReleased, StockMoved, StockReserved
from oms.domain.subscriptions.events import (
    SubscriptionChangeScheduled,
    SubscriptionChargeFailed,
    SubscriptionChargeRequested,
    SubscriptionPaymentExceptionChanged,
    SubscriptionPaymentReminderDue,
    SubscriptionProrated,
    SubscriptionRenewed,
)

EVENT_TYPES: Mapping[str, type[DomainEvent]] = {cls.__name__: cls for cls in (
    DocumentCreated, StatusChanged, QuotationRevised, QuotationConverted, GoodsIssued, ReturnAuthorised, GoodsReturned,
    StockReserved, ReservationReleased, StockMoved, InvoicePosted, PaymentReceived, JournalEntryPosted,
    PurchaseOrderCreated, PurchaseOrderSent, PurchaseOrderSubmittedForApproval, PurchaseOrderApproved,
    PurchaseOrderOrdered, PurchaseOrderClosed, PurchaseOrderCancelled, GoodsReceived, GoodsReturnedToSupplier,
    VendorBillPosted, DebitNotePosted, VendorBillCancelled, BillReleasedForPayment, SupplierPaymentMade,
    RfqCreated, RfqSent, SupplierQuotationReceived, SupplierDeclined, OffersAwarded, RfqClosed, RfqCancelled,
    ReorderRuleSet, PurchaseProposalPrepared, OutputReported, ConsumptionDeviated, LabourLogged,
    SubscriptionRenewed, SubscriptionProrated, SubscriptionChangeScheduled, SubscriptionChargeFailed,
    SubscriptionPaymentExceptionChanged, SubscriptionChargeRequested, SubscriptionPaymentReminderDue,
    CartCheckedOut, CartMerged, CartExpired, RecoveryMessageClaimed)}

DEFAULT_VERSION = DomainEvent.schema_version


def schema_version(event_type: str) -> int:
    """The version of the payload of `event_type` (its class's `schema_version`); the default, 1, for a name oms
    declares no class for (none is ever published: the outbox refuses to decode one)."""
    cls = EVENT_TYPES.get(event_type)
    return DEFAULT_VERSION if cls is None else cls.schema_version
