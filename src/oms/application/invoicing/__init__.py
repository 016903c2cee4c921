"""Use cases of the invoicing context (to come)."""
