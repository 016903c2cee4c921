"""What an order line has left to bill, and its status, from its ordered, delivered and invoiced quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.invoicing.billing import BillingStatus, LineBilling, order_status
from oms.domain.shared.items import InvoicePolicy

ON_DELIVERY, ON_ORDER = InvoicePolicy.DELIVERED, InvoicePolicy.ORDERED


def _line(policy: InvoicePolicy, ordered: str, delivered: str, invoiced: str) -> LineBilling:
    return LineBilling(policy=policy, ordered=Decimal(ordered), delivered=Decimal(delivered),
                       invoiced=Decimal(invoiced))


@pytest.mark.parametrize(("line", "to_invoice", "to_credit", "status"), [
    (_line(ON_DELIVERY, "10", "0", "0"), "0", "0", BillingStatus.NOTHING_TO_INVOICE),
    (_line(ON_DELIVERY, "10", "6", "0"), "6", "0", BillingStatus.TO_INVOICE),
    (_line(ON_DELIVERY, "10", "6", "6"), "0", "0", BillingStatus.INVOICED),
    (_line(ON_DELIVERY, "10", "4", "6"), "0", "2", BillingStatus.TO_CREDIT),  # 2 of the 6 invoiced came back
    (_line(ON_ORDER, "10", "0", "0"), "10", "0", BillingStatus.TO_INVOICE),
    (_line(ON_ORDER, "10", "12", "10"), "0", "0", BillingStatus.UPSELLING),
])
def test_a_lines_quantities_to_invoice_and_to_credit_and_its_status(line: LineBilling, to_invoice: str,
                                                                    to_credit: str, status: BillingStatus) -> None:
    assert (line.to_invoice, line.to_credit, line.status) == (Decimal(to_invoice), Decimal(to_credit), status)


def test_an_order_is_to_invoice_before_to_credit_before_upselling_before_invoiced() -> None:
    invoiced, back = _line(ON_DELIVERY, "10", "6", "6"), _line(ON_DELIVERY, "10", "4", "6")

    assert order_status([invoiced, back]) is BillingStatus.TO_CREDIT
    assert order_status([back, _line(ON_DELIVERY, "5", "5", "0")]) is BillingStatus.TO_INVOICE
    assert order_status([invoiced, _line(ON_ORDER, "1", "2", "1")]) is BillingStatus.UPSELLING
