"""The story the API's examples are recorded from: one call of every operation, on the demo data, in an order that
works (a quotation is made, sent, accepted and converted; an order is confirmed, shipped and closed). The first
call of each operation is its example; add a call here for every new operation, then record again."""

from __future__ import annotations

from typing import Any, Protocol

IN_EXCEPTION = "SUB-000005"  # the demo's subscription whose last charge got no answer (demo_subscriptions.py)


class Call(Protocol):
    """Runs an operation (by its id) through the API and answers the response's JSON."""

    def __call__(self, operation: str, body: Any = None, *, query: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None, **path: str) -> Any: ...


def _percent(value: str) -> dict[str, str]:
    return {"kind": "percent", "value": value}


def open_endpoints(call: Call) -> None:
    for operation in ("index", "index_with_slash", "health", "readiness", "openapi"):
        call(operation)


def catalog(call: Call) -> None:
    call("list_products", query={"category": "furniture", "search": "desk", "limit": "2"})
    call("create_product", {"sku": "DESK-XL", "name": "Standing desk XL", "price": "549.00", "currency": "EUR",
                            "kind": "stocked", "uom": "unit", "tax_category": "standard",
                            "invoice_policy": "delivered", "category": "furniture"})
    call("get_product", sku="DESK-OAK")
    call("update_product", {"price": "299.00", "category": "furniture/desks"}, sku="DESK-OAK")
    call("list_tax_rates")
    call("set_tax_rate", {"jurisdiction": "DE", "category": "zero", "rate": "0"})
    call("import_products", {"partial": True, "rows": [
        {"row": 2, "sku": "LAMP-LED", "name": "LED lamp", "kind": "stocked", "uom": "unit", "price": "42.00",
         "currency": "EUR", "tax_category": "standard", "category": "lighting"},
        {"row": 3, "sku": "LAMP-NEW", "name": "New lamp", "kind": "stocked", "uom": "unit", "price": "cheap",
         "currency": "EUR", "tax_category": "standard"}]})


def parties(call: Call) -> None:
    call("list_customers", query={"active": "true", "limit": "2"})
    call("create_customer", {"code": "GLOBEX", "name": "Globex AG", "email": "orders@globex.example",
                             "billing_address": {"line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115",
                                                 "country": "DE"}})
    call("update_customer", {"email": "einkauf@acme.example"}, code="ACME")
    call("get_customer", code="ACME")
    call("import_customers", {"rows": [{"row": 2, "code": "INITECH", "name": "Initech GmbH",
                                        "shipping_address": {"city": "Munich", "country": "DE"}}]})
    call("create_branch", {"code": "HAM", "name": "Hamburg", "currency": "EUR", "tax_jurisdiction": "DE"})
    call("list_branches")
    call("get_branch", code="BER")
    call("create_warehouse", {"code": "HAM-MAIN", "name": "Hamburg main", "branch_code": "HAM", "priority": 10})
    call("list_warehouses")
    call("get_warehouse", code="BER-MAIN")


