"""The listings of purchase orders and requests for quotation: one row per document, filtered by status, supplier
(orders), branch, creation time (`from` inclusive, `until` exclusive) and a search, newest or oldest first."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.domain.procurement.rfqs import RfqStatus
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class PurchaseOrderSummary:
    """One row of the purchase orders: enough to show and to open the order, with how much of it has arrived."""

    id: str
    number: str
    status: str
    receipt_status: str
    supplier_id: str
    supplier_code: str
    supplier_name: str
    branch_id: str
    branch_code: str
    currency: str
    grand_total: Decimal
    created_at: datetime


@frozen(kw_only=True)
class RfqSummary:
    """One row of the requests for quotation: how many lines, suppliers asked and suppliers who answered."""

    id: str
    number: str
    status: str
    branch_id: str
    branch_code: str
    lines: int
    suppliers: int
    answered: int
    created_at: datetime


# `search`: a part of the number or of the supplier's code or name, in any case; the user's % and _ are literal.
PURCHASE_ORDERS: Listing[PurchaseOrderSummary] = Listing(
    name="purchase_orders",
    filters=frozenset({"status", "supplier_id", "branch_id", "from", "until", "search"}),
    choices={"status": frozenset(PurchaseOrderStatus)})

# `search`: a part of the number, in any case.
RFQS: Listing[RfqSummary] = Listing(
    name="rfqs", filters=frozenset({"status", "branch_id", "from", "until", "search"}),
    choices={"status": frozenset(RfqStatus)})
