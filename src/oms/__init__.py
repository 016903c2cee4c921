"""oms: an order management system you can embed.

    import oms
    system = oms.bootstrap()                      # in memory; pass a uow_factory for a database
    system.handle(oms.CreateBranch(code="HQ", name="Head office", currency="EUR", tax_jurisdiction="DE"))

Everything below is the documented, typed public API; importing it does no I/O.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oms.adapters.clock import FixedClock, SystemClock
    from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
    from oms.adapters.memory.notifier import InMemoryNotifier
    from oms.adapters.memory.relay import InMemoryEventLog
    from oms.application.accounting.books import (
        CreateAccount,
        DeleteAccount,
        EntryLine,
        MapAccount,
        PostJournalEntry,
        SetLockDate,
        UpdateAccount,
    )
    from oms.application.carts.carts import (
        AddToCart,
        ChangeCartLine,
        NewCart,
        OpenCart,
        RemoveCartLine,
        RestoreCart,
        SetCartContact,
        SignInToCart,
    )
    from oms.application.carts.policies import SetCartPolicy
    from oms.application.invoicing.bill_listings import bill_page, supplier_payment_page
    from oms.application.invoicing.invoices import CreateCreditNote, CreditLine, DeleteDraftInvoice
    from oms.application.invoicing.payments import AllocatePayment, RecordPayment, UnallocatePayment
    from oms.application.invoicing.vendor_bills import (
        AllocateSupplierPayment,
        CancelVendorBill,
        CreateDebitNote,
        DebitLine,
        PayBill,
        PaySupplier,
        ReleaseBillForPayment,
        UnallocateSupplierPayment,
        show_bill,
        show_supplier_payment,
    )
    from oms.application.masterdata.branches import CreateBranch, CreateWarehouse
    from oms.application.masterdata.customers import CreateCustomer, UpdateCustomer
    from oms.application.masterdata.exchange_rate_imports import ExchangeRateRow, ImportExchangeRates
    from oms.application.masterdata.exchange_rates import SetExchangeRate
    from oms.application.masterdata.imports import (
        CustomerRow,
        ImportCustomers,
        ImportProducts,
        ImportReport,
        ProductRow,
        RowError,
    )
    from oms.application.masterdata.lines import LineInput
    from oms.application.masterdata.products import CreateProduct, UpdateProduct
    from oms.application.masterdata.supplier_exports import supplier_price_records
    from oms.application.masterdata.supplier_imports import (
        ImportSupplierPrices,
        ImportSuppliers,
        SupplierPriceRow,
        SupplierRow,
    )
    from oms.application.masterdata.supplier_queries import (
        exchange_rate_list,
        exchange_rate_on,
        preferred_supplier,
        product_supplier_prices,
        purchase_price,
        show_supplier,
        supplier_page,
    )
    from oms.application.masterdata.suppliers import (
        CreateSupplier,
        DeactivateSupplier,
        RemoveSupplierPrice,
        SetSupplierPrice,
        UpdateSupplier,
    )
    from oms.application.masterdata.tax_rates import SetTaxRate
    from oms.application.messagebus import MessageBus
    from oms.application.processes.billing import InvoiceLineRequest, InvoiceOrders, PostInvoice
    from oms.application.processes.cart_checkout import (
        CheckedOut,
        CheckOutCart,
        MarkCartCaptured,
        RecordCartAuthorisation,
        TotalChanged,
        check_out_paying,
    )
    from oms.application.processes.cart_messages import MarkRecoveryMessageFailed, RecoveryMailSubscriber
    from oms.application.processes.cart_recovery import (
        CartJobRun,
        ClaimRecoveryMessages,
        ExpireCarts,
        MarkRecoveryMessageSent,
        run_cart_expiry,
        run_cart_recovery,
    )
    from oms.application.processes.make_to_order import MakeToOrder
    from oms.application.processes.planning import (
        CreateProposedPurchaseOrders,
        CreateProposedRfqs,
        PreparePurchaseProposal,
        ProposalPick,
        prepared_proposal,
        what_to_buy,
    )
    from oms.application.processes.returned_goods import CreditReturnedGoods
    from oms.application.processes.service_billing import InvoiceServiceOrders
    from oms.application.processes.service_work import CreateServiceOrderForLine
    from oms.application.processes.subscription_charges import (
        ChargeRun,
        ChargeSubscriber,
        ChargeToMake,
        ChargeView,
        RecordChargeOutcome,
        charges_to_make,
        make_charges,
        subscription_charges,
    )
    from oms.application.processes.subscription_dunning import DunningRun, DunSubscription, run_subscription_dunning
    from oms.application.processes.subscription_renewals import (
        RenewalRun,
        RenewSubscription,
        RenewSubscriptions,
        renew_due_subscriptions,
    )
    from oms.application.processes.vendor_billing import (
        BillLineRequest,
        BillPurchaseOrder,
        PostVendorBill,
        RematchVendorBill,
        purchase_order_billing,
    )
    from oms.application.procurement.planning import SetReorderRule
    from oms.application.procurement.purchase_orders import (
        AddPurchaseOrderLine,
        ApprovePurchaseOrder,
        CancelPurchaseOrder,
        ClosePurchaseOrder,
        CreatePurchaseOrder,
        PlacePurchaseOrder,
        ReceiptLine,
        ReceiveGoods,
        RemovePurchaseOrderLine,
        ReturnToSupplier,
        SendPurchaseOrder,
        UpdatePurchaseOrderLine,
    )
    from oms.application.procurement.rfqs import (
        AwardInput,
        AwardRfq,
        CancelRfq,
        CloseRfq,
        CreateRfq,
        DeclineRfq,
        OfferInput,
        RecordSupplierQuotation,
        RfqLineInput,
        SendRfq,
    )
    from oms.application.procurement.settings import SetProcurementSettings, SetReceiptTolerance
    from oms.application.production.boms import ActivateBomVersion, ComponentInput, CreateBom, OperationInput
    from oms.application.production.queries import show_bom, show_service_order, show_work_order
    from oms.application.production.service_orders import (
        AddMilestone,
        ApproveLabour,
        CancelServiceOrder,
        CreateServiceOrder,
        FinishServiceOrder,
        LogLabour,
        ReachMilestone,
        RemoveLabour,
        ScheduleServiceOrder,
        StartServiceOrder,
        UpdateLabour,
    )
    from oms.application.production.work_orders import (
        CancelWorkOrder,
        CloseWorkOrder,
        ConsumedInput,
        CreateWorkOrder,
        ReleaseWorkOrder,
        ReportOutput,
        ReserveMissingComponents,
        TransferMaterial,
    )
    from oms.application.reports.catalogue import ReportDefinition, report_catalogue
    from oms.application.reports.requests import ReportRequest
    from oms.application.sales.quotations import (
        AcceptQuotation,
        AddQuotationLine,
        CancelQuotation,
        ConvertQuotation,
        CreateQuotation,
        ExpireQuotations,
        RejectQuotation,
        RemoveQuotationLine,
        ReviseQuotation,
        SendQuotation,
        SetQuotationTerms,
        UpdateQuotationLine,
    )
    from oms.application.sales.returns import AuthoriseReturn, ReceiveReturn
    from oms.application.sales.sales_orders import (
        AddOrderLine,
        CancelSalesOrder,
        CompleteSalesOrder,
        ConfirmSalesOrder,
        CreateSalesOrder,
        HoldSalesOrder,
        IssueGoods,
        IssueLine,
        ReleaseSalesOrder,
        RemoveOrderLine,
        ReserveBackorders,
        SetOrderDiscount,
        UpdateOrderLine,
    )
    from oms.application.service import OrderManagement
    from oms.application.shared.commands import Command
    from oms.application.shared.housekeeping import ForgetExpiredRequests
    from oms.application.shared.relay import EventPage, EventRelay, event_feed
    from oms.application.stock.commands import AdjustStock, ReceiveStock
    from oms.application.stock.valuation import stock_valuation
    from oms.application.subscriptions.calendar import DueRenewal, RenewalCalendar, RenewalDay, renewal_calendar
    from oms.application.subscriptions.measures import MrrView, SubscriptionMeasures, subscription_measures
    from oms.application.subscriptions.plans import CreatePlan, PlanLineInput
    from oms.application.subscriptions.queries import show_plan, show_subscription
    from oms.application.subscriptions.subscriptions import (
        CancelSubscription,
        ChangePlan,
        ChangeQuantity,
        PauseSubscription,
        ProrationBilled,
        QuantityInput,
        ResolvePaymentException,
        ResumeSubscription,
        SetPaymentMethod,
        Subscribe,
    )
    from oms.application.webhooks.subscriptions import (
        CreateWebhook,
        DeleteWebhook,
        DisableWebhook,
        RotateWebhookSecret,
        UpdateWebhook,
    )
    from oms.domain.accounting.accounts import Account, AccountRole, AccountType, ScopeKind
    from oms.domain.accounting.journal import JournalEntry, JournalLine
    from oms.domain.carts.carts import CartStatus
    from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
    from oms.domain.invoicing.payments import Payment, PaymentMethod, PaymentReceived
    from oms.domain.invoicing.receivables import PaymentStatus
    from oms.domain.invoicing.supplier_payments import BillPaymentStatus, SupplierPayment, SupplierPaymentMade
    from oms.domain.invoicing.vendor_bills import (
        BillKind,
        BillStatus,
        DebitNotePosted,
        MatchStatus,
        VendorBill,
        VendorBillPosted,
        match_line,
    )
    from oms.domain.masterdata.exchange_rates import ExchangeRate, NoExchangeRate, convert, rate_on
    from oms.domain.masterdata.parties import Address, Branch, Customer, Warehouse
    from oms.domain.masterdata.payment_terms import InvalidPaymentTerms, PaymentTerms
    from oms.domain.masterdata.products import Product
    from oms.domain.masterdata.supplier_prices import SupplierPrice
    from oms.domain.masterdata.suppliers import Supplier
    from oms.domain.procurement.comparison import compare, compare_offers
    from oms.domain.procurement.purchase_order import PurchaseOrder, PurchaseOrderStatus, ReceiptStatus
    from oms.domain.procurement.rfqs import InvitationStatus, Rfq, RfqStatus
    from oms.domain.production.boms import ComponentKind, ConsumptionMode
    from oms.domain.production.records import BackflushBasis, WorkOrderStatus
    from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy
    from oms.domain.reports.tables import ChartSpec, Column, ColumnKind, ReportTable
    from oms.domain.sales.goods_issues import GoodsIssue
    from oms.domain.sales.quotation import Quotation, QuotationStatus
    from oms.domain.sales.returns import CustomerReturn
    from oms.domain.sales.sales_order import SalesOrder, SalesOrderStatus
    from oms.domain.shared.discounts import Discount, DiscountKind
    from oms.domain.shared.errors import (
        AlreadyExists,
        BusinessRuleViolation,
        ConcurrencyConflict,
        DomainError,
        InvalidValue,
        NotFound,
        StoreBusy,
    )
    from oms.domain.shared.events import DomainEvent
    from oms.domain.shared.items import InvoicePolicy, ProductKind
    from oms.domain.shared.money import Currency, Money
    from oms.domain.shared.pricing import DocumentTotals, PricingLine, PricingTerms, price_document
    from oms.domain.shared.tax import TaxCategory, TaxRounding
    from oms.domain.stock.levels import MovementKind, StockLevel, StockMovement
    from oms.domain.subscriptions.charges import Charge, ChargeOutcome
    from oms.domain.subscriptions.measures import RecurringHistory, movements, mrr
    from oms.domain.subscriptions.periods import IntervalUnit
    from oms.domain.subscriptions.records import AfterDunning, DunningPolicy, SubscriptionStatus
    from oms.entrypoints.bootstrap import bootstrap
    from oms.ports.shared.documents import DocumentRef
    from oms.ports.shared.notifier import EmailMessage, NotificationFailed, Notifier
    from oms.ports.shared.relay import EventSubscriber, PublishedEvent

__all__ = [
                                           "AcceptQuotation",
                                           "Account",
                                           "AccountRole",
                                           "AccountType",
                                           "AddOrderLine",
                                           "AddQuotationLine",
                                           "Address",
                                           "AdjustStock",
                                           "AllocatePayment",
                                           "AlreadyExists",
                                           "Branch",
                                           "BusinessRuleViolation",
                                           "CancelQuotation",
                                           "CancelSalesOrder",
                                           "Command",
                                           "CompleteSalesOrder",
                                           "ConcurrencyConflict",
                                           "ConfirmSalesOrder",
                                           "ConvertQuotation",
                                           "CreateAccount",
                                           "CreateBranch",
                                           "CreateCreditNote",
                                           "CreateCustomer",
                                           "CreateProduct",
                                           "CreateQuotation",
                                           "CreateSalesOrder",
                                           "CreateWarehouse",
                                           "CreditLine",
                                           "CreditReturnedGoods",
                                           "Currency",
                                           "Customer",
                                           "CustomerRow",
                                           "DeleteAccount",
                                           "DeleteDraftInvoice",
                                           "Discount",
                                           "DiscountKind",
                                           "DocumentRef",
                                           "DocumentTotals",
                                           "DomainError",
                                           "DomainEvent",
                                           "EntryLine",
                                           "ExpireQuotations",
                                           "FixedClock",
                                           "ForgetExpiredRequests",
                                           "GoodsIssue",
                                           "HoldSalesOrder",
                                           "ImportCustomers",
                                           "ImportProducts",
                                           "ImportReport",
                                           "InMemoryStore",
                                           "InMemoryUnitOfWork",
                                           "InvalidPaymentTerms",
                                           "InvalidValue",
                                           "Invoice",
                                           "InvoiceKind",
                                           "InvoiceLineRequest",
                                           "InvoiceOrders",
                                           "InvoicePolicy",
                                           "InvoiceStatus",
                                           "IssueGoods",
                                           "IssueLine",
                                           "JournalEntry",
                                           "JournalLine",
                                           "LineInput",
                                           "MapAccount",
                                           "MessageBus",
                                           "Money",
                                           "MovementKind",
                                           "NotFound",
                                           "OrderManagement",
                                           "Payment",
                                           "PaymentMethod",
                                           "PaymentReceived",
                                           "PaymentStatus",
                                           "PaymentTerms",
                                           "PostInvoice",
                                           "PostJournalEntry",
                                           "PricingLine",
                                           "PricingTerms",
                                           "Product",
                                           "ProductKind",
                                           "ProductRow",
                                           "Quotation",
                                           "QuotationStatus",
                                           "ReceiveStock",
                                           "RecordPayment",
                                           "RejectQuotation",
                                           "ReleaseSalesOrder",
                                           "RemoveOrderLine",
                                           "RemoveQuotationLine",
                                           "ReserveBackorders",
                                           "ReviseQuotation",
                                           "RowError",
                                           "SalesOrder",
                                           "SalesOrderStatus",
                                           "ScopeKind",
                                           "SendQuotation",
                                           "SetLockDate",
                                           "SetOrderDiscount",
                                           "SetQuotationTerms",
                                           "SetTaxRate",
                                           "StockLevel",
                                           "StockMovement",
                                           "StoreBusy",
                                           "SystemClock",
                                           "TaxCategory",
                                           "TaxRounding",
                                           "UnallocatePayment",
                                           "UpdateAccount",
                                           "UpdateCustomer",
                                           "UpdateOrderLine",
                                           "UpdateProduct",
                                           "UpdateQuotationLine",
                                           "Warehouse",
                                           "bootstrap",
                                           "price_document",
]
__all__ += ["ChartSpec", "Column", "ColumnKind", "ReportDefinition", "ReportRequest", "ReportTable",
            "report_catalogue"]  # reports
__all__ += ["AuthoriseReturn", "CustomerReturn", "ReceiveReturn", "stock_valuation"]  # stock valuation, returns
__all__ += ["CreateWebhook", "DeleteWebhook", "DisableWebhook", "RotateWebhookSecret", "UpdateWebhook"]  # webhooks
__all__ += ["CreateProposedPurchaseOrders", "CreateProposedRfqs", "PreparePurchaseProposal", "ProposalPick",
            "SetReorderRule", "prepared_proposal", "what_to_buy"]  # purchase planning
# events out: the relay, its subscribers' port, the global event feed
__all__ += ["EventPage", "EventRelay", "EventSubscriber", "InMemoryEventLog", "PublishedEvent", "event_feed"]
# suppliers, their prices and exchange rates (master data)
__all__ += ["CreateSupplier", "DeactivateSupplier", "ExchangeRate", "NoExchangeRate", "RemoveSupplierPrice",
            "SetExchangeRate", "SetSupplierPrice", "Supplier", "SupplierPrice", "UpdateSupplier", "convert",
            "exchange_rate_list", "exchange_rate_on", "preferred_supplier", "product_supplier_prices",
            "purchase_price", "rate_on", "show_supplier", "supplier_page"]
# procurement: purchase orders, goods receipts, returns to the supplier, the branches' settings
__all__ += ["AddPurchaseOrderLine", "ApprovePurchaseOrder", "CancelPurchaseOrder", "ClosePurchaseOrder",
            "CreatePurchaseOrder", "PlacePurchaseOrder", "PurchaseOrder", "PurchaseOrderStatus", "ReceiptLine",
            "ReceiptStatus", "ReceiveGoods", "RemovePurchaseOrderLine", "ReturnToSupplier", "SendPurchaseOrder",
            "SetProcurementSettings", "SetReceiptTolerance", "UpdatePurchaseOrderLine"]
# vendor bills, debit notes and payments to suppliers (issue 15 item 8)
__all__ += ["AllocateSupplierPayment", "BillKind", "BillLineRequest", "BillPaymentStatus", "BillPurchaseOrder",
            "BillStatus", "CancelVendorBill", "CreateDebitNote", "DebitLine", "DebitNotePosted", "MatchStatus",
            "PayBill", "PaySupplier", "PostVendorBill", "ReleaseBillForPayment", "RematchVendorBill",
            "SupplierPayment", "SupplierPaymentMade", "UnallocateSupplierPayment", "VendorBill", "VendorBillPosted",
            "bill_page", "match_line", "purchase_order_billing", "show_bill", "show_supplier_payment",
            "supplier_payment_page"]
# CSV imports of suppliers, their prices and exchange rates
__all__ += ["ExchangeRateRow", "ImportExchangeRates", "ImportSupplierPrices", "ImportSuppliers", "SupplierPriceRow",
            "SupplierRow", "supplier_price_records"]
# requests for quotation: suppliers' quotations, their comparison, awards into purchase orders
__all__ += ["AwardInput", "AwardRfq", "CancelRfq", "CloseRfq", "CreateRfq", "DeclineRfq", "InvitationStatus",
            "OfferInput", "RecordSupplierQuotation", "Rfq", "RfqLineInput", "RfqStatus", "SendRfq", "compare",
            "compare_offers"]
__all__ += ["ActivateBomVersion", "AddMilestone", "ApproveLabour", "BackflushBasis", "CancelServiceOrder",
            "CancelWorkOrder", "CloseWorkOrder", "ComponentInput", "ComponentKind", "ConsumedInput", "ConsumptionMode",
            "CreateBom", "CreateServiceOrder", "CreateServiceOrderForLine", "CreateWorkOrder", "FinishServiceOrder",
            "LogLabour", "MakeToOrder", "OperationInput", "ReachMilestone", "ReleaseWorkOrder", "RemoveLabour",
            "ReportOutput", "ReserveMissingComponents", "ScheduleServiceOrder", "ServiceOrderStatus", "ServicePolicy",
            "StartServiceOrder", "TransferMaterial", "UpdateLabour", "WorkOrderStatus", "show_bom",
            "show_service_order", "show_work_order"]
# invoicing service work (processes/service_billing.py)
__all__ += ["InvoiceServiceOrders"]
# subscriptions: plans, subscriptions and their changes, renewals billed exactly once (issue 17)
__all__ += ["CancelSubscription", "ChangePlan", "ChangeQuantity", "CreatePlan", "IntervalUnit", "PauseSubscription",
            "PlanLineInput", "ProrationBilled", "QuantityInput", "RenewSubscription", "RenewSubscriptions",
            "RenewalRun", "ResolvePaymentException", "ResumeSubscription", "Subscribe", "SubscriptionStatus",
            "renew_due_subscriptions", "show_plan", "show_subscription"]
# subscriptions: charging their invoices after the commit, dunning, MRR measures (issue 17)
__all__ += ["AfterDunning", "Charge", "ChargeOutcome", "ChargeRun", "ChargeSubscriber", "ChargeToMake", "ChargeView",
            "DunSubscription", "DunningPolicy", "DunningRun", "MrrView", "RecordChargeOutcome", "RecurringHistory",
            "SetPaymentMethod", "SubscriptionMeasures", "charges_to_make", "make_charges", "movements", "mrr",
            "run_subscription_dunning", "subscription_charges", "subscription_measures"]
# subscriptions: the calendar of the renewals to come (issue 17, the console's)
__all__ += ["DueRenewal", "RenewalCalendar", "RenewalDay", "renewal_calendar"]
# carts: open, change, sign in, check out into a sales order; recovery of abandoned carts, expiry (issue 18)
__all__ += [
    "AddToCart",
    "CartJobRun",
    "CartStatus",
    "ChangeCartLine",
    "CheckOutCart",
    "CheckedOut",
    "ClaimRecoveryMessages",
    "ExpireCarts",
    "MarkCartCaptured",
    "MarkRecoveryMessageFailed",
    "MarkRecoveryMessageSent",
    "NewCart",
    "OpenCart",
    "RecordCartAuthorisation",
    "RecoveryMailSubscriber",
    "RemoveCartLine",
    "RestoreCart",
    "SetCartContact",
    "SetCartPolicy",
    "SignInToCart",
    "TotalChanged",
    "check_out_paying",
    "run_cart_expiry",
    "run_cart_recovery",
]
# messages out: the notifier port and its message (carts' recovery messages, issue 18)
__all__ += ["EmailMessage", "InMemoryNotifier", "NotificationFailed", "Notifier"]

# Where each public name lives. A name is imported on first use (PEP 562) and kept as the module's own, so that
# `import oms` loads none of the contexts and a program pays only for the names it uses.
_PLACES: dict[str, tuple[str, ...]] = {
    "oms.application.reports.catalogue": ("ReportDefinition", "report_catalogue"),
    "oms.application.reports.requests": ("ReportRequest",),
    "oms.domain.reports.tables": ("ChartSpec", "Column", "ColumnKind", "ReportTable"),
    "oms.adapters.clock": ("FixedClock", "SystemClock"),
    "oms.adapters.memory": ("InMemoryStore", "InMemoryUnitOfWork"),
    "oms.adapters.memory.notifier": ("InMemoryNotifier",),
    "oms.adapters.memory.relay": ("InMemoryEventLog",),
    "oms.application.accounting.books": (
        "CreateAccount", "DeleteAccount", "EntryLine", "MapAccount", "PostJournalEntry", "SetLockDate",
        "UpdateAccount"),
    "oms.application.invoicing.bill_listings": ("bill_page", "supplier_payment_page"),
    "oms.application.invoicing.invoices": ("CreateCreditNote", "CreditLine", "DeleteDraftInvoice"),
    "oms.application.invoicing.payments": ("AllocatePayment", "RecordPayment", "UnallocatePayment"),
    "oms.application.invoicing.vendor_bills": (
        "AllocateSupplierPayment", "CancelVendorBill", "CreateDebitNote", "DebitLine", "PayBill", "PaySupplier",
        "ReleaseBillForPayment", "UnallocateSupplierPayment", "show_bill", "show_supplier_payment"),
    "oms.application.masterdata.branches": ("CreateBranch", "CreateWarehouse"),
    "oms.application.masterdata.customers": ("CreateCustomer", "UpdateCustomer"),
    "oms.application.masterdata.exchange_rate_imports": ("ExchangeRateRow", "ImportExchangeRates"),
    "oms.application.masterdata.exchange_rates": ("SetExchangeRate",),
    "oms.application.masterdata.imports": (
        "CustomerRow", "ImportCustomers", "ImportProducts", "ImportReport", "ProductRow", "RowError"),
    "oms.application.masterdata.lines": ("LineInput",),
    "oms.application.masterdata.products": ("CreateProduct", "UpdateProduct"),
    "oms.application.masterdata.supplier_exports": ("supplier_price_records",),
    "oms.application.masterdata.supplier_imports": (
        "ImportSupplierPrices", "ImportSuppliers", "SupplierPriceRow", "SupplierRow"),
    "oms.application.masterdata.supplier_queries": (
        "exchange_rate_list", "exchange_rate_on", "preferred_supplier", "product_supplier_prices", "purchase_price",
        "show_supplier", "supplier_page"),
    "oms.application.masterdata.suppliers": (
        "CreateSupplier", "DeactivateSupplier", "RemoveSupplierPrice", "SetSupplierPrice", "UpdateSupplier"),
    "oms.application.masterdata.tax_rates": ("SetTaxRate",),
    "oms.application.messagebus": ("MessageBus",),
    "oms.application.processes.billing": ("InvoiceLineRequest", "InvoiceOrders", "PostInvoice"),
    "oms.application.processes.planning": (
        "CreateProposedPurchaseOrders", "CreateProposedRfqs", "PreparePurchaseProposal", "ProposalPick",
        "prepared_proposal", "what_to_buy"),
    "oms.application.processes.returned_goods": ("CreditReturnedGoods",),
    "oms.application.processes.vendor_billing": (
        "BillLineRequest", "BillPurchaseOrder", "PostVendorBill", "RematchVendorBill", "purchase_order_billing"),
    "oms.application.processes.make_to_order": ("MakeToOrder",),
    "oms.application.processes.service_billing": ("InvoiceServiceOrders",),
    "oms.application.processes.service_work": ("CreateServiceOrderForLine",),
    "oms.application.processes.subscription_charges": (
        "ChargeRun", "ChargeSubscriber", "ChargeToMake", "ChargeView", "RecordChargeOutcome", "charges_to_make",
        "make_charges", "subscription_charges"),
    "oms.application.processes.subscription_dunning": ("DunSubscription", "DunningRun", "run_subscription_dunning"),
    "oms.application.processes.subscription_renewals": ("RenewSubscription", "RenewSubscriptions", "RenewalRun",
                                                        "renew_due_subscriptions"),
    "oms.application.production.boms": ("ActivateBomVersion", "ComponentInput", "CreateBom", "OperationInput"),
    "oms.application.production.queries": ("show_bom", "show_service_order", "show_work_order"),
    "oms.application.production.service_orders": (
        "AddMilestone", "ApproveLabour", "CancelServiceOrder", "CreateServiceOrder", "FinishServiceOrder", "LogLabour",
        "ReachMilestone", "RemoveLabour", "ScheduleServiceOrder", "StartServiceOrder", "UpdateLabour"),
    "oms.application.production.work_orders": (
        "CancelWorkOrder", "CloseWorkOrder", "ConsumedInput", "CreateWorkOrder", "ReleaseWorkOrder", "ReportOutput",
        "ReserveMissingComponents", "TransferMaterial"),
    "oms.application.procurement.planning": ("SetReorderRule",),
    "oms.application.procurement.purchase_orders": (
        "AddPurchaseOrderLine", "ApprovePurchaseOrder", "CancelPurchaseOrder", "ClosePurchaseOrder",
        "CreatePurchaseOrder", "PlacePurchaseOrder", "ReceiptLine", "ReceiveGoods", "RemovePurchaseOrderLine",
        "ReturnToSupplier", "SendPurchaseOrder", "UpdatePurchaseOrderLine"),
    "oms.application.procurement.rfqs": (
        "AwardInput", "AwardRfq", "CancelRfq", "CloseRfq", "CreateRfq", "DeclineRfq", "OfferInput",
        "RecordSupplierQuotation", "RfqLineInput", "SendRfq"),
    "oms.application.procurement.settings": ("SetProcurementSettings", "SetReceiptTolerance"),
    "oms.application.sales.quotations": (
        "AcceptQuotation", "AddQuotationLine", "CancelQuotation", "ConvertQuotation", "CreateQuotation",
        "ExpireQuotations", "RejectQuotation", "RemoveQuotationLine", "ReviseQuotation", "SendQuotation",
        "SetQuotationTerms", "UpdateQuotationLine"),
    "oms.application.sales.returns": ("AuthoriseReturn", "ReceiveReturn"),
    "oms.application.sales.sales_orders": (
        "AddOrderLine", "CancelSalesOrder", "CompleteSalesOrder", "ConfirmSalesOrder", "CreateSalesOrder",
        "HoldSalesOrder", "IssueGoods", "IssueLine", "ReleaseSalesOrder", "RemoveOrderLine", "ReserveBackorders",
        "SetOrderDiscount", "UpdateOrderLine"),
    "oms.application.service": ("OrderManagement",),
    "oms.application.shared.commands": ("Command",),
    "oms.application.shared.housekeeping": ("ForgetExpiredRequests",),
    "oms.application.shared.relay": ("EventPage", "EventRelay", "event_feed"),
    "oms.application.stock.commands": ("AdjustStock", "ReceiveStock"),
    "oms.application.stock.valuation": ("stock_valuation",),
    "oms.application.subscriptions.plans": ("CreatePlan", "PlanLineInput"),
    "oms.application.subscriptions.measures": ("MrrView", "SubscriptionMeasures", "subscription_measures"),
    "oms.application.subscriptions.calendar": ("DueRenewal", "RenewalCalendar", "RenewalDay", "renewal_calendar"),
    "oms.application.subscriptions.queries": ("show_plan", "show_subscription"),
    "oms.application.subscriptions.subscriptions": (
        "CancelSubscription", "ChangePlan", "ChangeQuantity", "PauseSubscription", "ProrationBilled", "QuantityInput",
        "ResolvePaymentException", "ResumeSubscription", "SetPaymentMethod", "Subscribe"),
    "oms.application.webhooks.subscriptions": (
        "CreateWebhook", "DeleteWebhook", "DisableWebhook", "RotateWebhookSecret", "UpdateWebhook"),
    "oms.domain.accounting.accounts": ("Account", "AccountRole", "AccountType", "ScopeKind"),
    "oms.domain.accounting.journal": ("JournalEntry", "JournalLine"),
    "oms.domain.invoicing.invoices": ("Invoice", "InvoiceKind", "InvoiceStatus"),
    "oms.domain.invoicing.payments": ("Payment", "PaymentMethod", "PaymentReceived"),
    "oms.domain.invoicing.receivables": ("PaymentStatus",),
    "oms.domain.invoicing.supplier_payments": ("BillPaymentStatus", "SupplierPayment", "SupplierPaymentMade"),
    "oms.domain.invoicing.vendor_bills": (
        "BillKind", "BillStatus", "DebitNotePosted", "MatchStatus", "VendorBill", "VendorBillPosted", "match_line"),
    "oms.domain.masterdata.exchange_rates": ("ExchangeRate", "NoExchangeRate", "convert", "rate_on"),
    "oms.domain.masterdata.parties": ("Address", "Branch", "Customer", "Warehouse"),
    "oms.domain.masterdata.payment_terms": ("InvalidPaymentTerms", "PaymentTerms"),
    "oms.domain.masterdata.products": ("Product",),
    "oms.domain.masterdata.supplier_prices": ("SupplierPrice",),
    "oms.domain.masterdata.suppliers": ("Supplier",),
    "oms.domain.procurement.comparison": ("compare", "compare_offers"),
    "oms.domain.procurement.purchase_order": ("PurchaseOrder", "PurchaseOrderStatus", "ReceiptStatus"),
    "oms.domain.procurement.rfqs": ("InvitationStatus", "Rfq", "RfqStatus"),
    "oms.domain.production.boms": ("ComponentKind", "ConsumptionMode"),
    "oms.domain.production.records": ("BackflushBasis", "WorkOrderStatus"),
    "oms.domain.production.service_orders": ("ServiceOrderStatus", "ServicePolicy"),
    "oms.domain.sales.goods_issues": ("GoodsIssue",),
    "oms.domain.sales.quotation": ("Quotation", "QuotationStatus"),
    "oms.domain.sales.returns": ("CustomerReturn",),
    "oms.domain.sales.sales_order": ("SalesOrder", "SalesOrderStatus"),
    "oms.domain.shared.discounts": ("Discount", "DiscountKind"),
    "oms.domain.shared.errors": (
        "AlreadyExists", "BusinessRuleViolation", "ConcurrencyConflict", "DomainError", "InvalidValue", "NotFound",
        "StoreBusy"),
    "oms.domain.shared.events": ("DomainEvent",),
    "oms.domain.shared.items": ("InvoicePolicy", "ProductKind"),
    "oms.domain.shared.money": ("Currency", "Money"),
    "oms.domain.shared.pricing": ("DocumentTotals", "PricingLine", "PricingTerms", "price_document"),
    "oms.domain.shared.tax": ("TaxCategory", "TaxRounding"),
    "oms.domain.stock.levels": ("MovementKind", "StockLevel", "StockMovement"),
    "oms.domain.subscriptions.charges": ("Charge", "ChargeOutcome"),
    "oms.domain.subscriptions.measures": ("RecurringHistory", "movements", "mrr"),
    "oms.domain.subscriptions.periods": ("IntervalUnit",),
    "oms.domain.subscriptions.records": ("AfterDunning", "DunningPolicy", "SubscriptionStatus"),
    "oms.entrypoints.bootstrap": ("bootstrap",),
    "oms.application.carts.carts": ("AddToCart", "ChangeCartLine", "NewCart", "OpenCart", "RemoveCartLine",
                                    "RestoreCart", "SetCartContact", "SignInToCart"),
    "oms.application.carts.policies": ("SetCartPolicy",),
    "oms.application.processes.cart_checkout": ("CheckOutCart", "CheckedOut", "MarkCartCaptured",
                                                "RecordCartAuthorisation", "TotalChanged", "check_out_paying"),
    "oms.application.processes.cart_messages": ("MarkRecoveryMessageFailed", "RecoveryMailSubscriber"),
    "oms.application.processes.cart_recovery": ("CartJobRun", "ClaimRecoveryMessages", "ExpireCarts",
                                                "MarkRecoveryMessageSent", "run_cart_expiry", "run_cart_recovery"),
    "oms.domain.carts.carts": ("CartStatus",),
    "oms.ports.shared.documents": ("DocumentRef",),
    "oms.ports.shared.notifier": ("EmailMessage", "NotificationFailed", "Notifier"),
    "oms.ports.shared.relay": ("EventSubscriber", "PublishedEvent"),
}
_MODULE_OF = {name: module for module, names in _PLACES.items() for name in names}

if not TYPE_CHECKING:  # hidden from mypy, which would otherwise take any misspelt name for one of type Any
    def __getattr__(name: str) -> Any:
        """The public name, imported from its module on first use and kept."""
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = globals()[name] = getattr(import_module(module), name)
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