def suppliers(call: Call) -> None:
    call("list_suppliers", query={"active": "true", "limit": "2"})
    call("create_supplier", {"code": "NORDIC", "name": "Nordic Furniture AB", "currency": "EUR",
                             "payment_terms": "net 30", "lead_time_days": 12, "email": "sales@nordic.example",
                             "address": {"city": "Malmö", "country": "SE"}})
    call("update_supplier", {"lead_time_days": 10}, code="NORDIC")
    priced = call("set_supplier_price", {"sku": "DESK-OAK", "price": "1550.00", "min_quantity": "10",
                                         "purchase_unit": "pallet of 10", "unit_factor": "10"}, code="NORDIC")
    call("get_supplier", code="OAKWORKS")
    call("list_product_supplier_prices", sku="DESK-OAK")
    call("get_purchase_price", sku="LAMP-LED", query={"supplier": "BRIGHT", "quantity": "20", "currency": "EUR"})
    call("get_preferred_supplier", sku="DESK-OAK", query={"branch": "BER", "quantity": "10"})
    call("remove_supplier_price", code="NORDIC", price_id=priced["prices"][0]["id"])
    call("deactivate_supplier", code="NORDIC")
    call("list_exchange_rates")
    call("set_exchange_rate", {"from_currency": "EUR", "to_currency": "USD", "day": "2026-03-02", "rate": "1.0842"})
    call("get_exchange_rate", from_currency="USD", to_currency="EUR", query={"day": "2026-03-02"})
    call("import_suppliers", {"rows": [{"row": 2, "code": "ALPINE", "name": "Alpine Office GmbH", "currency": "EUR",
                                        "payment_terms": "net 14", "lead_time_days": "6",
                                        "address": {"city": "Innsbruck", "country": "AT"}}]})
    call("import_supplier_prices", {"partial": True, "rows": [
        {"row": 2, "supplier_code": "ALPINE", "sku": "DESK-OAK", "price": "149.00", "min_quantity": "5",
         "valid_from": "2026-01-01"},
        {"row": 3, "supplier_code": "ALPINE", "sku": "DESK-OAK", "price": "139.00", "min_quantity": "5",
         "valid_from": "2026-01-01"}]})
    call("import_exchange_rates", {"rows": [{"row": 2, "from_currency": "EUR", "to_currency": "CHF",
                                             "day": "2026-03-02", "rate": "0.9412"}]})


def stock(call: Call) -> None:
    call("product_stock", sku="CHAIR-ERGO")
    call("receive_stock", {"sku": "CHAIR-ERGO", "warehouse_code": "BER-MAIN", "quantity": "20",
                           "reference": "delivery note 4711", "unit_cost": "118.50"})
    call("adjust_stock", {"sku": "CHAIR-ERGO", "warehouse_code": "BER-MAIN", "quantity": "-2",
                          "reason": "damaged in storage"})
    call("list_movements", query={"sku": "CHAIR-ERGO", "order": "newest", "limit": "2"})
    call("low_stock", query={"threshold": "5", "warehouse": "BER-MAIN"})


def quotations(call: Call) -> None:
    quotation = call("create_quotation", {
        "customer_code": "ACME", "branch_code": "BER", "order_discount": _percent("5"), "notes": "Delivery in May",
        "lines": [{"sku": "DESK-OAK", "quantity": "10"},
                  {"sku": "CHAIR-ERGO", "quantity": "10", "discount": _percent("10")}]})
    ref = quotation["number"]
    added = call("add_quotation_line", {"sku": "SVC-ASSEMBLY", "quantity": "4"}, ref=ref)
    call("update_quotation_line", {"quantity": "12"}, ref=ref, line_id=quotation["lines"][0]["id"])
    call("remove_quotation_line", ref=ref, line_id=added["lines"][-1]["id"])
    call("set_quotation_terms", {"valid_until": "2026-04-30", "notes": "Delivery in April"}, ref=ref)
    call("send_quotation", ref=ref)
    call("get_quotation", ref=ref)
    call("quotation_events", ref=ref)
    call("list_quotations", query={"search": "acme", "status": "sent", "valid_until_before": "2026-05-01"})
    call("accept_quotation", ref=ref)
    call("convert_quotation", {"customer_reference": "PO-2026-118"}, ref=ref)
    small = {"customer_code": "CUST-002", "branch_code": "BER", "lines": [{"sku": "BOOK-DESIGN", "quantity": "3"}]}
    rejected, cancelled, revised = (call("create_quotation", small)["number"] for _ in range(3))
    call("send_quotation", ref=rejected)
    call("reject_quotation", {"reason": "too expensive"}, ref=rejected)
    call("cancel_quotation", {"reason": "entered twice"}, ref=cancelled)
    call("send_quotation", ref=revised)
    call("revise_quotation", {"valid_until": "2026-05-15"}, ref=revised)
    call("expire_quotations")


