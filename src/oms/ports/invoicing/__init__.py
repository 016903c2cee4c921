"""Ports of the invoicing context (to come)."""
