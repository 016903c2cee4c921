"""Invoicing and accounting: invoices, credit notes, payments and journal entries (to come)."""