def sales_orders(call: Call) -> None:
    order = call("create_sales_order", {
        "customer_code": "ACME", "branch_code": "BER", "customer_reference": "PO-2026-120",
        "lines": [{"sku": "DESK-OAK", "quantity": "2"}, {"sku": "LAMP-LED", "quantity": "3"}]})
    ref = order["number"]
    added = call("add_order_line", {"sku": "CABLE-HDMI", "quantity": "5.5"}, ref=ref)
    call("update_order_line", {"quantity": "4", "discount": _percent("10")}, ref=ref,
         line_id=order["lines"][1]["id"])
    call("remove_order_line", ref=ref, line_id=added["lines"][-1]["id"])
    call("set_order_discount", {"discount": _percent("3")}, ref=ref)
    confirmed = call("confirm_sales_order", ref=ref)
    call("hold_sales_order", {"reason": "awaiting payment"}, ref=ref)
    call("release_sales_order", {"reason": "paid"}, ref=ref)
    call("issue_goods", {"warehouse_code": "BER-MAIN", "lines": [
        {"line_id": confirmed["lines"][0]["id"], "quantity": "2"},
        {"line_id": confirmed["lines"][1]["id"], "quantity": "1"}]}, ref=ref)
    call("get_sales_order", ref=ref)
    call("sales_order_events", ref=ref)
    call("list_events", query={"type": "GoodsIssued", "limit": "1"})
    call("list_sales_orders", query={"status": "partially_issued", "limit": "2"})
    call("complete_sales_order", {"reason": "the customer needs no more lamps"}, ref=ref)
    backordered = call("create_sales_order", {"customer_code": "ACME", "branch_code": "BER",
                                              "allow_backorder": True, "confirm": True,
                                              "lines": [{"sku": "EXPORT-SMALL", "quantity": "1000"}]})
    call("receive_stock", {"sku": "EXPORT-SMALL", "warehouse_code": "BER-MAIN", "quantity": "1000"})
    call("reserve_backorders", ref=backordered["number"])
    call("cancel_sales_order", {"reason": "the customer ordered elsewhere"}, ref=backordered["number"])
    call("show_overview", query={"limit": "3"})
    call("list_reports")
    call("show_report", name="sales", query={"start": "2026-03-01", "end": "2026-03-31", "by": "week",
                                             "branch": "BER"})


def invoices(call: Call) -> None:
    order = call("create_sales_order", {"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                        "lines": [{"sku": "DESK-OAK", "quantity": "4"},
                                                  {"sku": "SVC-ASSEMBLY", "quantity": "2"}]})
    ref = order["number"]
    call("issue_goods", {"warehouse_code": "BER-MAIN", "lines": [{"line_id": order["lines"][0]["id"],
                                                                  "quantity": "3"}]}, ref=ref)
    draft = call("create_invoice", {"orders": [ref]})
    call("get_invoice", ref=draft["id"])
    posted = call("post_invoice", {"invoice_date": "2026-03-02"}, ref=draft["id"])
    call("sales_order_billing", ref=ref)
    note = call("credit_invoice", {"lines": [{"line": "1", "quantity": "1"}]}, ref=posted["number"])
    call("post_invoice", ref=note["id"])
    call("list_invoices", query={"kind": "invoice", "status": "posted", "limit": "10"})
    spare = call("create_invoice", {"lines": [{"order": ref, "line": "DESK-OAK", "quantity": "1"}]})
    call("delete_invoice", ref=spare["id"])
    payments(call, posted["number"])


def payments(call: Call, invoice: str) -> None:
    paid = call("record_payment", {"customer_code": "ACME", "amount": "100.00", "currency": "EUR",
                                   "method": "bank_transfer", "reference": "statement 2026-03 #14",
                                   "invoice_id": invoice})
    call("unallocate_payment", {"invoice_id": invoice}, ref=paid["number"])
    call("allocate_payment", {"invoice_id": invoice, "amount": "60.00"}, ref=paid["number"])
    call("get_payment", ref=paid["number"])
    call("list_payments", query={"customer": "ACME"})
    call("get_customer_statement", code="ACME", query={"from_date": "2026-03-01"})
    call("get_receivables_ageing", query={"as_of": "2026-03-31"})


