"""Work that spans document contexts (order to invoice, receipt to stock, cart to order, renewal to invoice)."""
