"""Procurement: requests for quotation, supplier quotations, purchase orders and goods receipts (to come)."""