def returns_and_valuation(call: Call) -> None:
    order = call("create_sales_order", {"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                        "lines": [{"sku": "DESK-OAK", "quantity": "2"}]})
    ref, line = order["number"], order["lines"][0]["id"]
    call("issue_goods", {"warehouse_code": "BER-MAIN", "lines": [{"line_id": line, "quantity": "2"}]}, ref=ref)
    call("post_invoice", ref=call("create_invoice", {"orders": [ref]})["id"])
    authorised = call("authorise_return", {"line_id": line, "quantity": "1", "reason": "scratched top"}, ref=ref)
    call("receive_return", {"warehouse_code": "BER-MAIN"}, ref=ref, return_number=authorised["returns"][0]["number"])
    call("credit_returned_goods", ref=ref)
    call("stock_valuation", query={"warehouse": "BER-MAIN"})


def books(call: Call) -> None:
    call("get_chart")
    call("create_account", {"code": "3000", "name": "Owner's equity", "type": "equity"})
    call("update_account", {"name": "Owner's capital"}, code="3000")
    call("get_account", code="3000")
    call("create_account", {"code": "6000", "name": "Rent", "type": "expense"})
    call("delete_account", code="6000")
    call("map_account", {"role": "tax_payable", "account_code": "2100", "scope": "tax",
                         "scope_key": "standard/0.19"})
    entry = call("post_journal_entry", {"description": "Capital paid in", "entry_date": "2026-03-01", "lines": [
        {"account": "1200", "debit": "10000.00"}, {"account": "3000", "credit": "10000.00"}]})
    call("get_journal_entry", ref=entry["number"])
    call("list_journal_entries", query={"since": "2026-03-01", "until": "2026-03-31"})
    call("get_trial_balance", query={"since": "2026-03-01"})
    call("get_account_ledger", code="1100", query={"until": "2026-12-31"})
    call("set_lock_date", {"lock_date": "2026-02-28"})
    call("get_lock_date")


def webhooks(call: Call) -> None:
    """A subscription made, read, changed, given a new secret, disabled and deleted; a failed delivery (the recorder
    leaves one) resent."""
    made = call("create_webhook", {"url": "https://shop.example.com/oms-events", "event_types": [
        "SalesOrderConfirmed", "InvoiceIssued"], "description": "shop front"})
    call("update_webhook", {"event_types": ["*"]}, subscription_id=made["id"])
    call("get_webhook", subscription_id=made["id"])
    call("list_webhook_subscriptions")
    call("list_webhook_deliveries", subscription_id=made["id"], query={"limit": "10"})
    failed = call("list_all_webhook_deliveries", query={"failed": "true"})
    call("resend_webhook_delivery", delivery_id=failed["items"][0]["id"])
    call("rotate_webhook_secret", subscription_id=made["id"])
    call("disable_webhook", subscription_id=made["id"])
    call("delete_webhook", subscription_id=made["id"])


def purchasing(call: Call) -> None:
    """A purchase order made, edited, sent, ordered, received in part, returned from and closed short; another
    waiting for approval, approved; a third cancelled; Berlin's settings."""
    call("set_procurement_settings", {"approval_threshold": "5000.00", "over_receipt_percent": "5"}, code="BER")
    call("set_receipt_tolerance", {"percent": "10"}, code="BER", sku="CHAIR-ERGO")
    call("get_procurement_settings", code="BER")
    suppliers = call("list_purchase_orders", query={"status": "received"})
    supplier = suppliers["items"][0]["supplier_code"]
    order = call("create_purchase_order", {"supplier_code": supplier, "branch_code": "BER", "lines": [
        {"sku": "DESK-OAK", "quantity": "20", "unit_price": "150.00"}]})
    ref = order["number"]
    added = call("add_purchase_order_line", {"sku": "CHAIR-ERGO", "quantity": "10", "unit_price": "75.00"}, ref=ref)
    call("update_purchase_order_line", {"quantity": "12"}, ref=ref, line_id=added["lines"][1]["id"])
    extra = call("add_purchase_order_line", {"sku": "LAMP-LED", "quantity": "1", "unit_price": "20.00"}, ref=ref)
    call("remove_purchase_order_line", ref=ref, line_id=extra["lines"][-1]["id"])
    call("send_purchase_order", ref=ref)
    call("order_purchase_order", ref=ref)
    lines = added["lines"]
    call("receive_goods", {"lines": [{"line_id": lines[0]["id"], "quantity": "20"},
                                     {"line_id": lines[1]["id"], "quantity": "8"}]}, ref=ref)
    call("return_to_supplier", {"line_id": lines[0]["id"], "quantity": "2", "reason": "scratched"}, ref=ref)
    call("close_purchase_order", {"reason": "the rest comes on a new order"}, ref=ref)
    call("get_purchase_order", ref=ref)
    call("purchase_order_events", ref=ref)
    big = call("create_purchase_order", {"supplier_code": supplier, "branch_code": "BER", "lines": [
        {"sku": "DESK-OAK", "quantity": "40", "unit_price": "150.00"}]})
    call("order_purchase_order", ref=big["number"])
    call("approve_purchase_order", ref=big["number"])
    dropped = call("create_purchase_order", {"supplier_code": supplier, "branch_code": "BER", "lines": [
        {"sku": "DESK-OAK", "quantity": "1", "unit_price": "150.00"}]})
    call("cancel_purchase_order", {"reason": "ordered twice"}, ref=dropped["number"])


def vendor_bills(call: Call) -> None:
    """A received order billed (by its received quantities), posted, matched again, debited, paid in part by a bill
    payment and by a payment allocated later; an ordered one billed before receipt (hold), released; a draft
    cancelled."""
    received = call("list_purchase_orders", query={"status": "received"})["items"][0]["number"]
    call("get_purchase_order_billing", ref=received)
    draft = call("create_vendor_bill", {"order_id": received, "supplier_invoice_number": "INV-2026-0815",
                                        "bill_date": "2026-03-02"})
    bill = call("post_vendor_bill", ref=draft["id"])
    number = bill["number"]
    call("rematch_vendor_bill", ref=number)
    note = call("debit_vendor_bill", {"supplier_invoice_number": "CN-2026-0042", "bill_date": "2026-03-02",
                                      "lines": [{"line": "1", "quantity": "1"}]}, ref=number)
    call("post_vendor_bill", ref=note["id"])
    call("pay_vendor_bill", {"amount": "100.00", "reference": "bank run 12"}, ref=number)
    payment = call("record_supplier_payment", {"supplier_code": bill["supplier_code"], "amount": "50.00",
                                               "currency": bill["currency"], "reference": "bank run 13"})
    call("allocate_supplier_payment", {"bill_id": number, "amount": "50.00"}, ref=payment["number"])
    call("unallocate_supplier_payment", {"bill_id": number}, ref=payment["number"])
    call("allocate_supplier_payment", {"bill_id": number, "amount": "50.00"}, ref=payment["number"])
    call("get_bill", ref=number)
    call("list_supplier_payments")
    call("get_supplier_payment", ref=payment["number"])
    ordered = call("list_purchase_orders", query={"status": "ordered"})["items"][0]["number"]
    early = call("create_vendor_bill", {"order_id": ordered, "supplier_invoice_number": "INV-2026-0901",
                                        "bill_date": "2026-03-02", "lines": [{"line": "1", "quantity": "1"}]})
    held = call("post_vendor_bill", ref=early["id"])
    call("release_vendor_bill", ref=held["number"])
    call("list_bills", query={"match": "hold"})
    dropped = call("create_vendor_bill", {"order_id": ordered, "supplier_invoice_number": "INV-2026-0902",
                                          "lines": [{"line": "1", "quantity": "1"}]})
    call("cancel_vendor_bill", ref=dropped["id"])
def rfqs(call: Call) -> None:
    """The demo's RFQ compared (and with its expired offer), a new one sent to two suppliers, answered, declined,
    awarded into purchase orders and closed; a third cancelled."""
    demo = call("list_rfqs", query={"status": "sent"})["items"][0]["number"]
    call("get_rfq", ref=demo)
    call("compare_rfq", ref=demo, query={"include_expired": "true"})
    suppliers = [s["supplier_code"] for s in call("get_rfq", ref=demo)["suppliers"]]
    made = call("create_rfq", {"branch_code": "BER", "suppliers": suppliers, "lines": [
        {"sku": "DESK-OAK", "quantity": "20", "wanted_date": "2026-04-30"}, {"sku": "LAMP-LED", "quantity": "40"}]})
    ref = made["number"]
    call("send_rfq", ref=ref)
    call("record_supplier_quotation", {"supplier_code": suppliers[0], "valid_until": "2026-05-31",
                                       "reference": "Q-778", "lines": [
        {"line": "1", "price": "148.00", "quantity": "20", "lead_time_days": 12},
        {"line": "2", "price": "180.00", "quantity": "4", "unit_factor": "10", "purchase_unit": "box of 10"}]},
         ref=ref)
    call("decline_rfq", {"supplier_code": suppliers[1], "reason": "no capacity this month"}, ref=ref)
    call("award_rfq", {"lines": [{"line": "1", "supplier_code": suppliers[0], "quantity": "20"}],
                       "key": "desks-2026-04"}, ref=ref)
    call("close_rfq", {"reason": "lamps bought elsewhere"}, ref=ref)
    dropped = call("create_rfq", {"branch_code": "BER", "suppliers": suppliers[:1], "lines": [
        {"sku": "DESK-OAK", "quantity": "5"}]})
    call("cancel_rfq", {"reason": "asked twice"}, ref=dropped["number"])


def planning(call: Call) -> None:
    rule = call("set_reorder_rule", {"sku": "LAMP-ARC", "warehouse_code": "BER-MAIN", "minimum": "300",
                                     "maximum": "500", "multiple": "25"})
    call("get_reorder_rule", rule_id=rule["id"])
    call("list_reorder_rules")
    call("get_what_to_buy", query={"day": "2026-03-02"})
    prepared = call("prepare_purchase_proposal", {})
    call("get_purchase_proposal", day="latest")
    pick = next(line for line in prepared["lines"] if line["supplier_code"])
    call("create_proposed_purchase_orders", {"picks": [{"sku": pick["sku"], "warehouse_code": pick["warehouse_code"]}]})
    other = next(line for line in prepared["lines"] if line is not pick)
    call("create_proposed_rfqs", {"picks": [{"sku": other["sku"], "warehouse_code": other["warehouse_code"]}]})


def production(call: Call) -> None:
    """A lamp set made by its bill of materials (a second revision made and the first made active again): a work
    order released, given more lamps, made in two outputs (the second using a lamp more than the BOM says) and
    closed; another cancelled; a sales order's backordered sets made to order and its assembly hours given a
    service order; a repair scheduled, worked, its hours logged, approved, changed and removed, finished and
    invoiced; a service
    by milestones cancelled."""
    call("create_product", {"sku": "LAMP-SET", "name": "Lamp set", "price": "99.00", "currency": "EUR",
                            "kind": "stocked", "uom": "unit", "tax_category": "standard"})
    set_bom = {"sku": "LAMP-SET", "consumption": "warning", "overhead_per_unit": "2.00", "components": [
        {"sku": "LAMP-LED", "quantity": "2"}, {"sku": "CABLE-POWER", "quantity": "1.5", "scrap_percent": "5"}],
        "operations": [{"name": "Assemble", "hours": "0.25", "rate": "30.00"}]}
    call("create_bom", set_bom)
    call("create_bom", {**set_bom, "components": [{"sku": "LAMP-LED", "quantity": "2"}], "activate": False})
    call("activate_bom", {"revision": 1}, sku="LAMP-SET")
    call("list_boms", query={"search": "lamp"})
    call("get_bom", sku="LAMP-SET")
    call("list_bom_revisions", sku="LAMP-SET")
    ref = call("create_work_order", {"sku": "LAMP-SET", "quantity": "10", "warehouse_code": "BER-MAIN",
                                     "overproduction_percent": "10"})["number"]
    call("release_work_order", ref=ref)
    call("reserve_work_order", ref=ref)
    call("transfer_material", {"lines": [{"sku": "LAMP-LED", "quantity": "1"}]}, ref=ref)
    call("report_output", {"quantity": "4"}, ref=ref)
    call("report_output", {"quantity": "6", "consumed": [{"sku": "LAMP-LED", "quantity": "13"},
                                                         {"sku": "CABLE-POWER", "quantity": "9.47"}]}, ref=ref)
    call("close_work_order", {}, ref=ref)
    call("get_work_order", ref=ref)
    dropped = call("create_work_order", {"sku": "LAMP-SET", "quantity": "2", "warehouse_code": "BER-MAIN"})
    call("cancel_work_order", {"reason": "planned twice"}, ref=dropped["number"])
    call("list_work_orders", query={"sku": "LAMP-SET", "status": "done"})
    order = call("create_sales_order", {"customer_code": "ACME", "branch_code": "BER", "allow_backorder": True,
                                        "confirm": True, "lines": [{"sku": "LAMP-SET", "quantity": "20"},
                                                                   {"sku": "SVC-ASSEMBLY", "quantity": "4"}]})
    sets, assembly = (line["id"] for line in order["lines"])
    call("make_to_order", {"line_id": sets}, ref=order["number"])
    call("create_service_order_for_line", {"line_id": assembly}, ref=order["number"])
    repair = call("create_service_order", {"sku": "SVC-REPAIR", "quantity": "6", "customer_code": "ACME"})["number"]
    call("schedule_service_order", {"technician": "Ada", "slot_start": "2026-03-03T08:00:00Z",
                                    "slot_end": "2026-03-03T12:00:00Z"}, ref=repair)
    call("start_service_order", ref=repair)
    call("log_labour", {"person": "Ada", "day": "2026-03-03", "hours": "4"}, ref=repair)
    logged = call("log_labour", {"person": "Ada", "day": "2026-03-04", "hours": "2", "billable": False},
                  ref=repair)["labour"]
    call("approve_labour", ref=repair, line_id=logged[0]["id"])
    call("update_labour", {"hours": "1.5"}, ref=repair, line_id=logged[1]["id"])
    call("remove_labour", ref=repair, line_id=logged[1]["id"])
    call("finish_service_order", ref=repair)
    call("invoice_service_orders", {"branch_code": "BER"}, ref=repair)
    call("get_service_order", ref=repair)
    call("list_service_orders", query={"technician": "ada"})
    staged = call("create_service_order", {"sku": "SVC-PLANNING", "policy": "milestones", "quantity": "3"})
    milestone = call("add_milestone", {"name": "Floor plan", "quantity": "1"}, ref=staged["number"])["milestones"]
    call("reach_milestone", ref=staged["number"], milestone_id=milestone[0]["id"])
    call("cancel_service_order", {"reason": "the customer moved"}, ref=staged["number"])


def subscriptions(call: Call) -> None:
    """Support by the month: a plan in two versions and a richer plan; ACME subscribed from March 1 with a card and
    renewed (the second renewal bills nothing), its charge answered and recorded, the card replaced, its dunning
    run (nothing overdue), given a third repair slot and moved up to the richer plan (each billed as
    a credit note and an invoice), paused for April and resumed, cancelled at the period end; March's MRR with the
    demo's subscriptions; the demo's subscription in payment exception (a charge got no answer) resolved."""
    support = {"code": "SUPPORT", "name": "Support", "currency": "EUR", "interval": "month",
               "lines": [{"sku": "SVC-REPAIR", "quantity": "2", "unit_price": "45.00"}]}
    call("create_plan", support)
    call("create_plan", {**support, "lines": [{"sku": "SVC-REPAIR", "quantity": "2", "unit_price": "47.50"}]})
    call("create_plan", {**support, "code": "SUPPORT-PLUS", "name": "Support plus", "trial_days": 0,
                         "lines": [{"sku": "SVC-REPAIR", "quantity": "4", "unit_price": "42.50"}]})
    call("list_plans", query={"search": "support"})
    call("get_plan", code="SUPPORT")
    ref = call("subscribe", {"customer_code": "ACME", "branch_code": "BER", "plan_code": "SUPPORT",
                             "start_day": "2026-03-01", "payment_method": "tok_visa_4242",
                             "retry_days": [1, 3, 5, 7], "after_last_failure": "unpaid"})["number"]
    renewed = call("renew_subscription", {}, ref=ref)
    call("record_charge_outcome", {"invoice": renewed["renewals"][0]["invoice"], "attempt": 0,
                                   "outcome": "succeeded", "reference": "ch_3QxT9a"}, ref=ref)
    call("set_payment_method", {"payment_method": "tok_mastercard_4444"}, ref=ref)
    call("dun_subscription", {}, ref=ref)
    call("change_quantity", {"sku": "SVC-REPAIR", "quantity": "3"}, ref=ref)
    call("change_plan", {"plan_code": "SUPPORT-PLUS"}, ref=ref)
    call("pause_subscription", {"start": "2026-04-01", "until": "2026-05-01"}, ref=ref)
    call("resume_subscription", {}, ref=ref)
    call("cancel_subscription", {"at_period_end": True, "reason": "moving to an annual contract"}, ref=ref)
    call("get_subscription", ref=ref)
    call("list_subscriptions", query={"customer": "ACME", "status": "active"})
    call("get_subscription_measures", query={"month": "2026-03"})
    call("resolve_payment_exception", {"reason": "the bank confirmed the charge of March"}, ref=IN_EXCEPTION)


def carts(call: Call) -> None:
    call("set_cart_policy", {"abandon_after_minutes": 60, "recovery_stage_minutes": [60, 1440], "recovery": True,
                             "hold_minutes": 15}, branch_code="BER")
    call("get_cart_policy", branch_code="BER")
    visitor = call("open_cart", {"branch_code": "BER", "email": "visitor@example.com"})
    token = {"X-Cart-Token": visitor["token"]}
    cart = call("add_cart_line", {"sku": "DESK-OAK", "quantity": "2"}, cart_id=visitor["id"], headers=token)
    line = cart["lines"][0]["id"]
    call("change_cart_line", {"quantity": "1"}, cart_id=visitor["id"], line_id=line, headers=token)
    call("set_cart_contact", {"email": "visitor@example.org"}, cart_id=visitor["id"], headers=token)
    cart = call("sign_in_to_cart", {"customer_code": "ACME"}, cart_id=visitor["id"], headers=token)
    cart = call("add_cart_line", {"sku": "CHAIR-ERGO", "quantity": "1"}, cart_id=cart["id"])
    chair = next(line["id"] for line in cart["lines"] if line["sku"] == "CHAIR-ERGO")
    call("remove_cart_line", cart_id=cart["id"], line_id=chair)
    total = call("get_cart", cart_id=cart["id"])["total"]["amount"]
    call("list_carts", query={"state": "active", "branch": "BER"})
    call("check_out_cart", {"expected_total": total, "customer_reference": "web-4711"}, cart_id=cart["id"])
    call("get_cart_recovery_rate", query={"from_month": "2026-01", "to_month": "2026-03"})


def maintenance(call: Call) -> None:
    call("forget_expired_requests")


def scenario(call: Call) -> None:
    """Every operation, in an order that works."""
    for part in (open_endpoints, catalog, parties, suppliers, stock, quotations, sales_orders, invoices,
                 returns_and_valuation, books, webhooks, purchasing, vendor_bills, rfqs, planning, production,
                 subscriptions, carts, maintenance):
        part(call)
